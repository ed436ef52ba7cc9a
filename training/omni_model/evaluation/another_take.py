"""Another take of an edit: the same recipe rendered with another recording of the sound it asks for (another clip of
the added or replacement category; the same song and instrument through another soundfont). Add and style transfer
have many right answers; the data set keeps one. A faithful generator can at best land on another of them, so the
distance from another take to the kept target is what a perfect model would score on these operations.

Remove and extract have one answer each (the input's own parts), so they have no other take."""

from __future__ import annotations

import zlib
from dataclasses import replace
from pathlib import Path

import numpy as np

from omni_data.audio import rms
from omni_data.catalogue import Catalogue
from omni_data.config import load_config
from omni_data.gather import build_catalogue
from omni_data.mixing import MixRecipe
from omni_data.tasks import render

TASKS = ("add", "style_sfx", "style_music")


def _pick(candidates: list[str], key: str) -> str | None:
    """A fixed choice per example (the same take in every run)."""
    return candidates[zlib.crc32(key.encode()) % len(candidates)] if candidates else None


def other_recording(catalogue: Catalogue, clip_id: str, key: str) -> str | None:
    """Another clip of the same category in the same split, from another source recording when there is one."""
    clip = catalogue.clips[clip_id]
    same = sorted(c.id for c in catalogue.clips.values() if c.category == clip.category and c.split == clip.split and c.id != clip_id)
    other_groups = [i for i in same if catalogue.clips[i].group != clip.group]
    return _pick(other_groups or same, key)


def other_soundfont(catalogue: Catalogue, clip_id: str, key: str) -> str | None:
    """The same song and program ("music/<song>/<program>/<soundfont>") rendered by another soundfont."""
    prefix = clip_id.rsplit("/", 1)[0] + "/"
    return _pick(sorted(i for i in catalogue.clips if i.startswith(prefix) and i != clip_id), key)


def _with_event_clip(mix: dict, clip: str, length: int) -> dict:
    """The mix with every event taken from `clip` (`length` samples), cropped to fit it."""
    recipe = MixRecipe.from_json(mix)
    events = []
    for e in recipe.events:
        crop = min(e.crop_length, length)
        events.append(replace(e, clip=clip, crop_start=min(e.crop_start, length - crop), crop_length=crop))
    return replace(recipe, events=tuple(events)).to_json()


def another_recipe(recipe: dict, catalogue: Catalogue) -> dict | None:
    """The recipe with another take of its target sound, or None when the split holds no other."""
    task, key = recipe["task"], recipe["id"]
    if task == "add":
        clip = recipe["mix"]["events"][0]["clip"]
        other = other_recording(catalogue, clip, key)
        return None if other is None else {**recipe, "mix": _with_event_clip(recipe["mix"], other, len(catalogue.audio[other]))}
    if task == "style_sfx":
        other = other_recording(catalogue, recipe["replacement"], key)
        return None if other is None else {**recipe, "replacement": other}
    if task == "style_music":
        other = other_soundfont(catalogue, recipe["output"], key)
        return None if other is None else {**recipe, "output": other}
    return None


class AnotherTake:
    """Renders other takes for the rows of a built data set (its catalogue is decoded once)."""

    def __init__(self, data: Path) -> None:
        self.cfg = load_config(data / "config.json")
        self.catalogue = build_catalogue(self.cfg, data / "catalogue", progress=False)

    def __call__(self, row: dict, original_input: np.ndarray) -> np.ndarray | None:
        """The other take's target as float32, at the level of the row's own input (the render's headroom scale can
        differ between takes; the input is the same sound in both)."""
        recipe = another_recipe(row["recipe"], self.catalogue)
        if recipe is None:
            return None
        audio = render(recipe, self.catalogue.audio, self.cfg)
        take_input = audio["input"].astype(np.float32) / 32768
        gain = rms(original_input) / max(rms(take_input), 1e-9)
        return (audio["output"].astype(np.float32) / 32768 * np.float32(gain)).astype(np.float32)
