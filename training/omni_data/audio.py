"""Audio reading, resampling and writing. Everything inside the pipeline is mono float32 at the configured rate."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import numpy as np
import soundfile as sf
import soxr


def to_mono_rate(data: np.ndarray, rate: int, target_rate: int) -> np.ndarray:
    mono = data.mean(axis=1) if data.ndim == 2 else data
    mono = mono.astype(np.float32, copy=False)
    if rate != target_rate:
        mono = soxr.resample(mono, rate, target_rate, quality="HQ").astype(np.float32)
    return mono


def load(path: Path | str, target_rate: int) -> np.ndarray:
    try:
        data, rate = sf.read(str(path), dtype="float32", always_2d=False)
    except sf.LibsndfileError:
        # What libsndfile cannot read (Teeworlds' WavPack, LMMS's malformed WAV headers) ffmpeg decodes to WAV.
        return load_bytes(_ffmpeg_wav(Path(path)), target_rate)
    return to_mono_rate(data, rate, target_rate)


def _ffmpeg_wav(path: Path) -> bytes:
    command = ["ffmpeg", "-v", "error", "-i", str(path), "-f", "wav", "-c:a", "pcm_f32le", "pipe:1"]
    done = subprocess.run(command, capture_output=True, check=False)
    if done.returncode != 0 or not done.stdout:
        raise RuntimeError(f"ffmpeg could not decode {path}: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def load_bytes(blob: bytes, target_rate: int) -> np.ndarray:
    data, rate = sf.read(io.BytesIO(blob), dtype="float32", always_2d=False)
    return to_mono_rate(data, rate, target_rate)


def trim_silence(x: np.ndarray, threshold_db: float = -50.0) -> np.ndarray:
    """Drops leading and trailing samples quieter than the threshold relative to the peak."""
    peak = float(np.max(np.abs(x))) if x.size else 0.0
    if peak == 0.0:
        return x[:0]
    loud = np.flatnonzero(np.abs(x) > peak * 10 ** (threshold_db / 20))
    return x[loud[0] : loud[-1] + 1]


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64)))) if x.size else 0.0


def write_int16(path: Path, samples: np.ndarray, rate: int) -> None:
    """Writes int16 samples as a 16-bit PCM WAV, bit for bit."""
    assert samples.dtype == np.int16, f"{samples.dtype=}"
    sf.write(str(path), samples, rate, subtype="PCM_16")


def quantize(x: np.ndarray) -> np.ndarray:
    return np.clip(np.round(x * 32768.0), -32768, 32767).astype(np.int16)
