"""Scaper-style mixing in numpy: foreground events in a background bed at a chosen onset and SNR, with
mixture = target + residual exactly, sample for sample, in 16-bit."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from .audio import quantize, rms
from .effects import pitch_shift, time_stretch

# The mix is scaled so its peak stays under -1 dBFS: quantising target and residual separately then cannot overflow.
PEAK_CEILING = 10 ** (-1 / 20)


@dataclass(frozen=True)
class EventPlacement:
    clip: str
    crop_start: int  # samples into the source clip
    crop_length: int  # samples taken from the source (before stretch)
    pitch: float  # semitones
    stretch: float  # duration factor
    onset: int  # samples into the mix
    snr_db: float  # event power over background power, over the event's span

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class MixRecipe:
    background: str
    background_offset: int
    length: int
    background_gain_db: float
    events: tuple[EventPlacement, ...]

    def to_json(self) -> dict:
        d = asdict(self)
        d["events"] = [e.to_json() for e in self.events]
        return d

    @staticmethod
    def from_json(d: dict) -> MixRecipe:
        return MixRecipe(
            d["background"], d["background_offset"], d["length"], d["background_gain_db"], tuple(EventPlacement(**e) for e in d["events"])
        )


def bed(audio: np.ndarray, offset: int, length: int) -> np.ndarray:
    """`length` samples of a background from `offset`, looping the clip when it is shorter."""
    if len(audio) == 0:
        return np.zeros(length, np.float32)
    reps = int(np.ceil((offset + length) / len(audio))) + 1
    return np.tile(audio, reps)[offset : offset + length].astype(np.float32)


def render_event(audio: np.ndarray, e: EventPlacement, rate: int) -> np.ndarray:
    piece = audio[e.crop_start : e.crop_start + e.crop_length]
    return time_stretch(pitch_shift(piece, e.pitch, rate), e.stretch)


def snr_gain(event: np.ndarray, background_span: np.ndarray, snr_db: float) -> float:
    """The gain that puts `event` `snr_db` above the background over the same samples."""
    e, b = rms(event), rms(background_span)
    if e == 0.0:
        return 0.0
    if b == 0.0:
        return 1.0
    return float(b / e * 10 ** (snr_db / 20))


def render_layers(recipe: MixRecipe, sources: dict[str, np.ndarray], rate: int) -> tuple[list[np.ndarray], np.ndarray]:
    """Float layers: one placed event per EventPlacement (full mix length) and the background."""
    background = bed(sources[recipe.background], recipe.background_offset, recipe.length) * np.float32(10 ** (recipe.background_gain_db / 20))
    layers = []
    for e in recipe.events:
        event = render_event(sources[e.clip], e, rate)[: recipe.length - e.onset]
        gain = snr_gain(event, background[e.onset : e.onset + len(event)], e.snr_db)
        layer = np.zeros(recipe.length, np.float32)
        layer[e.onset : e.onset + len(event)] = event * np.float32(gain)
        layers.append(layer)
    return layers, background


def quantize_pair(target: np.ndarray, residual: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """16-bit target, residual and mixture with mixture == target + residual exactly."""
    t = quantize(target * scale)
    r = quantize(residual * scale)
    m = t.astype(np.int32) + r.astype(np.int32)
    assert m.min() >= -32768 and m.max() <= 32767, "the ceiling leaves room for rounding"
    return t, r, m.astype(np.int16)


def headroom_scale(*signals: np.ndarray) -> float:
    peak = max(float(np.max(np.abs(s))) if s.size else 0.0 for s in signals)
    return 1.0 if peak <= PEAK_CEILING else PEAK_CEILING / peak
