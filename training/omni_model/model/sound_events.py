"""The detector's frame probabilities -> labelled regions, as the studio draws them (src/understanding/sound-events.ts,
tied to this by src/understanding/sound-events.parity.json): per label, the frames at or over the threshold, runs
joined over pauses up to `bridge_seconds`, runs shorter than `min_seconds` dropped; a region's confidence is its
highest probability. Clip tags are each label's highest probability anywhere."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class SoundEvent:
    label: str
    start: float
    end: float
    confidence: float


def label_runs(active: np.ndarray, bridge_frames: int) -> list[tuple[int, int]]:
    """[first, last) runs of True, joined where at most `bridge_frames` False frames separate them."""
    runs: list[list[int]] = []
    for f in np.flatnonzero(active):
        if runs and f - runs[-1][1] <= bridge_frames:
            runs[-1][1] = int(f) + 1
        else:
            runs.append([int(f), int(f) + 1])
    return [(a, b) for a, b in runs]


def sound_events(probabilities: np.ndarray, labels: list[str], frame_seconds: float, settings: dict) -> list[SoundEvent]:
    """probabilities [frames, labels] -> regions sorted by start, then label."""
    bridge = int(round(settings["bridge_seconds"] / frame_seconds))
    events = []
    for k, label in enumerate(labels):
        p = probabilities[:, k]
        for a, b in label_runs(p >= settings["threshold"], bridge):
            if (b - a) * frame_seconds >= settings["min_seconds"] - 1e-9:
                events.append(SoundEvent(label, a * frame_seconds, b * frame_seconds, float(p[a:b].max())))
    return sorted(events, key=lambda e: (e.start, e.label))


def clip_tags(probabilities: np.ndarray, labels: list[str]) -> list[tuple[str, float]]:
    """Every label with its highest probability in the clip, most likely first."""
    peak = probabilities.max(axis=0) if len(probabilities) else np.zeros(len(labels))
    order = np.argsort(-peak, kind="stable")
    return [(labels[i], float(peak[i])) for i in order]
