"""The studio's "keep the untouched sound" for edits (src/dsp/spectral-edit.ts), in numpy at the model's rate, so the
evaluation scores what the studio gives: remove as a gain min(1, |Y| / (0.5 |R|)) on the original, add as the original
plus Y * max(0, 1 - |R| / (0.5 |Y|)), where Y is the model's output (level-matched per frequency) and R its VAE
reconstruction of the input. Extract keeps the model's output: the isolated sound is new audio.

Style transfer can keep the performance: timbre() applies the model's change of spectral envelope, |Y| / |R| smoothed,
to the original, so the notes, timing and phase stay the recording's and only the colour of the sound changes."""

from __future__ import annotations

import numpy as np

N, HOP = 512, 128


def _hann(n: int) -> np.ndarray:
    return 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n)


def stft(x: np.ndarray, size: int = N, hop: int = HOP) -> np.ndarray:
    """Frames centred on multiples of `hop` (zeros outside the signal), Hann-windowed: [frames, size] complex."""
    frames = len(x) // hop + 1
    padded = np.concatenate([np.zeros(size // 2), x, np.zeros(size)])
    idx = np.arange(frames)[:, None] * hop + np.arange(size)[None]
    return np.fft.fft(padded[idx] * _hann(size), axis=1)


def istft(spec: np.ndarray, length: int, hop: int = HOP) -> np.ndarray:
    size = spec.shape[1]
    w = _hann(size)
    frames = np.real(np.fft.ifft(spec, axis=1)) * w
    out, norm = np.zeros(len(frames) * hop + 2 * size + length), np.zeros(len(frames) * hop + 2 * size + length)
    for f, frame in enumerate(frames):
        out[f * hop : f * hop + size] += frame
        norm[f * hop : f * hop + size] += w * w
    out, norm = out[size // 2 : size // 2 + length], norm[size // 2 : size // 2 + length]
    return np.where(norm > 1e-8, out / np.maximum(norm, 1e-8), 0.0)


def _box(a: np.ndarray, radius: int, axis: int) -> np.ndarray:
    """Mean over a window of 2 * radius + 1 along an axis, over the part inside the array at the edges."""
    pad = [(radius + 1, radius) if ax == axis else (0, 0) for ax in range(a.ndim)]
    sums = np.cumsum(np.pad(a, pad), axis=axis)
    counts = np.cumsum(np.pad(np.ones(a.shape[axis]), (radius + 1, radius)))
    i = np.arange(a.shape[axis])
    n = counts[i + 2 * radius + 1] - counts[i]
    if axis == 0:
        return (sums[i + 2 * radius + 1] - sums[i]) / n[:, None]
    return (sums[:, i + 2 * radius + 1] - sums[:, i]) / n[None]


def envelope(x: np.ndarray) -> np.ndarray:
    """Magnitudes smoothed over +-8 frames (+-64 ms) and +-6 bins (+-190 Hz): the gains compare sound, not grain."""
    return _box(_box(np.abs(stft(x)[:, : N // 2 + 1]), 8, 0), 6, 1)


# Only changes of more than 6 dB count: the model's sample never matches its reconstruction exactly.
THRESHOLD = 0.5


def gains(kind: str, model: np.ndarray, recon: np.ndarray) -> np.ndarray:
    y, r = envelope(model), envelope(recon)
    # Per frequency, the model's level is matched to the reconstruction's over the clip (median over time: the
    # event is short, the rest dominates), so only local changes remain.
    y = y * (np.median(r, axis=0) + 1e-6) / (np.median(y, axis=0) + 1e-6)
    if kind == "add":
        return np.clip(1 - r / (THRESHOLD * y + 1e-6), 0, 1)
    return np.minimum(1, y / (THRESHOLD * r + 1e-6))


def _fitted(x: np.ndarray, n: int) -> np.ndarray:
    return np.pad(x, (0, max(0, n - len(x))))[:n]


def _with_gains(x: np.ndarray, g: np.ndarray) -> np.ndarray:
    full = np.concatenate([g, g[:, 1 : N // 2][:, ::-1]], axis=1)  # mirrored bins keep the result real
    return istft(stft(x) * full, len(x))


def preserve(
    kind: str, original: np.ndarray, model: np.ndarray, recon: np.ndarray, add_level_db: float | None = None, rate: int = 16000
) -> np.ndarray:
    """kind: 'add' or 'remove'. For add, `add_level_db` puts the added sound's loudest second that far over the
    background there (the studio's level of an addition); None adds it as the model drew it."""
    n = len(original)
    model, recon = _fitted(model, n), _fitted(recon, n)
    changed = _with_gains(model if kind == "add" else original, gains(kind, model, recon))
    if kind == "add" and add_level_db is not None:
        changed = changed * level_gain(changed, original, rate, add_level_db)
    return (original + changed if kind == "add" else changed).astype(np.float32)


LEVEL_WINDOW_SECONDS, LEVEL_HOP_SECONDS = 1.0, 0.1
MAX_ADD_GAIN = 10 ** (30 / 20)  # what the model barely drew stays a hint, not amplified noise


def loudest_window(x: np.ndarray, rate: int) -> tuple[int, int]:
    """Start and size of the loudest 1 s window (every 0.1 s) of x."""
    size, hop = min(len(x), int(np.floor(LEVEL_WINDOW_SECONDS * rate + 0.5))), max(1, int(np.floor(LEVEL_HOP_SECONDS * rate + 0.5)))
    starts = np.arange(0, len(x) - size + 1, hop)
    sums = np.concatenate([[0.0], np.cumsum(np.square(x, dtype=np.float64))])
    energies = sums[starts + size] - sums[starts]
    return int(starts[int(np.argmax(energies))]), size


def level_gain(added: np.ndarray, background: np.ndarray, rate: int, level_db: float) -> float:
    """spectral-edit.ts levelGain: the gain that puts the added sound's loudest second `level_db` over the background."""
    at, size = loudest_window(added, rate)
    a = float(np.sum(np.square(added[at : at + size], dtype=np.float64)))
    if a == 0.0:
        return 1.0
    b = float(np.sum(np.square(background[at : at + size], dtype=np.float64)))
    return float(min(MAX_ADD_GAIN, np.sqrt(b / a) * 10 ** (level_db / 20)))


# The timbre gain's range (+-30 dB): a band the original lacks cannot be conjured out of its noise floor.
TIMBRE_RANGE = 10 ** (30 / 20)


def timbre(original: np.ndarray, model: np.ndarray, recon: np.ndarray) -> np.ndarray:
    """The original with the model's change of timbre: gains env(Y) / env(R), unmatched in level (a timbre change
    covers the whole clip), within +-30 dB."""
    n = len(original)
    g = np.clip((envelope(_fitted(model, n)) + 1e-6) / (envelope(_fitted(recon, n)) + 1e-6), 1 / TIMBRE_RANGE, TIMBRE_RANGE)
    return _with_gains(original, g).astype(np.float32)


def apply_gains(x: np.ndarray, rate: int, g: np.ndarray, gain_rate: int) -> np.ndarray:
    """Gains on the model-rate grid ([frames, N // 2 + 1] at `gain_rate`) applied to a signal at `rate`, as the studio
    does it (spectral-edit.ts applyGains): frames matched by time, bins by frequency (interpolated); above the
    model's band each frame takes its mean gain over the top octave."""
    ratio = rate / gain_rate
    size = 2 ** int(np.ceil(np.log2(N * ratio)))
    hop = int(np.floor(HOP * ratio + 0.5))
    spec = stft(np.asarray(x, np.float64), size, hop)
    bins = N // 2 + 1
    top = g[:, bins >> 1 :].mean(axis=1)
    frame_of = np.minimum(len(g) - 1, np.floor(np.arange(len(spec)) * hop / rate * gain_rate / HOP + 0.5).astype(int))
    at = np.arange(size // 2 + 1) * rate / size * (N / gain_rate)
    lo = np.minimum(np.floor(at).astype(int), bins - 2)
    t = at - lo
    rows = g[frame_of]
    gains = rows[:, lo] * (1 - t) + rows[:, lo + 1] * t
    gains = np.where(at >= bins - 1, top[frame_of][:, None], gains)
    full = np.concatenate([gains, gains[:, 1 : size // 2][:, ::-1]], axis=1)
    return istft(spec * full, len(x), hop).astype(np.float32)


def separation_gains(kind: str, mask: np.ndarray) -> np.ndarray:
    """The separator's mask [frames, bins] as gains: extract keeps what it holds, remove the rest (spectral-edit.ts)."""
    return mask if kind == "extract" else 1 - mask


def apply_separation(kind: str, original: np.ndarray, mask: np.ndarray, model_rate: int, rate: int) -> np.ndarray:
    """original: [samples] or [samples, channels] at `rate`; every channel gets the same gains."""
    g = separation_gains(kind, np.asarray(mask, np.float64))
    if original.ndim == 1:
        return apply_gains(original, rate, g, model_rate)
    return np.stack([apply_gains(original[:, c], rate, g, model_rate) for c in range(original.shape[1])], axis=1)
