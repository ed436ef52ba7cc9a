"""The mel VAE (mel at 100 frames/s <-> a 32-channel latent at 25 frames/s) and a Vocos-style vocoder (mel -> waveform)."""

from __future__ import annotations

import torch
from torch import nn

from omni_model.model.config import ModelConfig
from omni_model.model.dsp import InverseStft
from omni_model.model.encoders import ConvNeXtV2Block


class MelVae(nn.Module):
    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        n, h, c, d = cfg.audio.n_mels, cfg.vae.hidden, cfg.vae.latent_channels, cfg.vae.downsample
        self.encoder = nn.Sequential(
            nn.Conv1d(n, h, 5, padding=2), nn.GELU(), nn.Conv1d(h, h, d, stride=d), nn.GELU(), nn.Conv1d(h, 2 * c, 3, padding=1)
        )
        self.decoder = nn.Sequential(
            nn.Conv1d(c, h, 3, padding=1), nn.GELU(), nn.ConvTranspose1d(h, h, d, stride=d), nn.GELU(), nn.Conv1d(h, n, 5, padding=2)
        )
        blocks = cfg.vae.postnet_blocks
        self.postnet = MelPostnet(n, cfg.vae.postnet_dim, blocks) if blocks else None

    def encode(self, mel: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """log-mel [B, n_mels, 4T] -> mean, log-variance [B, C, T]."""
        mean, logvar = self.encoder(mel).chunk(2, dim=1)
        return mean, logvar.clamp(-30.0, 20.0)

    def decode(self, latent: torch.Tensor) -> torch.Tensor:
        mel = self.decoder(latent)
        return mel if self.postnet is None else mel + self.postnet(mel)


class MelPostnet(nn.Module):
    """A residual refinement of the decoded mel (Tacotron's post-net, with ConvNeXt blocks): the one-layer decoder
    smears the harmonics that carry pitch. Its output layer starts at zero, so a decoder gains it without changing."""

    def __init__(self, n_mels: int, dim: int, blocks: int) -> None:
        super().__init__()
        self.inp = nn.Conv1d(n_mels, dim, 7, padding=3)
        self.blocks = nn.ModuleList(ConvNeXtV2Block(dim) for _ in range(blocks))
        self.norm = nn.LayerNorm(dim)
        self.out = nn.Linear(dim, n_mels)
        nn.init.zeros_(self.out.weight)
        nn.init.zeros_(self.out.bias)

    def forward(self, mel: torch.Tensor) -> torch.Tensor:
        x = self.inp(mel).transpose(1, 2)
        for block in self.blocks:
            x = block(x)
        return self.out(self.norm(x)).transpose(1, 2)


class VaeEncoder(nn.Module):
    """The session the browser runs on a source clip: mel -> latent mean, in the DiT's scaled latent space (the scale
    that gave the flow unit-variance latents in training is baked in, so the engine never needs to know it)."""

    def __init__(self, vae: MelVae, latent_scale: float = 1.0) -> None:
        super().__init__()
        self.vae, self.latent_scale = vae, latent_scale

    def forward(self, mel: torch.Tensor) -> torch.Tensor:
        return self.vae.encode(mel)[0] * self.latent_scale


class VaeDecoder(nn.Module):
    """Scaled latent (what the DiT samples) -> log-mel."""

    def __init__(self, vae: MelVae, latent_scale: float = 1.0) -> None:
        super().__init__()
        self.vae, self.latent_scale = vae, latent_scale

    def forward(self, latent: torch.Tensor) -> torch.Tensor:
        return self.vae.decode(latent / self.latent_scale)


class Vocoder(nn.Module):
    """log-mel [B, n_mels, frames] -> waveform [B, frames * hop]: ConvNeXt backbone predicting STFT magnitude and phase."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        v, a = cfg.vocoder, cfg.audio
        bins = a.n_fft // 2 + 1
        self.inp = nn.Conv1d(a.n_mels, v.dim, 7, padding=3)
        self.blocks = nn.ModuleList(ConvNeXtV2Block(v.dim) for _ in range(v.blocks))
        self.norm = nn.LayerNorm(v.dim)
        self.out = nn.Linear(v.dim, 2 * bins)
        self.istft = InverseStft(a)

    def forward(self, mel: torch.Tensor) -> torch.Tensor:
        x = self.inp(mel).transpose(1, 2)
        for block in self.blocks:
            x = block(x)
        log_mag, phase = self.out(self.norm(x)).transpose(1, 2).chunk(2, dim=1)
        magnitude = torch.exp(log_mag.clamp(max=6.0))
        return self.istft(magnitude, phase)  # as Vocos: the phase is read through cos and sin, so it needs no range
