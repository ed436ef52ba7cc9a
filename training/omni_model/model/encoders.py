"""Condition encoders: characters of the transcript (ConvNeXt V2), the source clip's mel, and video frames."""

from __future__ import annotations

import torch
from torch import nn

from omni_model.model.config import ModelConfig


class GlobalResponseNorm(nn.Module):
    """ConvNeXt V2's GRN over the time axis, channels last."""

    def __init__(self, dim: int) -> None:
        super().__init__()
        self.gamma = nn.Parameter(torch.zeros(1, 1, dim))
        self.beta = nn.Parameter(torch.zeros(1, 1, dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        g = torch.sqrt(torch.sum(x * x, dim=1, keepdim=True) + 1e-6)
        n = g / (g.mean(dim=-1, keepdim=True) + 1e-6)
        return self.gamma * (x * n) + self.beta + x


class ConvNeXtV2Block(nn.Module):
    def __init__(self, dim: int, kernel: int = 7) -> None:
        super().__init__()
        self.dw = nn.Conv1d(dim, dim, kernel, padding=kernel // 2, groups=dim)
        self.norm = nn.LayerNorm(dim)
        self.up = nn.Linear(dim, dim * 2)
        self.grn = GlobalResponseNorm(dim * 2)
        self.down = nn.Linear(dim * 2, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # x: [B, T, C]
        y = self.dw(x.transpose(1, 2)).transpose(1, 2)
        y = self.down(self.grn(nn.functional.gelu(self.up(self.norm(y)))))
        return x + y


class TranscriptEncoder(nn.Module):
    """UTF-8 byte ids [B, chars] (0 = padding) -> features [B, chars, dim]."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        c = cfg.transcript
        self.embed = nn.Embedding(c.vocab, c.dim, padding_idx=0)
        self.blocks = nn.ModuleList(ConvNeXtV2Block(c.dim) for _ in range(c.blocks))

    def forward(self, chars: torch.Tensor) -> torch.Tensor:
        x = self.embed(chars)
        for block in self.blocks:
            x = block(x)
        return x


class MelEncoder(nn.Module):
    """Source or reference log-mel [B, n_mels, 4T] -> one vector per latent frame [B, T, dim]."""

    def __init__(self, cfg: ModelConfig, dim: int) -> None:
        super().__init__()
        n, h = cfg.audio.n_mels, cfg.dit.width
        self.net = nn.Sequential(
            nn.Conv1d(n, h, 5, padding=2),
            nn.GELU(),
            nn.Conv1d(h, h, cfg.vae.downsample, stride=cfg.vae.downsample),
            nn.GELU(),
            nn.Conv1d(h, dim, 3, padding=1),
        )

    def forward(self, mel: torch.Tensor) -> torch.Tensor:
        return self.net(mel).transpose(1, 2)


class SyncEncoder(nn.Module):
    """Video frames at the latent rate [B, T, 3, S, S] (values 0..1) -> [B, T, dim], from each frame and its difference
    to the previous one (motion, which is what syncs sound to picture)."""

    def __init__(self, cfg: ModelConfig, dim: int) -> None:
        super().__init__()
        h = cfg.sync.dim
        self.net = nn.Sequential(
            nn.Conv2d(6, h, 4, stride=4),
            nn.GELU(),
            nn.Conv2d(h, h, 4, stride=4),
            nn.GELU(),
            nn.AdaptiveAvgPool2d(1),
        )
        self.out = nn.Linear(h, dim)

    def forward(self, frames: torch.Tensor) -> torch.Tensor:
        b, t = frames.shape[0], frames.shape[1]
        previous = torch.cat([frames[:, :1], frames[:, :-1]], dim=1)
        x = torch.cat([frames, frames - previous], dim=2).flatten(0, 1)
        features = self.net(x).flatten(1)
        return self.out(features).view(b, t, -1)
