"""Mixtures for sound event detection, labelled by construction: the separation sampler's scenes (a bed and one to
three events), with every event's span and category known. The bed's category holds over the whole clip; an event
holds from where it first becomes audible to where it last is, short pauses inside it included (how people annotate
"footsteps from 2.1 s to 4.0 s")."""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np

from .audio import rms
from .separation import Scene, SeparationSampler

# An event is audible where its envelope is within this many dB of its own peak ...
AUDIBLE_DB = -35.0
# ... and pauses shorter than this (seconds) do not split it.
BRIDGE_SECONDS = 0.3
ENVELOPE_SECONDS = 0.01


@dataclass(frozen=True)
class LabelledEvent:
    category: str
    start: float  # seconds
    end: float


@dataclass(frozen=True)
class DetectionMix:
    mixture: np.ndarray
    events: tuple[LabelledEvent, ...]


def audible_spans(layer: np.ndarray, rate: int) -> list[tuple[float, float]]:
    """Where a placed event is heard, in seconds: 10 ms frames within AUDIBLE_DB of its loudest, joined over short pauses."""
    hop = max(1, int(rate * ENVELOPE_SECONDS))
    frames = len(layer) // hop
    if frames == 0:
        return []
    power = np.mean(np.square(layer[: frames * hop].reshape(frames, hop), dtype=np.float64), axis=1)
    peak = float(power.max())
    if peak <= 0:
        return []
    loud = np.flatnonzero(power >= peak * 10 ** (AUDIBLE_DB / 10))
    spans: list[list[int]] = [[int(loud[0]), int(loud[0]) + 1]]
    bridge = BRIDGE_SECONDS / ENVELOPE_SECONDS
    for f in loud[1:]:
        if f - spans[-1][1] <= bridge:
            spans[-1][1] = int(f) + 1
        else:
            spans.append([int(f), int(f) + 1])
    return [(a * hop / rate, b * hop / rate) for a, b in spans]


def scene_events(scene: Scene, rate: int) -> tuple[LabelledEvent, ...]:
    seconds = len(scene.background) / rate
    events = [LabelledEvent(scene.bed_category, 0.0, seconds)] if scene.bed_category is not None else []
    for category, layer in scene.events:
        events += [LabelledEvent(category, a, b) for a, b in audible_spans(layer, rate)]
    return tuple(events)


# Stretches of silence cut into a quieted scene (seconds), and how far under the clip's level its noise floor lies (dB).
GAP_SECONDS = (0.5, 3.0)
FLOOR_UNDER_DB = (45.0, 80.0)
RAMP_SECONDS = 0.01


def gapped(scene: Scene, rate: int, rng: random.Random) -> tuple[Scene, tuple[LabelledEvent, ...]]:
    """The scene with one or two stretches of silence cut into every sound (edited recordings, pauses between takes);
    the bed is labelled only where it is heard, the events from what remains of them."""
    length = len(scene.background)
    keep, gaps = np.ones(length, np.float32), []
    for _ in range(rng.choice((1, 2))):
        size = min(length // 2, int(rng.uniform(*GAP_SECONDS) * rate))  # never the whole clip
        start = rng.randrange(0, length - size + 1)
        gaps.append((start, start + size))
        _silence(keep, start, start + size, max(1, int(RAMP_SECONDS * rate)))
    quiet = Scene(scene.background * keep, scene.bed_category, tuple((c, layer * keep) for c, layer in scene.events))
    bed = tuple(LabelledEvent(scene.bed_category, a / rate, b / rate) for a, b in _complement(sorted(gaps), length))
    _, *events = scene_events(quiet, rate)
    return quiet, (*bed, *events)


def _silence(keep: np.ndarray, start: int, end: int, ramp: int) -> None:
    """Zero keep[start:end], with linear fades of `ramp` samples into and out of it (no click to hear as a sound)."""
    keep[start:end] = 0.0
    before = np.arange(max(0, start - ramp), start)
    keep[before] *= (start - before) / ramp
    after = np.arange(end, min(len(keep), end + ramp))
    keep[after] *= (after - end + 1) / ramp


def _complement(gaps: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    spans, at = [], 0
    for a, b in gaps:
        if a > at:
            spans.append((at, a))
        at = max(at, b)
    return spans + ([(at, length)] if at < length else [])


def noise_floor(length: int, rms_under: float, rng: random.Random) -> np.ndarray:
    """White or brown-ish noise at `rms_under` (an RMS): a recording's hiss, heard where the sounds stop."""
    noise = np.random.default_rng(rng.randrange(2**32)).standard_normal(length)
    if rng.random() < 0.5:
        from scipy.signal import lfilter

        noise = lfilter([1.0], [1.0, -0.97], noise)
    return (noise * rms_under / (np.sqrt(np.mean(noise**2)) + 1e-12)).astype(np.float32)


@dataclass
class DetectionSampler:
    """Labelled mixtures at the levels the separator trains on (the studio brings a selection near -25 dBFS). A share
    `p_quiet` of scenes hold silence (stretches cut out of them, or events with no bed), under a faint noise floor
    half the time, labelled as nothing: the studio analyses edited clips and lone sound effects, and a detector that
    never heard silence calls it music (0.7.0: 0.93 over digital silence)."""

    scenes: SeparationSampler
    p_quiet: float = 0.0

    def sample(self, rng: random.Random) -> DetectionMix:
        rate = self.scenes.catalogue.rate
        scene = self.scenes.scene(rng)
        quiet = bool(self.p_quiet) and rng.random() < self.p_quiet
        if quiet and scene.events and rng.random() < 0.5:
            scene = scene.without_bed()
            events = scene_events(scene, rate)
        elif quiet:
            scene, events = gapped(scene, rate, rng)
        else:
            events = scene_events(scene, rate)
        mixture = scene.mixture()
        mixture = mixture * self.scenes.level(mixture, rng)
        if quiet and rng.random() < 0.5:
            mixture = mixture + noise_floor(len(mixture), rms(mixture) * 10 ** (-rng.uniform(*FLOOR_UNDER_DB) / 20), rng)
        return DetectionMix(mixture.astype(np.float32), events)


def frame_labels(events: tuple[LabelledEvent, ...], classes: list[str], frames: int, frame_seconds: float) -> np.ndarray:
    """[frames, classes] in {0, 1}: a frame is labelled where an event of that class covers its centre."""
    out = np.zeros((frames, len(classes)), np.float32)
    index = {c: i for i, c in enumerate(classes)}
    centres = (np.arange(frames) + 0.5) * frame_seconds
    for e in events:
        if e.category in index:
            out[(centres >= e.start) & (centres < e.end), index[e.category]] = 1.0
    return out
