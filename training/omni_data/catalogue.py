"""The catalogue: every source clip with its category, caption, licence, credit and split."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

SPLITS = ("train", "valid", "test")
# The real-recording validation set is made from these packages (omni_data/real_validation.py): never a training source.
VALIDATION_ONLY_PACKAGES = frozenset({"wesnoth-1.16-data", "hedgewars-data"})
# Other packages borrow from those games (SuperTuxKart's anvil is Wesnoth's mace): a clip credited to one is refused too.
VALIDATION_ONLY_PROJECTS = ("wesnoth", "hedgewars")


def credited_to_validation_project(credit: str) -> bool:
    return any(project in credit.lower() for project in VALIDATION_ONLY_PROJECTS)


class RefusedSource(ValueError):
    """A clip from a package that only the real-recording validation set may use."""


@dataclass
class SourceClip:
    """One usable piece of source audio. `group` is the source file (or song, or sentence) that decides its split."""

    id: str
    source: str
    group: str
    category: str
    caption: str
    licence: str
    credit: str
    duration: float = 0.0
    split: str = ""
    # Speech and music carry more: transcript and speaker, or the song's structure.
    extra: dict = field(default_factory=dict)


def refuse_validation_source(clip: SourceClip) -> None:
    """Raises RefusedSource for a clip that only the real-recording validation set may use."""
    if clip.source in VALIDATION_ONLY_PACKAGES or any(p in clip.id for p in VALIDATION_ONLY_PACKAGES):
        raise RefusedSource(f"{clip.id}: {clip.source} is kept for the real-recording validation set and never trained on")
    if credited_to_validation_project(clip.credit):
        raise RefusedSource(f"{clip.id}: credited to a game kept for the real-recording validation set ({clip.credit})")


def split_of(group: str, fractions: tuple[float, float, float]) -> str:
    """A stable split from a hash of the group, so one recording never lands on two sides and splits never move."""
    h = int.from_bytes(hashlib.sha256(group.encode()).digest()[:8], "big") / 2**64
    edge = 0.0
    for name, fraction in zip(SPLITS, fractions):
        edge += fraction
        if h < edge:
            return name
    return SPLITS[-1]


class Catalogue:
    """Clips with their decoded audio (mono float32 at `rate`), kept in memory: sources total a few hundred MB at most."""

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self.clips: dict[str, SourceClip] = {}
        self.audio: dict[str, np.ndarray] = {}

    def add(self, clip: SourceClip, audio: np.ndarray, fractions: tuple[float, float, float]) -> None:
        refuse_validation_source(clip)
        clip.duration = round(len(audio) / self.rate, 3)
        clip.split = split_of(clip.group, fractions)
        self.clips[clip.id] = clip
        self.audio[clip.id] = audio

    def select(
        self, split: str, *, source: str | None = None, categories: frozenset[str] | None = None, exclude: frozenset[str] = frozenset()
    ) -> list[SourceClip]:
        return sorted(
            (
                c
                for c in self.clips.values()
                if c.split == split
                and (source is None or c.source == source)
                and (categories is None or c.category in categories)
                and c.category not in exclude
            ),
            key=lambda c: c.id,
        )

    def write(self, path: Path) -> None:
        with path.open("w") as f:
            for clip in sorted(self.clips.values(), key=lambda c: c.id):
                f.write(json.dumps(asdict(clip)) + "\n")
