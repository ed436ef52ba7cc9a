"""Mixtures for sound event detection, labelled by construction: the separation sampler's scenes (a bed and one to
three events), with every event's span and category known. The bed's category holds over the whole clip; an event
holds from where it first becomes audible to where it last is, short pauses inside it included (how people annotate
"footsteps from 2.1 s to 4.0 s")."""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np

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
    events = [LabelledEvent(scene.bed_category, 0.0, seconds)]
    for category, layer in scene.events:
        events += [LabelledEvent(category, a, b) for a, b in audible_spans(layer, rate)]
    return tuple(events)


@dataclass
class DetectionSampler:
    """Labelled mixtures at the levels the separator trains on (the studio brings a selection near -25 dBFS)."""

    scenes: SeparationSampler

    def sample(self, rng: random.Random) -> DetectionMix:
        scene = self.scenes.scene(rng)
        mixture = scene.mixture()
        scale = self.scenes.level(mixture, rng)
        return DetectionMix((mixture * scale).astype(np.float32), scene_events(scene, self.scenes.catalogue.rate))


def frame_labels(events: tuple[LabelledEvent, ...], classes: list[str], frames: int, frame_seconds: float) -> np.ndarray:
    """[frames, classes] in {0, 1}: a frame is labelled where an event of that class covers its centre."""
    out = np.zeros((frames, len(classes)), np.float32)
    index = {c: i for i, c in enumerate(classes)}
    centres = (np.arange(frames) + 0.5) * frame_seconds
    for e in events:
        if e.category in index:
            out[(centres >= e.start) & (centres < e.end), index[e.category]] = 1.0
    return out
