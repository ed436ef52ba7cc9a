"""Losses and distances for the audio autoencoder: multi-resolution STFT, log-spectral distance."""

from __future__ import annotations

import torch

RESOLUTIONS = ((512, 128), (1024, 256), (2048, 512))


def _magnitude(x: torch.Tensor, n_fft: int, hop: int) -> torch.Tensor:
    window = torch.hann_window(n_fft, device=x.device)
    return torch.stft(x, n_fft, hop, window=window, return_complex=True).abs().clamp(min=1e-7)


def multi_resolution_stft(pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Spectral convergence + log-magnitude L1, averaged over three resolutions (lower is better)."""
    total = pred.new_zeros(())
    for n_fft, hop in RESOLUTIONS:
        p, t = _magnitude(pred, n_fft, hop), _magnitude(target, n_fft, hop)
        total = total + torch.linalg.norm(t - p) / torch.linalg.norm(t) + (p.log() - t.log()).abs().mean()
    return total / len(RESOLUTIONS)


def log_spectral_distance(pred: torch.Tensor, target: torch.Tensor, n_fft: int = 1024, hop: int = 256, floor_db: float = -80.0) -> torch.Tensor:
    """LSD in dB: RMS over frequency of the log-power difference, averaged over frames. Powers below `floor_db`
    (re full scale) are raised to it, so digital silence in the reference does not dominate the score."""
    floor = 10 ** (floor_db / 10) * (n_fft / 4) ** 2
    p = (_magnitude(pred, n_fft, hop) ** 2).clamp(min=floor)
    t = (_magnitude(target, n_fft, hop) ** 2).clamp(min=floor)
    diff = 10 * torch.log10(t) - 10 * torch.log10(p)
    return torch.sqrt((diff**2).mean(dim=-2)).mean()


def griffin_lim(mel_log: torch.Tensor, inverse_mel: torch.Tensor, n_fft: int, hop: int, length: int, iterations: int = 32) -> torch.Tensor:
    """The baseline decoder: mel -> linear magnitude (pseudo-inverse filterbank) -> Griffin-Lim phase."""
    magnitude = torch.sqrt(torch.clamp(inverse_mel @ torch.exp(mel_log), min=0.0))
    window = torch.hann_window(n_fft, device=mel_log.device)
    angles = torch.exp(2j * torch.pi * torch.rand_like(magnitude))
    wav = torch.istft(magnitude * angles, n_fft, hop, window=window, length=length)
    for _ in range(iterations):
        spec = torch.stft(wav, n_fft, hop, window=window, return_complex=True)
        spec = spec[..., : magnitude.shape[-1]]
        angles = spec / spec.abs().clamp(min=1e-8)
        wav = torch.istft(magnitude * angles, n_fft, hop, window=window, length=length)
    return wav
