"""One factory from config to model. The model is a set of parts, each exported as one ONNX session."""

from __future__ import annotations

import torch
from torch import nn

from omni_model.model.autoencoder import MelVae, VaeDecoder, VaeEncoder, Vocoder
from omni_model.model.config import ModelConfig
from omni_model.model.dit import Dit, low_dims
from omni_model.model.dsp import LogMel
from omni_model.model.encoders import MelEncoder, SyncEncoder, TranscriptEncoder


class ConditionedDit(nn.Module):
    """The DiT with its condition plumbing: c_high = Concat(proj(F_text), proj(F_transcript)) along the sequence,
    c_low = Concat(F_mel, F_sync) along channels."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.text_proj = nn.Linear(cfg.text.hidden, cfg.dit.cond_dim)
        self.transcript_proj = nn.Linear(cfg.transcript.dim, cfg.dit.cond_dim)
        self.dit = Dit(cfg)

    def forward(self, x_t, t, text_states, text_mask, transcript_states, transcript_mask, mel_features, sync_features, text_present, low_present):
        c_high = torch.cat([self.text_proj(text_states), self.transcript_proj(transcript_states)], dim=1)
        c_mask = torch.cat([text_mask, transcript_mask], dim=1)
        c_low = torch.cat([mel_features, sync_features], dim=-1)
        return self.dit(x_t, t, c_high, c_mask, c_low, text_present, low_present)


class SourceEncoder(nn.Module):
    """The mel encoder as every stage runs it: it sees the source clip as the VAE represents it (log-mel -> latent ->
    log-mel), never finer. The DiT can only produce what the latent holds, and this lets training read sources from
    cached latents (`feature_cache.py`) with no gap to what the browser feeds it."""

    def __init__(self, vae: MelVae, mel_encoder: MelEncoder) -> None:
        super().__init__()
        self.vae, self.mel_encoder = vae, mel_encoder

    def forward(self, mel: torch.Tensor) -> torch.Tensor:
        return self.from_latent(self.vae.encode(mel)[0])

    def from_latent(self, latent: torch.Tensor) -> torch.Tensor:
        """Unscaled VAE latent [B, C, T] -> [B, T, dim]."""
        return self.mel_encoder(self.mel(latent))

    def mel(self, latent: torch.Tensor) -> torch.Tensor:
        """The log-mel the encoder hears for an unscaled latent. The VAE is frozen: no gradient flows back into it."""
        return self.vae.decode(latent).detach()


class OmniModel(nn.Module):
    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.cfg = cfg
        mel_dim, sync_dim = low_dims(cfg)
        from omni_model.model.text import TextEncoder  # transformers is needed for the text encoder only

        self.text_encoder = TextEncoder(cfg.text)
        self.transcript_encoder = TranscriptEncoder(cfg)
        self.mel_frontend = LogMel(cfg.audio)
        self.mel_encoder = MelEncoder(cfg, mel_dim)
        self.sync_encoder = SyncEncoder(cfg, sync_dim)
        self.dit = ConditionedDit(cfg)
        self.vae = MelVae(cfg)
        self.vocoder = Vocoder(cfg)
        self.source_encoder = SourceEncoder(self.vae, self.mel_encoder)
        self.latent_scale = 1.0  # set from the DiT checkpoint: the flow runs on latents * latent_scale
        from omni_model.model.separator import Separator

        self.separator = Separator(cfg)  # built last, so the other parts' initial weights do not depend on it

    def sessions(self) -> dict[str, nn.Module]:
        """The parts as the browser runs them, by manifest role."""
        return {
            "text_encoder": self.text_encoder,
            "transcript_encoder": self.transcript_encoder,
            "mel_frontend": self.mel_frontend,
            "mel_encoder": self.source_encoder,
            "sync_encoder": self.sync_encoder,
            "dit": self.dit,
            "vae_encoder": VaeEncoder(self.vae, self.latent_scale),
            "vae_decoder": VaeDecoder(self.vae, self.latent_scale),
            "vocoder": self.vocoder,
            "separator": self.separator,
        }


class Autoencoder(nn.Module):
    """The parts the first training stage needs: the mel front end, the VAE and the vocoder (no language model)."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.mel_frontend = LogMel(cfg.audio)
        self.vae = MelVae(cfg)
        self.vocoder = Vocoder(cfg)


def build_autoencoder(cfg: ModelConfig, seed: int = 0) -> Autoencoder:
    torch.manual_seed(seed)
    return Autoencoder(cfg)


def build_model(cfg: ModelConfig, seed: int = 0) -> OmniModel:
    torch.manual_seed(seed)
    return OmniModel(cfg).eval()


def randomize(model: OmniModel, seed: int) -> OmniModel:
    """Fills the parameters that start at zero (adaLN gates, output layers) with small random values, so a pack
    exported from random weights computes something non-trivial and its golden vectors can catch a broken export."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in model.parameters():
            if p.numel() and not p.any():
                p.copy_(0.02 * torch.randn(p.shape, generator=g))
    return model
