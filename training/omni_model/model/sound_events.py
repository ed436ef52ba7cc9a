"""The detector's frame probabilities -> labelled regions, as the studio draws them (src/understanding/sound-events.ts,
tied to this by src/understanding/sound-events.parity.json): per label, the probabilities smoothed by a running median
over `smooth_seconds` (edges repeated), the runs at or over `release` that reach `threshold` somewhere (hysteresis:
a sound is found where it is clearly there and lasts while it is fairly there), runs joined over pauses up to
`bridge_seconds`, runs shorter than `min_seconds` dropped; a region's confidence is its highest smoothed
probability. Without `smooth_seconds` and `release` the probabilities are used as they are and `release` is the
threshold. Clip tags are each label's highest raw probability anywhere."""

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


def running_median(probabilities: np.ndarray, width: int) -> np.ndarray:
    """[frames, labels] -> the median of each frame's `width` neighbours (odd width; edge frames repeated)."""
    if width <= 1 or len(probabilities) == 0:
        return probabilities
    half = width // 2
    padded = np.concatenate([np.repeat(probabilities[:1], half, 0), probabilities, np.repeat(probabilities[-1:], half, 0)])
    windows = np.lib.stride_tricks.sliding_window_view(padded, width, axis=0)  # [frames, labels, width]
    return np.sort(windows, axis=-1)[..., half]


def smoothing_width(settings: dict, frame_seconds: float) -> int:
    """The running median's width in frames: `smooth_seconds` in frames, one more where that is even."""
    return 2 * int(np.floor(settings.get("smooth_seconds", 0.0) / frame_seconds / 2 + 1e-9)) + 1


def held_frames(p: np.ndarray, threshold: float, release: float) -> np.ndarray:
    """Frames in runs at or over `release` that reach `threshold` somewhere."""
    held = np.zeros(len(p), bool)
    for a, b in label_runs(p >= release, 0):
        if p[a:b].max() >= threshold:
            held[a:b] = True
    return held


def sound_events(probabilities: np.ndarray, labels: list[str], frame_seconds: float, settings: dict) -> list[SoundEvent]:
    """probabilities [frames, labels] -> regions sorted by start, then label."""
    bridge = int(round(settings["bridge_seconds"] / frame_seconds))
    smoothed = running_median(probabilities, smoothing_width(settings, frame_seconds))
    threshold = settings["threshold"]
    release = min(threshold, settings.get("release", threshold))
    events = []
    for k, label in enumerate(labels):
        p = smoothed[:, k]
        for a, b in label_runs(held_frames(p, threshold, release), bridge):
            if (b - a) * frame_seconds >= settings["min_seconds"] - 1e-9:
                events.append(SoundEvent(label, a * frame_seconds, b * frame_seconds, float(p[a:b].max())))
    return sorted(events, key=lambda e: (e.start, e.label))


def silence_gated(probabilities: np.ndarray, source: np.ndarray, frame: int, silence_dbfs: float | None) -> np.ndarray:
    """probabilities [frames, labels] with every frame whose samples (before the input gain) are quieter than
    `silence_dbfs` RMS set to 0: silence holds no sound, whatever the detector makes of it once the gain has raised
    it (0.7.0 hears digital silence as music, and a faint hiss the gain has raised as rain)."""
    if silence_dbfs is None or len(probabilities) == 0:
        return probabilities
    frames = np.asarray(source[: len(probabilities) * frame], np.float64).reshape(len(probabilities), frame)
    quiet = np.mean(frames * frames, axis=1) < 10 ** (silence_dbfs / 10)
    return np.where(quiet[:, None], 0.0, probabilities).astype(probabilities.dtype)


def clip_tags(probabilities: np.ndarray, labels: list[str]) -> list[tuple[str, float]]:
    """Every label with its highest probability in the clip, most likely first."""
    peak = probabilities.max(axis=0) if len(probabilities) else np.zeros(len(labels))
    order = np.argsort(-peak, kind="stable")
    return [(labels[i], float(peak[i])) for i in order]
