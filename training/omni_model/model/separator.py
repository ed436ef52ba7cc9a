"""The text-queried separator (LASS-Net / AudioSep's route, at browser scale): the mixture's STFT magnitude and the
description's language-model states -> a time-frequency mask in [0, 1] and a per-frame presence logit. Extract is
mask * mixture, remove is (1 - mask) * mixture, applied by the studio to the recording itself (its own phase and
detail, every channel, at the project's rate), so an edit never regenerates audio it does not change.

The STFT is the grid of src/dsp/spectral-edit.ts and preserve.py (periodic Hann, frames centred on multiples of
the hop, zeros outside the signal), computed inside the session as a convolution so the studio feeds it samples."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from omni_model.model.config import ModelConfig, SeparatorConfig
from omni_model.model.detector import ConvStage

# The level (RMS, dBFS) the studio brings a selection to before separating it: the middle of training's spread.
INPUT_DBFS = -25.0


def input_gain(waveform, dbfs: float = INPUT_DBFS, max_gain: float = 1000.0) -> float:
    """The one gain that brings a whole clip to `dbfs` (src/engine/separate.ts does the same); silence stays silence."""
    import numpy as np

    rms = float(np.sqrt(np.mean(np.square(np.asarray(waveform, np.float64))))) if len(waveform) else 0.0
    return min(max_gain, 10 ** (dbfs / 20) / rms) if rms > 0 else 1.0


class Spectrum(nn.Module):
    """waveform [B, S] -> real, imaginary [B, bins, frames], frames = S // hop + 1."""

    def __init__(self, cfg: SeparatorConfig) -> None:
        super().__init__()
        n, bins = cfg.n_fft, cfg.n_fft // 2 + 1
        t = torch.arange(n, dtype=torch.float64)
        window = 0.5 - 0.5 * torch.cos(2 * math.pi * t / n)
        k = torch.arange(bins, dtype=torch.float64)[:, None]
        phase = 2 * math.pi * k * t[None] / n
        kernel = torch.cat([torch.cos(phase) * window, -torch.sin(phase) * window])[:, None, :]
        self.register_buffer("kernel", kernel.float(), persistent=False)
        self.n_fft, self.hop, self.bins = n, cfg.hop, bins

    def forward(self, waveform: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        x = F.pad(waveform[:, None, :], (self.n_fft // 2, self.n_fft // 2))
        spec = F.conv1d(x, self.kernel, stride=self.hop)
        return spec[:, : self.bins], spec[:, self.bins :]


class Block(nn.Module):
    """A dilated depthwise-separable convolution over frames, modulated by the query (FiLM)."""

    def __init__(self, width: int, hidden: int, dilation: int) -> None:
        super().__init__()
        self.norm = nn.LayerNorm(width)
        self.film = nn.Linear(width, 2 * width)
        self.up = nn.Linear(width, hidden)
        self.depthwise = nn.Conv1d(hidden, hidden, 3, padding=dilation, dilation=dilation, groups=hidden)
        self.down = nn.Linear(hidden, width)
        nn.init.zeros_(self.film.weight)
        nn.init.zeros_(self.film.bias)

    def forward(self, h: torch.Tensor, query: torch.Tensor) -> torch.Tensor:
        scale, shift = self.film(query)[:, None].chunk(2, dim=-1)
        y = self.norm(h) * (1 + scale) + shift
        y = F.gelu(self.up(y))
        y = F.gelu(self.depthwise(y.transpose(1, 2)).transpose(1, 2))
        return h + self.down(y)


class LocalHead(nn.Module):
    """The mask's logits cell by cell: 3x3 convolutions over the log-spectrogram (the same weights at every frequency,
    so a pattern learnt at one pitch serves at all), plus each frame's context, the query and a per-bin embedding."""

    def __init__(self, width: int, channels: int, bins: int) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, channels, 3, padding=1)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1)
        self.context = nn.Linear(width, channels)
        self.query = nn.Linear(width, channels)
        self.bins = nn.Parameter(torch.zeros(1, channels, bins, 1))
        self.mix = nn.Conv2d(channels, channels, 1)
        self.out = nn.Conv2d(channels, 1, 1)

    def forward(self, feats: torch.Tensor, h: torch.Tensor, query: torch.Tensor) -> torch.Tensor:
        """feats [B, frames, bins], h [B, frames, width], query [B, width] -> logits [B, frames, bins]."""
        x = F.gelu(self.conv1(feats.transpose(1, 2)[:, None]))
        x = self.conv2(x) + self.context(h).transpose(1, 2)[:, :, None, :] + self.query(query)[:, :, None, None] + self.bins
        x = self.out(F.gelu(self.mix(F.gelu(x))))
        return x[:, 0].transpose(1, 2)


class Ear(nn.Module):
    """What a frame sounds like from local patterns: 3x3 convolutions over the log-spectrogram, the same weights at
    every frequency (a chirp or a buzz learnt at one pitch is heard at all), on the spectrogram pooled by 2 in time
    (the blocks' rate) and frequency (62.5 Hz bands: the per-bin path keeps the detail), frequency pooled by 2 again
    at each stage. The per-bin projection beside it matches whole spectra, which is how
    the separator came to know its training files rather than sounds (training/README.md)."""

    def __init__(self, channels: tuple[int, ...], bins: int, width: int) -> None:
        super().__init__()
        sizes = (1, *channels)
        self.stages = nn.ModuleList(ConvStage(sizes[i], sizes[i + 1], (2, 1)) for i in range(len(channels)))
        self.out = nn.Linear(channels[-1] * (math.ceil(bins / 2) // 2 ** len(channels)), width)
        # Starts silent, so that weights trained without an ear continue unchanged.
        nn.init.zeros_(self.out.weight)
        nn.init.zeros_(self.out.bias)

    def forward(self, feats: torch.Tensor) -> torch.Tensor:
        """feats [B, frames, bins] -> [B, ceil(frames / 2), width]."""
        x = F.avg_pool2d(feats.transpose(1, 2)[:, None], 2, 2, ceil_mode=True)
        for stage in self.stages:
            x = stage(x)
        return self.out(x.flatten(1, 2).transpose(1, 2))


class Separator(nn.Module):
    """waveform [B, S], text_states [B, L, D], text_mask [B, L] -> mask [B, frames, bins], presence [B, frames] (logits)."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        s = cfg.separator
        self.spectrum = Spectrum(s)
        bins = self.spectrum.bins
        # Phrases share much of their mean-pooled states (cosine 0.64 on average): the query is centred and scaled by
        # the statistics of the training phrases (set by train_separator, exported as constants) so what tells one
        # sound from another is what the network sees.
        self.register_buffer("query_mean", torch.zeros(cfg.text.hidden))
        self.register_buffer("query_scale", torch.ones(cfg.text.hidden))
        self.query = nn.Sequential(nn.Linear(cfg.text.hidden, s.width), nn.GELU(), nn.Linear(s.width, s.width))
        # The description's spectral prior: which bins the named sound tends to occupy, added to every frame's logits.
        self.query_bins = nn.Linear(s.width, self.spectrum.bins)
        self.inp = nn.Linear(bins, s.width)
        self.ear = Ear(tuple(s.ear), bins, s.width) if s.ear else None
        self.blocks = nn.ModuleList(Block(s.width, s.hidden, d) for d in s.dilations)
        self.out_norm = nn.LayerNorm(s.width)
        self.mask_head = nn.Linear(s.width, bins)
        self.local = LocalHead(s.width, s.local, bins) if s.local else None
        self.presence_head = nn.Linear(s.width, 1)
        # Per-bin skip from the input level to the mask: detail the frame embedding cannot carry.
        self.skip = nn.Parameter(torch.zeros(bins))

    def set_query_statistics(self, pooled: torch.Tensor) -> None:
        """Centre and scale the query by the mean-pooled states of the training phrases [phrases, hidden]."""
        self.query_mean.copy_(pooled.mean(0))
        self.query_scale.copy_(1.0 / (pooled.std(0) + 1e-3))

    @staticmethod
    def features(re: torch.Tensor, im: torch.Tensor) -> torch.Tensor:
        """Log magnitude. The studio brings the whole selection to INPUT_DBFS first (one gain, so every window of a long
        clip sees the same level and the windows join without a seam); training spreads levels around it."""
        return torch.log(torch.sqrt(re * re + im * im + 1e-12) + 1e-4)

    def forward(self, waveform: torch.Tensor, text_states: torch.Tensor, text_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        re, im = self.spectrum(waveform)
        feats = self.features(re, im).transpose(1, 2)  # [B, frames, bins]
        weights = text_mask[..., None]
        pooled = (text_states * weights).sum(1) / weights.sum(1).clamp(min=1.0)
        query = self.query((pooled - self.query_mean) * self.query_scale)
        full = self.inp(feats)
        # The blocks run at half the frame rate (16 ms): half the cost, twice the reach; the full-rate input joins
        # again before the heads.
        frames = full.shape[1]
        h = F.avg_pool1d(full.transpose(1, 2), 2, 2, ceil_mode=True).transpose(1, 2)
        if self.ear is not None:
            h = h + self.ear(feats)
        for block in self.blocks:
            h = block(h, query)
        h = torch.repeat_interleave(h, 2, dim=1)[:, :frames]
        h = self.out_norm(h + full)
        logits = self.mask_head(h) + self.query_bins(query)[:, None] + self.skip * feats
        if self.local is not None:
            logits = logits + self.local(feats, h, query)
        mask = torch.sigmoid(logits)
        return mask, self.presence_head(h)[..., 0]
