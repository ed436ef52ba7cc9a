"""What people type to name a sound: several descriptions per category, far more than the captions' keyword words.
The separator learns to find a category from any of them; `held_out` phrasings are kept for measuring how it
generalises to words it never saw."""

from __future__ import annotations

import random

from .taxonomy import TAXONOMY

DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "train": ("a train", "train passing", "a locomotive", "railway noise", "train on the tracks", "steam train", "a passing train"),
    "ship_horn": ("ship horn", "a foghorn", "boat horn blowing", "ferry horn", "a ship's horn", "horn of a ship"),
    "aircraft": ("an airplane", "jet flying over", "aircraft engine", "a plane passing", "jet engine roar", "propeller plane"),
    "helicopter": ("a helicopter", "helicopter rotor", "helicopter flying", "chopper blades"),
    "road_vehicle": ("a car", "car engine", "truck driving by", "traffic", "a bus", "engine running", "vehicle passing"),
    "car_horn": ("car horn", "honking", "a car honking", "horn beeping", "vehicle horn"),
    "cart": ("a cart", "cart wheels", "wooden wheels rolling", "wagon rolling", "creaking cart"),
    "applause": ("applause", "clapping", "people clapping", "a crowd cheering", "audience applauding", "cheers and applause"),
    "farm_animal": (
        "a cow mooing",
        "sheep bleating",
        "a horse neighing",
        "a pig grunting",
        "chickens clucking",
        "farm animals",
        "a goat",
        "horse hooves",
        "cattle",
    ),
    "wild_animal": ("a lion roaring", "monkeys chattering", "an elephant trumpeting", "a wolf howling", "wild animal", "a camel", "animal growling"),
    "bird": ("birds", "bird song", "birds chirping", "a crow cawing", "birds singing", "tweeting birds", "a peacock", "seagulls"),
    "power_tool": ("a chainsaw", "a drill", "jackhammer", "power tool", "a saw cutting", "electric drill whirring", "sawmill", "an angle grinder"),
    "hand_tool": (
        "hammering",
        "chopping wood",
        "digging",
        "a pickaxe",
        "an axe chopping",
        "shovel digging",
        "hammering on metal",
        "mining with a pick",
    ),
    "wind": ("wind", "wind blowing", "a gust of wind", "howling wind", "strong wind", "breeze"),
    "rain": ("rain", "rainfall", "rain falling", "heavy rain", "rain on the roof", "drizzle"),
    "water": ("water", "running water", "a stream", "splashing", "water splash", "bubbling water", "a river flowing", "dripping water"),
    "fire": ("fire", "crackling fire", "a campfire", "flames", "burning wood", "fire crackling"),
    "lava": ("lava", "bubbling lava", "molten lava", "lava flowing"),
    "explosion": ("an explosion", "a blast", "a bomb exploding", "explosion boom", "dynamite", "a big explosion"),
    "crash": ("a crash", "a falling tree", "something collapsing", "crashing down", "a building collapsing", "timber falling"),
    "glass": ("glass breaking", "shattering glass", "a window smashing", "broken glass", "glass shatter"),
    "impact": ("a thud", "an impact", "a knock", "something hitting the ground", "a bang", "a hit", "knocking"),
    "footsteps": ("footsteps", "someone walking", "steps", "walking on gravel", "running feet", "footsteps on wood", "walking", "someone pacing"),
    "door": ("a door", "a door opening", "a door closing", "door slam", "a creaking door", "gate opening", "a chest opening"),
    "bell": ("a bell", "bell ringing", "chimes", "a church bell", "a ringing bell", "chime", "a doorbell ringing"),
    "beep": ("a beep", "electronic beep", "a blip", "beeping", "a computer sound", "electronic bleep", "a ping"),
    "machine": ("a machine", "machinery", "factory noise", "a robot", "mechanical whirring", "a motor humming", "a printer"),
    "ambience": ("ambient hum", "a drone", "atmosphere", "background hum", "a whoosh", "room tone"),
    "drums": ("drums", "a drum beat", "percussion", "drum kit", "a snare drum", "kick drum", "cymbals", "hi-hat"),
    "tabla": ("tabla", "tabla drums", "indian drums", "hand drums"),
    "bass": ("bass", "a bass line", "bass guitar", "deep bass", "synth bass"),
    "guitar": ("guitar", "a guitar", "guitar strumming", "electric guitar", "acoustic guitar"),
    "vinyl": ("vinyl scratch", "record scratching", "a scratch", "vinyl crackle"),
    "music": ("music", "the music", "a melody", "song", "instrumental music", "the tune", "orchestra"),
    "speech": ("speech", "a man speaking", "a woman talking", "someone talking", "a voice", "spoken words", "a person speaking", "talking"),
    "voice": ("a voice", "someone shouting", "people calling out", "a soldier shouting", "yelling", "a war cry", "a person calling"),
    "dog": ("a dog barking", "dog barking", "a dog", "barking", "a dog growling", "a puppy"),
    "weapon": ("a sword clash", "swords clashing", "weapons", "battle sounds", "an arrow flying", "a bow shot", "metal clanging", "gunfire"),
}

assert set(DESCRIPTIONS) == set(TAXONOMY), "every category has descriptions"


def held_out(category: str) -> str:
    """The last description of each category is never trained on: the evaluation asks with it."""
    return DESCRIPTIONS[category][-1]


def training_descriptions(category: str) -> tuple[str, ...]:
    """The taxonomy's own caption words and every description but the held-out one."""
    words = TAXONOMY[category][1]
    return tuple(w for w in dict.fromkeys([*words, *DESCRIPTIONS[category][:-1]]) if w != held_out(category))


def describe(category: str, rng: random.Random) -> str:
    return rng.choice(training_descriptions(category))


def all_training_phrases() -> list[str]:
    return sorted({p for c in TAXONOMY for p in training_descriptions(c)})
