"""The sound event detector (understanding's first model): waveform -> log-mel -> a small CNN (the DCASE baselines'
shape, at browser scale) -> dilated convolutions over 40 ms frames -> a per-frame embedding. A label is scored by the
cosine between that embedding and the label words' embedding (the frozen language model's mean-pooled states through a
small projection), CLAP-style, so a user's own words can be matched as well as the vocabulary's. The exported session
has the vocabulary's embeddings baked in and outputs per-frame probabilities; the studio turns them into regions."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from omni_model.model.config import DetectorConfig, ModelConfig
from omni_model.model.dsp import LogMel


class ConvStage(nn.Module):
    def __init__(self, inputs: int, outputs: int, pool: tuple[int, int]) -> None:
        super().__init__()
        self.conv = nn.Conv2d(inputs, outputs, 3, padding=1)
        self.norm = nn.BatchNorm2d(outputs)
        self.pool = nn.AvgPool2d(pool, pool)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.pool(F.gelu(self.norm(self.conv(x))))


class TemporalBlock(nn.Module):
    """A residual dilated depthwise-separable convolution over frames."""

    def __init__(self, width: int, dilation: int) -> None:
        super().__init__()
        self.norm = nn.LayerNorm(width)
        self.depthwise = nn.Conv1d(width, width, 3, padding=dilation, dilation=dilation, groups=width)
        self.up = nn.Linear(width, 2 * width)
        self.down = nn.Linear(2 * width, width)

    def forward(self, h: torch.Tensor) -> torch.Tensor:
        y = self.depthwise(self.norm(h).transpose(1, 2)).transpose(1, 2)
        return h + self.down(F.gelu(self.up(F.gelu(y))))


def frequency_pools(n_mels: int, stages: int) -> list[int]:
    """Halve the mel axis at each stage while it stays whole."""
    pools, size = [], n_mels
    for _ in range(stages):
        pools.append(2 if size % 2 == 0 and size > 4 else 1)
        size //= pools[-1]
    return pools


def time_pools(total: int, stages: int) -> list[int]:
    """Pool time by 2 in the first stages until `total` is reached."""
    pools, left = [], total
    for _ in range(stages):
        pools.append(2 if left % 2 == 0 and left > 1 else 1)
        left //= pools[-1]
    if left != 1:
        raise ValueError(f"pool_time {total} is not a power of two reachable in {stages} stages")
    return pools


class Detector(nn.Module):
    """waveform [B, S] -> frame embeddings [B, frames, E] (unit length), frames = S // (hop * pool_time)."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        d: DetectorConfig = cfg.detector
        self.cfg = d
        self.mel = LogMel(cfg.audio)
        self.input_norm = nn.BatchNorm1d(cfg.audio.n_mels)
        channels = (1, *d.channels)
        freq, time = frequency_pools(cfg.audio.n_mels, len(d.channels)), time_pools(d.pool_time, len(d.channels))
        self.stages = nn.ModuleList(ConvStage(channels[i], channels[i + 1], (freq[i], time[i])) for i in range(len(d.channels)))
        bands = cfg.audio.n_mels
        for f in freq:
            bands //= f
        self.inp = nn.Linear(d.channels[-1] * bands, d.width)
        self.blocks = nn.ModuleList(TemporalBlock(d.width, k) for k in d.dilations)
        self.out_norm = nn.LayerNorm(d.width)
        self.frame_head = nn.Linear(d.width, d.embedding)
        # The label words' side: centred and scaled like the separator's query (phrases share much of their states).
        self.register_buffer("words_mean", torch.zeros(cfg.text.hidden))
        self.register_buffer("words_scale", torch.ones(cfg.text.hidden))
        self.words = nn.Sequential(nn.Linear(cfg.text.hidden, d.width), nn.GELU(), nn.Linear(d.width, d.embedding))
        self.logit_scale = nn.Parameter(torch.tensor(10.0))
        self.logit_bias = nn.Parameter(torch.tensor(-5.0))

    # Weights read back from a pack (omni_model.packing.recover) have their conv stages' batch norms folded into the
    # convolutions, as identity: training keeps those norms on their running statistics, so the function is unchanged.
    frozen_norms: bool = False

    def train(self, mode: bool = True) -> Detector:
        super().train(mode)
        if self.frozen_norms:
            for stage in self.stages:
                stage.norm.eval()
        return self

    @property
    def frame_seconds(self) -> float:
        return self.cfg.pool_time / self.mel.cfg.mel_rate

    def set_words_statistics(self, pooled: torch.Tensor) -> None:
        self.words_mean.copy_(pooled.mean(0))
        self.words_scale.copy_(1.0 / (pooled.std(0) + 1e-3))

    def embed_words(self, pooled: torch.Tensor) -> torch.Tensor:
        """Mean-pooled language-model states [N, hidden] -> label embeddings [N, E] (unit length)."""
        return F.normalize(self.words((pooled - self.words_mean) * self.words_scale), dim=-1)

    def forward(self, waveform: torch.Tensor) -> torch.Tensor:
        return self.embed(self.features(waveform))

    def features(self, waveform: torch.Tensor) -> torch.Tensor:
        """The normalised log-mel [B, mels, T] the network sees (training masks parts of it: spec_augment)."""
        return self.input_norm(self.mel(waveform))

    def embed(self, features: torch.Tensor) -> torch.Tensor:
        x = features[:, None]  # [B, 1, mels, T]
        for stage in self.stages:
            x = stage(x)
        b, c, f, t = x.shape
        h = self.inp(x.reshape(b, c * f, t).transpose(1, 2))
        for block in self.blocks:
            h = block(h)
        return F.normalize(self.frame_head(self.out_norm(h)), dim=-1)

    def logits(self, frames: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        """Frame embeddings [B, T, E], label embeddings [C, E] -> logits [B, T, C]."""
        return self.logit_scale * frames @ labels.T + self.logit_bias


class VocabularyDetector(nn.Module):
    """The exported session: waveform [1, S] -> per-frame probabilities [1, frames, C] of the pack's vocabulary, whose
    label embeddings (each label's descriptions averaged) are constants of the graph."""

    def __init__(self, detector: Detector, labels: torch.Tensor) -> None:
        super().__init__()
        self.detector = detector
        self.register_buffer("labels", labels)

    def forward(self, waveform: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.detector.logits(self.detector(waveform), self.labels))
