"""One dataclass per part; one JSON file per model size (training/configs/model-*.json); embedded in checkpoints and packs."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path


@dataclass(frozen=True)
class AudioConfig:
    sample_rate: int = 16000
    n_fft: int = 640
    hop: int = 160  # 100 mel frames per second
    n_mels: int = 80
    f_max: float = 8000.0

    @property
    def mel_rate(self) -> float:
        return self.sample_rate / self.hop


@dataclass(frozen=True)
class TextEncoderConfig:
    kind: str = "minilm"  # the frozen language model; 'minilm' reads the packaged all-MiniLM-L6-v2
    pretrained: bool = True  # False: the same architecture, randomly initialised (test packs)
    hidden: int = 384
    layers: int = 6
    heads: int = 12
    layer: int = -2  # penultimate layer, as the paper found best
    max_tokens: int = 64


@dataclass(frozen=True)
class TranscriptConfig:
    vocab: int = 257  # UTF-8 bytes + 1; 0 is padding
    dim: int = 128
    blocks: int = 3
    max_chars: int = 256


@dataclass(frozen=True)
class VaeConfig:
    latent_channels: int = 32
    downsample: int = 4  # mel frames per latent frame: 100 / 4 = 25 latent frames per second
    hidden: int = 256
    postnet_blocks: int = 0  # ConvNeXt blocks refining the decoded mel (a later stage; 0: the decoder alone)
    postnet_dim: int = 128


@dataclass(frozen=True)
class VocoderConfig:
    dim: int = 256
    blocks: int = 6


@dataclass(frozen=True)
class DitConfig:
    width: int = 256
    depth: int = 8
    heads: int = 4
    cond_dim: int = 256  # c_high width after projection
    low_dim: int = 128  # F_mel and F_sync together
    mlp_ratio: float = 2.67


@dataclass(frozen=True)
class SyncConfig:
    frame_size: int = 32  # video frames are resized to frame_size x frame_size
    dim: int = 64


@dataclass(frozen=True)
class SeparatorConfig:
    """The text-queried separator: a time-frequency mask over the mixture's STFT (the grid of src/dsp/spectral-edit.ts:
    512-point Hann frames, hop 128, at the model's rate), from the mixture and the description's language-model states."""

    n_fft: int = 512
    hop: int = 128
    width: int = 192
    hidden: int = 384
    dilations: tuple[int, ...] = (1, 2, 4, 8, 16, 1, 2, 4, 8, 16)
    # Channels of the time-frequency head (3x3 convolutions over the spectrogram, shared across frequency, joined with
    # each frame's context and the query); 0: the mask comes from each frame's context alone.
    local: int = 0
    # Channels of the ear's stages (3x3 convolutions over the log-spectrogram pooled by 2 in time and frequency, then
    # frequency halved at each stage): what the blocks hear beside the per-bin projection; () for none.
    ear: tuple[int, ...] = ()


@dataclass(frozen=True)
class DetectorConfig:
    """The sound event detector: log-mel (the audio section's) -> a small CNN that pools frequency and time to frames of
    `pool_time` mel hops -> dilated convolutions over frames -> a per-frame embedding compared with the label words'
    language-model states (so a user's own words can be matched as well as the vocabulary's)."""

    channels: tuple[int, ...] = (24, 48, 64, 96)
    pool_time: int = 4  # 40 ms frames at the default 10 ms mel hop
    width: int = 160
    dilations: tuple[int, ...] = (1, 2, 4, 8, 1, 2, 4, 8)
    embedding: int = 96


@dataclass(frozen=True)
class ModelConfig:
    name: str = "omni-small"
    audio: AudioConfig = field(default_factory=AudioConfig)
    text: TextEncoderConfig = field(default_factory=TextEncoderConfig)
    transcript: TranscriptConfig = field(default_factory=TranscriptConfig)
    vae: VaeConfig = field(default_factory=VaeConfig)
    vocoder: VocoderConfig = field(default_factory=VocoderConfig)
    dit: DitConfig = field(default_factory=DitConfig)
    sync: SyncConfig = field(default_factory=SyncConfig)
    separator: SeparatorConfig = field(default_factory=SeparatorConfig)
    detector: DetectorConfig = field(default_factory=DetectorConfig)

    @property
    def latent_rate(self) -> float:
        return self.audio.mel_rate / self.vae.downsample

    def to_json(self) -> dict:
        return asdict(self)

    @staticmethod
    def from_json(raw: dict) -> ModelConfig:
        parts = {f.name: f.type for f in fields(ModelConfig)}
        unknown = set(raw) - set(parts)
        if unknown:
            raise ValueError(f"unknown model config keys {sorted(unknown)}")
        classes = {
            "audio": AudioConfig,
            "text": TextEncoderConfig,
            "transcript": TranscriptConfig,
            "vae": VaeConfig,
            "vocoder": VocoderConfig,
            "dit": DitConfig,
            "sync": SyncConfig,
            "separator": SeparatorConfig,
            "detector": DetectorConfig,
        }
        kwargs = {k: (classes[k](**v) if k in classes else v) for k, v in raw.items()}
        return ModelConfig(**kwargs)


def load_model_config(path: Path | str) -> ModelConfig:
    return ModelConfig.from_json(json.loads(Path(path).read_text()))
