"""The real-recording development set: mixtures made the validation set's way (real_validation.mix: a real bed, one
real event 0-3 dB over it, 44.1 kHz stereo at -20 dBFS) from a game set held out of training, Red Eclipse's
recorded beds and events (Freesound recordings). It is for choosing among a run's checkpoints, so that the reported
validation set (Wesnoth and Hedgewars) is never chosen on. A run whose data config trains on the held-out set cannot
be scored on it (`require_held_out`, from the pack's credits)."""

from __future__ import annotations

import numpy as np

from .queries import DESCRIPTIONS
from .real_validation import RATE, Bed, Event, RealExample, mix
from .sources.packaged import GAME_SETS, read
from .taxonomy import BACKGROUND_CATEGORIES

HELD_OUT_SET = "redeclipse"
BED_SECONDS = 4.0  # a recording at least this long, of a steady category, is a bed; anything shorter an event
BED_CATEGORIES = BACKGROUND_CATEGORIES | {"bird", "insect"}
EVENTS_PER_CATEGORY = 6  # Red Eclipse has 48 announcer and voice lines: evenly spaced picks keep one category from filling the set


class NotHeldOut(ValueError):
    """The pack was trained on the development set's sources."""


def require_held_out(credits: list[str], set_name: str = HELD_OUT_SET) -> None:
    """Refuses a pack whose credits (every clip any of its models was trained on) name the held-out set."""
    prefix = f"{GAME_SETS[set_name].credit_prefix}:"
    if any(c.startswith(prefix) for c in credits):
        raise NotHeldOut(
            f"the pack was trained on {GAME_SETS[set_name].package}, the development set's source; train without it (configs/data-heldout.json)"
        )


def sounds(set_name: str = HELD_OUT_SET) -> tuple[list[Bed], list[Event]]:
    """The set's recordings at RATE in stereo: beds (long recordings of a steady category) and events (the recordings of
    other categories, described by their label's first words; a splash is not mixed over a river)."""
    packaged = GAME_SETS[set_name]
    if not packaged.root.exists():
        raise FileNotFoundError(f"install {packaged.package} (bash scripts/apt-install.sh {packaged.package})")
    beds, events = [], []
    for clip, audio in read(packaged, RATE):
        stereo = np.repeat(np.asarray(audio, dtype=np.float32)[:, None], 2, axis=1)
        name = clip.id.split("/", 1)[1]
        if clip.category in BED_CATEGORIES and len(audio) >= BED_SECONDS * RATE:
            beds.append(Bed(name, stereo, clip.category))
        elif clip.category not in BED_CATEGORIES:
            events.append(Event(name, stereo, clip.category, DESCRIPTIONS[clip.category][0]))
    return beds, balanced(events)


def balanced(events: list[Event]) -> list[Event]:
    by_category: dict[str, list[Event]] = {}
    for e in events:
        by_category.setdefault(e.category, []).append(e)
    kept = []
    for group in by_category.values():
        step = max(1, len(group) // EVENTS_PER_CATEGORY)
        kept += group[::step][:EVENTS_PER_CATEGORY]
    return kept


def build(count: int = 40, seed: int = 11, set_name: str = HELD_OUT_SET) -> list[RealExample]:
    beds, events = sounds(set_name)
    return mix(beds, events, count, seed, "dev")
