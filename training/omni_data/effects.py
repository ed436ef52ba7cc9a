"""Time stretch (phase vocoder) and pitch shift (stretch + resample), in numpy: no process per clip."""

from __future__ import annotations

import numpy as np
import soxr

N_FFT = 1024
HOP = 256


def _frames(x: np.ndarray, positions: np.ndarray, window: np.ndarray) -> np.ndarray:
    padded = np.pad(x, (N_FFT, N_FFT + int(positions[-1]) + 1 - len(x) if len(positions) else N_FFT))
    index = positions[:, None].astype(np.int64) + np.arange(N_FFT)[None, :] + N_FFT // 2
    return np.fft.rfft(padded[index] * window, axis=1)


def time_stretch(x: np.ndarray, factor: float) -> np.ndarray:
    """Plays `x` `factor` times as long (0.8 = faster, 1.2 = slower) at the same pitch. Output: round(len * factor)."""
    if abs(factor - 1.0) < 1e-9 or len(x) == 0:
        return x.astype(np.float32, copy=True)
    out_len = int(round(len(x) * factor))
    window = np.hanning(N_FFT + 1)[:-1].astype(np.float64)
    analysis_hop = HOP / factor
    count = int(np.ceil(out_len / HOP)) + 1
    positions = np.round(np.arange(count) * analysis_hop).astype(np.int64) - N_FFT // 2
    spectra = _frames(x.astype(np.float64), positions, window)
    omega = 2 * np.pi * np.arange(N_FFT // 2 + 1) / N_FFT
    phase = np.angle(spectra[0])
    out = np.zeros(count * HOP + N_FFT, dtype=np.float64)
    norm = np.zeros_like(out)
    for k in range(count):
        if k > 0:
            step = positions[k] - positions[k - 1]
            delta = np.angle(spectra[k]) - np.angle(spectra[k - 1]) - omega * step
            delta = (delta + np.pi) % (2 * np.pi) - np.pi
            phase = phase + (omega + delta / max(step, 1)) * HOP
        frame = np.fft.irfft(np.abs(spectra[k]) * np.exp(1j * phase), n=N_FFT) * window
        at = k * HOP
        out[at : at + N_FFT] += frame
        norm[at : at + N_FFT] += window**2
    start = N_FFT // 2
    result = out[start : start + out_len] / np.maximum(norm[start : start + out_len], 1e-3)
    return result.astype(np.float32)


def pitch_shift(x: np.ndarray, semitones: float, rate: int) -> np.ndarray:
    """Raises the pitch by `semitones` and keeps the duration: stretch by the ratio, then resample back."""
    if abs(semitones) < 1e-9:
        return x.astype(np.float32, copy=True)
    ratio = 2.0 ** (semitones / 12.0)
    stretched = time_stretch(x, ratio)
    shifted = soxr.resample(stretched, rate * ratio, rate, quality="HQ").astype(np.float32)
    if len(shifted) >= len(x):
        return shifted[: len(x)]
    return np.pad(shifted, (0, len(x) - len(shifted)))


def envelope(x: np.ndarray, rate: int, smoothing_s: float = 0.02) -> np.ndarray:
    """Smoothed amplitude envelope (moving RMS)."""
    width = max(1, int(rate * smoothing_s))
    power = np.convolve(np.square(x, dtype=np.float64), np.ones(width) / width, mode="same")
    return np.sqrt(power).astype(np.float32)


def impose_envelope(x: np.ndarray, shape: np.ndarray, rate: int, max_gain: float = 10.0) -> np.ndarray:
    """`x` re-shaped to follow the amplitude envelope of `shape` (same length): the same onsets, another sound."""
    n = min(len(x), len(shape))
    ex, es = envelope(x[:n], rate), envelope(shape[:n], rate)
    gain = np.minimum(es / np.maximum(ex, 1e-4), max_gain)
    out = np.zeros(len(shape), np.float32)
    out[:n] = x[:n] * gain
    return out
