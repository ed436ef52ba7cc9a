"""The category taxonomy: every source clip gets one category and the words people use for it."""
from __future__ import annotations

# category -> (family, words a caption may use). Families group categories for the audio tagger and the card.
TAXONOMY: dict[str, tuple[str, tuple[str, ...]]] = {
    "train": ("vehicles", ("train", "locomotive", "railway")),
    "ship_horn": ("vehicles", ("ship horn", "ferry horn", "foghorn")),
    "aircraft": ("vehicles", ("jet", "airplane", "aircraft", "plane")),
    "helicopter": ("vehicles", ("helicopter",)),
    "road_vehicle": ("vehicles", ("car", "bus", "truck", "engine")),
    "car_horn": ("vehicles", ("car horn", "horn")),
    "cart": ("vehicles", ("cart", "wheels")),
    "applause": ("human", ("applause", "clapping")),
    "farm_animal": ("animals", ("sheep", "cow", "horse", "pig", "chicken")),
    "wild_animal": ("animals", ("lion", "monkeys", "elephant")),
    "bird": ("animals", ("birds", "bird song", "crow")),
    "power_tool": ("tools", ("chainsaw", "jackhammer", "sawmill", "drill")),
    "hand_tool": ("tools", ("digging", "chopping", "hammering", "pickaxe")),
    "wind": ("weather", ("wind", "gust")),
    "rain": ("weather", ("rain",)),
    "water": ("water", ("water", "stream", "splash", "bubbles")),
    "fire": ("fire", ("fire", "crackling flames")),
    "lava": ("fire", ("lava", "bubbling lava")),
    "explosion": ("impacts", ("explosion", "blast")),
    "crash": ("impacts", ("crash", "falling tree", "collapse")),
    "glass": ("impacts", ("glass breaking", "shattering glass")),
    "impact": ("impacts", ("impact", "thud", "knock")),
    "footsteps": ("footsteps", ("footsteps", "steps", "walking")),
    "door": ("doors", ("door", "door opening", "door closing")),
    "bell": ("signals", ("bell", "chime")),
    "beep": ("signals", ("beep", "electronic blip")),
    "machine": ("machines", ("machine", "factory", "printer", "robot")),
    "ambience": ("ambience", ("drone", "ambient hum", "atmosphere")),
    "drums": ("music", ("drums", "drum beat", "percussion")),
    "tabla": ("music", ("tabla",)),
    "bass": ("music", ("bass",)),
    "guitar": ("music", ("guitar",)),
    "vinyl": ("music", ("vinyl scratch", "record")),
    "music": ("music", ("music",)),
    "speech": ("speech", ("speech", "a voice", "someone speaking")),
    "voice": ("human", ("a voice", "someone shouting", "people calling out")),
    "dog": ("animals", ("dog barking", "a dog")),
    "weapon": ("impacts", ("sword clash", "weapons", "battle sounds")),
}

# Ordered keyword rules: the first rule whose word occurs in the lower-cased caption or file name decides.
_RULES: list[tuple[str, str]] = [
    ("ambi ", "ambience"), ("elephant", "wild_animal"), ("misc burp", "impact"), ("misc cineboom", "explosion"), ("dog", "dog"), ("bark", "dog"),
    ("cattle", "farm_animal"), ("goat", "farm_animal"), ("camel", "wild_animal"), ("peacock", "bird"), ("wolf", "wild_animal"),
    ("sword", "weapon"), ("arrow", "weapon"), ("javelin", "weapon"), ("jav ", "weapon"), ("spear", "weapon"), ("pike", "weapon"),
    ("sling", "weapon"), ("hihat", "drums"), ("hi hat", "drums"), ("tom", "drums"), ("clap", "drums"), ("ride", "drums"), ("crash cymbal", "drums"),
    ("car horn", "car_horn"), ("horn", "ship_horn"), ("helicopter", "helicopter"), ("jet", "aircraft"), ("plane", "aircraft"),
    ("aircraft", "aircraft"), ("propeller", "aircraft"), ("train", "train"), ("locomotive", "train"), ("rail", "train"),
    ("level crossing", "bell"), ("crossing", "bell"), ("bus", "road_vehicle"), ("truck", "road_vehicle"), ("car ", "road_vehicle"),
    ("lorry", "road_vehicle"), ("tram", "train"), ("cart", "cart"), ("applause", "applause"), ("cheer", "applause"),
    ("sheep", "farm_animal"), ("cow", "farm_animal"), ("horse", "farm_animal"), ("pig", "farm_animal"), ("chicken", "farm_animal"),
    ("lion", "wild_animal"), ("monkey", "wild_animal"), ("elephant", "wild_animal"), ("bird", "bird"), ("crow", "bird"),
    ("chainsaw", "power_tool"), ("jackhammer", "power_tool"), ("sawmill", "power_tool"), ("saw", "power_tool"), ("drill", "power_tool"),
    ("dig", "hand_tool"), ("dug", "hand_tool"), ("chop", "hand_tool"), ("mining", "hand_tool"), ("tool", "hand_tool"),
    ("wind", "wind"), ("rain", "rain"), ("lava", "lava"), ("water", "water"), ("bubbl", "water"), ("splash", "water"),
    ("fire", "fire"), ("flame", "fire"), ("explo", "explosion"), ("tnt", "explosion"), ("boom", "explosion"),
    ("crash", "crash"), ("falling tree", "crash"), ("collapse", "crash"), ("glass", "glass"), ("footstep", "footsteps"),
    ("door", "door"), ("chest", "door"), ("gate", "door"), ("bell", "bell"), ("chime", "bell"), ("beep", "beep"),
    ("blip", "beep"), ("ping", "beep"), ("tick", "beep"), ("phone", "beep"), ("robot", "machine"), ("printer", "machine"),
    ("factory", "machine"), ("mill", "machine"), ("machine", "machine"), ("furnace", "machine"), ("tabla", "tabla"),
    ("bass", "bass"), ("guit", "guitar"), ("vinyl", "vinyl"), ("loop_", "drums"), ("bd_", "drums"), ("sn_", "drums"),
    ("drum", "drums"), ("snare", "drums"), ("kick", "drums"), ("cymbal", "drums"), ("perc", "impact"), ("impact", "impact"),
    ("place", "impact"), ("node", "impact"), ("damage", "impact"), ("break", "glass"), ("ambi", "ambience"), ("drone", "ambience"),
    ("hum", "ambience"), ("woosh", "ambience"), ("swoosh", "ambience"), ("elec", "beep"), ("glitch", "machine"),
]


def classify(text: str) -> str | None:
    """The category of a caption or file name, or None when no rule matches (the clip is then left out)."""
    lowered = f" {text.lower().replace('-', ' ')} "
    for word, category in _RULES:
        if word in lowered:
            return category
    return None


def family(category: str) -> str:
    return TAXONOMY[category][0]


def words(category: str) -> tuple[str, ...]:
    return TAXONOMY[category][1]


# Categories that make good 10 s backgrounds (steady textures) rather than foreground events.
BACKGROUND_CATEGORIES = frozenset({"wind", "rain", "water", "fire", "lava", "ambience", "machine", "road_vehicle", "train", "applause"})
