"""STFT, mel and inverse STFT as convolutions: they export to plain ONNX Conv ops that every runtime has."""

from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn

from omni_model.model.config import AudioConfig


def mel_filterbank(cfg: AudioConfig) -> np.ndarray:
    """Slaney-style triangular filters on the HTK mel scale, [n_mels, n_fft // 2 + 1]."""
    hz_to_mel = lambda f: 2595.0 * np.log10(1.0 + f / 700.0)  # noqa: E731
    mel_to_hz = lambda m: 700.0 * (10 ** (m / 2595.0) - 1.0)  # noqa: E731
    bins = cfg.n_fft // 2 + 1
    freqs = np.linspace(0, cfg.sample_rate / 2, bins)
    points = mel_to_hz(np.linspace(hz_to_mel(0.0), hz_to_mel(cfg.f_max), cfg.n_mels + 2))
    bank = np.zeros((cfg.n_mels, bins), np.float32)
    for m in range(cfg.n_mels):
        lo, centre, hi = points[m], points[m + 1], points[m + 2]
        rising = (freqs - lo) / max(centre - lo, 1e-9)
        falling = (hi - freqs) / max(hi - centre, 1e-9)
        bank[m] = np.maximum(0.0, np.minimum(rising, falling)) * (2.0 / (hi - lo))
    return bank


def _dft_basis(n_fft: int) -> tuple[np.ndarray, np.ndarray]:
    k = np.arange(n_fft // 2 + 1)[:, None]
    n = np.arange(n_fft)[None, :]
    angle = 2 * np.pi * k * n / n_fft
    return np.cos(angle), -np.sin(angle)


class LogMel(nn.Module):
    """Waveform [B, samples] -> log-mel [B, n_mels, frames], frames = samples // hop (centred, reflect padding)."""

    def __init__(self, cfg: AudioConfig) -> None:
        super().__init__()
        self.cfg = cfg
        window = np.hanning(cfg.n_fft + 1)[:-1]
        cos, sin = _dft_basis(cfg.n_fft)
        basis = np.concatenate([cos * window, sin * window])[:, None, :].astype(np.float32)
        self.register_buffer("basis", torch.from_numpy(basis), persistent=False)
        self.register_buffer("mel", torch.from_numpy(mel_filterbank(cfg)), persistent=False)

    def forward(self, wav: torch.Tensor) -> torch.Tensor:
        pad = self.cfg.n_fft // 2
        x = nn.functional.pad(wav[:, None, :], (pad, pad), mode="reflect")
        spec = nn.functional.conv1d(x, self.basis, stride=self.cfg.hop)
        bins = self.cfg.n_fft // 2 + 1
        power = spec[:, :bins] ** 2 + spec[:, bins:] ** 2
        mel = torch.matmul(self.mel, power)
        frames = wav.shape[-1] // self.cfg.hop
        return torch.log(torch.clamp(mel, min=1e-5))[..., :frames]


class InverseStft(nn.Module):
    """Magnitude and phase [B, bins, frames] -> waveform [B, frames * hop], by a transposed convolution (overlap-add)."""

    def __init__(self, cfg: AudioConfig) -> None:
        super().__init__()
        self.cfg = cfg
        n = cfg.n_fft
        window = np.hanning(n + 1)[:-1]
        k = np.arange(n // 2 + 1)[:, None]
        t = np.arange(n)[None, :]
        scale = np.full((n // 2 + 1, 1), 2.0)
        scale[0] = scale[-1] = 1.0
        cos = scale * np.cos(2 * np.pi * k * t / n) / n * window
        sin = -scale * np.sin(2 * np.pi * k * t / n) / n * window
        self.register_buffer("basis", torch.from_numpy(np.concatenate([cos, sin])[:, None, :].astype(np.float32)), persistent=False)
        # Window-square sum of the overlap-add, for normalisation; constant for a Hann window at this hop.
        overlap = n / cfg.hop
        self.norm = float(np.sum(window**2) / n * overlap) if overlap >= 1 else 1.0

    def forward(self, magnitude: torch.Tensor, phase: torch.Tensor) -> torch.Tensor:
        spec = torch.cat([magnitude * torch.cos(phase), magnitude * torch.sin(phase)], dim=1)
        wav = nn.functional.conv_transpose1d(spec, self.basis, stride=self.cfg.hop)[:, 0]
        pad = self.cfg.n_fft // 2
        frames = magnitude.shape[-1]
        return wav[:, pad : pad + frames * self.cfg.hop] / self.norm


def sinusoidal(t: torch.Tensor, dim: int) -> torch.Tensor:
    """Timestep embedding [B] -> [B, dim] (t in [0, 1] scaled by 1000)."""
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32, device=t.device) / half)
    args = t[:, None].float() * 1000.0 * freqs[None]
    return torch.cat([torch.cos(args), torch.sin(args)], dim=-1)
