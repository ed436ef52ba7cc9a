"""The real-recording validation set: mixtures of a real ambient bed (`wesnoth-1.16-data`) and one real event
(`hedgewars-data`), mixed the AudioEdit way (random onset, SNR 0 to 3 dB over the event's span), as users have them:
44.1 kHz stereo at -20 dBFS. These two packages are never training sources (catalogue.VALIDATION_ONLY_PACKAGES)."""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf
import soxr

from .audio import rms, trim_silence
from .queries import DESCRIPTIONS

RATE = 44100
LEVEL_DBFS = -20.0
SECONDS = 8.0
BEDS = Path("/usr/share/games/wesnoth/1.16/data/core/sounds/ambient")
EVENTS = Path("/usr/share/games/hedgewars/Data/Sounds")
CREDITS = {
    "wesnoth-1.16-data": "Battle for Wesnoth ambient sounds (GPL-2+), the Wesnoth project",
    "hedgewars-data": "Hedgewars sounds (GFDL-1.3; Droplet*: saugox, CC-BY-SA-3.0), the Hedgewars project",
}
# Event file -> (category of our taxonomy, the words a user would type).
EVENT_FILES: dict[str, tuple[str, str]] = {
    "explosion.ogg": ("explosion", "an explosion"),
    "mortar.ogg": ("explosion", "a mortar blast"),
    "splash.ogg": ("water", "a splash"),
    "Droplet1.ogg": ("water", "water dripping"),
    "steps.ogg": ("footsteps", "footsteps"),
    "hammer.ogg": ("hand_tool", "hammering"),
    "pickhammer.ogg": ("power_tool", "a jackhammer"),
    "drillgun.ogg": ("power_tool", "a drill"),
    "plane.ogg": ("aircraft", "an airplane"),
    "shotgunfire.ogg": ("weapon", "a gunshot"),
    "minigun.ogg": ("weapon", "machine gun fire"),
    "beep.ogg": ("beep", "a beep"),
    "flamethrower.ogg": ("fire", "a flamethrower"),
    "graveimpact.ogg": ("impact", "a heavy thud"),
    "baseballbat.ogg": ("impact", "a bat hitting something"),
    "whipcrack.ogg": ("impact", "a whip crack"),
    "voices/Default/Hello.ogg": ("speech", "someone speaking"),
    "voices/British/Incoming.ogg": ("speech", "a man shouting"),
    "voices/Default/Laugh.ogg": ("voice", "someone laughing"),
    "voices/Pirate/Hello.ogg": ("speech", "a voice"),
    "ufo.ogg": ("machine", "a humming machine"),
    "countdown1.ogg": ("speech", "a voice counting"),
    "bee.ogg": ("insect", "a bee buzzing"),
    "Whistle.ogg": ("whistle", "a whistle"),
}

# Bed file -> the category of our taxonomy it holds, where one does (the detector's reference labels it over the whole
# clip); night (crickets), morning and ship (a mix of sounds) have none, so a label there counts as a false alarm.
BED_FILES: dict[str, str | None] = {
    "birds1": "bird",
    "birds2": "bird",
    "birds3": "bird",
    "campfire": "fire",
    "wardrums": "drums",
    "morning": None,
    "night": None,
    "ship": None,
}


@dataclass(frozen=True)
class RealExample:
    id: str
    mixture: np.ndarray  # [samples, 2] at RATE
    event: np.ndarray  # the event as placed (same shape), so mixture = bed + event
    bed: np.ndarray
    bed_category: str | None
    category: str
    description: str
    wrong_description: str  # a sound that is not in the clip
    onset: int
    length: int


@functools.cache
def _read(path: Path) -> np.ndarray:
    """A file at RATE in stereo, decoded once (the set reuses each bed and event several times)."""
    data, rate = sf.read(str(path), dtype="float32", always_2d=True)
    if rate != RATE:
        data = soxr.resample(data, rate, RATE, quality="HQ").astype(np.float32)
    return data if data.shape[1] == 2 else np.repeat(data[:, :1], 2, axis=1)


def _trimmed(stereo: np.ndarray) -> np.ndarray:
    """The event without its silent head and tail (judged on the mono sum, -50 dB under the peak)."""
    mono = stereo.mean(axis=1)
    kept = trim_silence(mono)
    if kept.size == 0:
        return stereo[:0]
    start = int(np.flatnonzero(np.abs(mono) > np.max(np.abs(mono)) * 10 ** (-50 / 20))[0])
    return stereo[start : start + len(kept)]


@dataclass(frozen=True)
class Bed:
    name: str
    audio: np.ndarray  # [samples, 2] at RATE
    category: str | None


@dataclass(frozen=True)
class Event:
    name: str
    audio: np.ndarray  # [samples, 2] at RATE, silent head and tail trimmed
    category: str
    description: str


def build(count: int = 40, seed: int = 7) -> list[RealExample]:
    beds = sorted(BEDS.glob("*.ogg"))
    events = [e for e in EVENT_FILES if (EVENTS / e).exists()]
    if not beds or not events:
        raise FileNotFoundError("install wesnoth-1.16-data and hedgewars-data (bash scripts/apt-install.sh wesnoth-1.16-data hedgewars-data)")
    return mix(
        [Bed(b.stem, _read(b), BED_FILES.get(b.stem)) for b in beds],
        [Event(Path(e).stem, _trimmed(_read(EVENTS / e)), *EVENT_FILES[e]) for e in events],
        count,
        seed,
        "real",
    )


def mix(beds: list[Bed], events: list[Event], count: int, seed: int, prefix: str) -> list[RealExample]:
    """`count` mixtures the AudioEdit way: each bed in turn, the events in a fixed stride, a random onset and 0-3 dB
    over the bed across the event's span, the whole at LEVEL_DBFS."""
    rng = random.Random(seed)
    length = int(SECONDS * RATE)
    out = []
    for i in range(count):
        b = beds[i % len(beds)]
        bed = np.tile(b.audio, (length // len(b.audio) + 2, 1))
        start = rng.randrange(0, len(b.audio))
        bed = bed[start : start + length]
        e = events[(i * 7 + i // len(beds)) % len(events)]
        piece = e.audio[: int(4 * RATE)]
        onset = rng.randrange(0, length - len(piece))
        span = bed[onset : onset + len(piece)]
        gain = rms(span) / (rms(piece) + 1e-12) * 10 ** (rng.uniform(0.0, 3.0) / 20)
        event = np.zeros_like(bed)
        event[onset : onset + len(piece)] = piece * gain
        mixture = bed + event
        scale = 10 ** (LEVEL_DBFS / 20) / rms(mixture)
        scale = min(scale, 0.99 / float(np.max(np.abs(mixture))))
        wrong = rng.choice([c for c in DESCRIPTIONS if c != e.category and c not in {"speech", "voice", "ambience"}])
        out.append(
            RealExample(
                id=f"{prefix}-{i:03d}-{b.name}-{e.name}",
                mixture=(mixture * scale).astype(np.float32),
                event=(event * scale).astype(np.float32),
                bed=(bed * scale).astype(np.float32),
                bed_category=b.category,
                category=e.category,
                description=e.description,
                wrong_description=DESCRIPTIONS[wrong][0],
                onset=onset,
                length=len(piece),
            )
        )
    return out
