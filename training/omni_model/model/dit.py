"""The Diffusion Transformer of Audio-Omni, small: adaLN time conditioning, rotary positions (any length),
cross-attention to c_high in every block, and c_low added to the time embedding per frame and concatenated with x_t."""

from __future__ import annotations

import torch
from torch import nn

from omni_model.model.config import ModelConfig
from omni_model.model.dsp import sinusoidal


def rotary(x: torch.Tensor) -> torch.Tensor:
    """Rotary position embedding over the sequence axis of [B, heads, T, head_dim]."""
    t, d = x.shape[-2], x.shape[-1]
    half = d // 2
    freqs = torch.pow(10000.0, -torch.arange(half, dtype=torch.float32, device=x.device) / half)
    angles = torch.arange(t, dtype=torch.float32, device=x.device)[:, None] * freqs[None]
    cos, sin = torch.cos(angles).to(x.dtype), torch.sin(angles).to(x.dtype)  # angles in float32 even for a half-precision model
    a, b = x[..., :half], x[..., half:]
    return torch.cat([a * cos - b * sin, a * sin + b * cos], dim=-1)


class Attention(nn.Module):
    def __init__(self, width: int, heads: int, context: int | None = None) -> None:
        super().__init__()
        self.heads = heads
        self.q = nn.Linear(width, width)
        self.kv = nn.Linear(context or width, 2 * width)
        self.out = nn.Linear(width, width)
        self.cross = context is not None

    def forward(self, x: torch.Tensor, context: torch.Tensor | None = None, mask: torch.Tensor | None = None) -> torch.Tensor:
        b, t, w = x.shape
        src = x if context is None else context
        split = lambda y: y.view(b, y.shape[1], self.heads, w // self.heads).transpose(1, 2)  # noqa: E731
        q = split(self.q(x))
        k, v = (split(y) for y in self.kv(src).chunk(2, dim=-1))
        if not self.cross:
            q, k = rotary(q), rotary(k)
        bias = None if mask is None else (1.0 - mask[:, None, None, :]) * -1e4
        y = nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=bias)
        return self.out(y.transpose(1, 2).reshape(b, t, w))


class SwiGlu(nn.Module):
    def __init__(self, width: int, ratio: float) -> None:
        super().__init__()
        hidden = int(width * ratio)
        self.gate_up = nn.Linear(width, 2 * hidden)
        self.down = nn.Linear(hidden, width)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        gate, up = self.gate_up(x).chunk(2, dim=-1)
        return self.down(nn.functional.silu(gate) * up)


class Block(nn.Module):
    def __init__(self, width: int, heads: int, cond_dim: int, ratio: float) -> None:
        super().__init__()
        self.norm1 = nn.LayerNorm(width, elementwise_affine=False)
        self.self_attn = Attention(width, heads)
        self.norm2 = nn.LayerNorm(width)
        self.cross_attn = Attention(width, heads, context=cond_dim)
        self.norm3 = nn.LayerNorm(width, elementwise_affine=False)
        self.mlp = SwiGlu(width, ratio)
        self.modulation = nn.Linear(width, 6 * width)
        nn.init.zeros_(self.modulation.weight)
        nn.init.zeros_(self.modulation.bias)

    def forward(self, x: torch.Tensor, temb: torch.Tensor, c_high: torch.Tensor, c_mask: torch.Tensor) -> torch.Tensor:
        # temb is per frame ([B, T, width]): the time embedding plus that frame's low-level condition.
        s1, g1, b1, s2, g2, b2 = self.modulation(nn.functional.silu(temb)).chunk(6, dim=-1)
        x = x + g1 * self.self_attn(self.norm1(x) * (1 + s1) + b1)
        x = x + self.cross_attn(self.norm2(x), c_high, c_mask)
        return x + g2 * self.mlp(self.norm3(x) * (1 + s2) + b2)


def low_dims(cfg: ModelConfig) -> tuple[int, int]:
    """c_low = Concat(F_mel, F_sync): three quarters of the width for the mel, a quarter for video."""
    mel = cfg.dit.low_dim * 3 // 4
    return mel, cfg.dit.low_dim - mel


# The picture's paths (Dit.sync_to_inp, sync_to_time) came after the first DiTs were trained; they start at zero.
PICTURE_PATHS = ("sync_to_inp.weight", "sync_to_time.weight")


def with_picture_paths(state: dict[str, torch.Tensor], module: nn.Module) -> dict[str, torch.Tensor]:
    """A DiT's weights saved before the picture paths existed, with those paths as they start (zero): the DiT they
    give computes what it did."""
    missing = {k: torch.zeros_like(v) for k, v in module.state_dict().items() if k.endswith(PICTURE_PATHS) and k not in state}
    return {**state, **missing}


class Dit(nn.Module):
    """Predicts the rectified-flow velocity v = noise - x0 for x_t = (1 - t) x0 + t noise."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        d = cfg.dit
        c = cfg.vae.latent_channels
        self.width = d.width
        self.inp = nn.Linear(c + d.low_dim, d.width)
        self.time = nn.Sequential(nn.Linear(d.width, d.width), nn.SiLU(), nn.Linear(d.width, d.width))
        self.low_to_time = nn.Linear(d.low_dim, d.width)
        self.blocks = nn.ModuleList(Block(d.width, d.heads, d.cond_dim, d.mlp_ratio) for _ in range(d.depth))
        self.final_norm = nn.LayerNorm(d.width, elementwise_affine=False)
        self.final_mod = nn.Linear(d.width, 2 * d.width)
        self.out = nn.Linear(d.width, c)
        nn.init.zeros_(self.out.weight)
        nn.init.zeros_(self.out.bias)
        # Learned empty conditions for classifier-free guidance.
        self.null_high = nn.Parameter(torch.randn(1, 1, d.cond_dim) * 0.02)
        self.null_low = nn.Parameter(torch.zeros(1, 1, d.low_dim))
        # The picture also enters by its own paths, from the sync features as given (zero without a video): they start
        # at zero, so a DiT trained without video is unchanged by them, and they steer text to audio too, whose c_low
        # is the empty condition.
        self.sync_dim = low_dims(cfg)[1]
        self.sync_to_inp = nn.Linear(self.sync_dim, d.width, bias=False)
        self.sync_to_time = nn.Linear(self.sync_dim, d.width, bias=False)
        nn.init.zeros_(self.sync_to_inp.weight)
        nn.init.zeros_(self.sync_to_time.weight)

    def forward(
        self,
        x_t: torch.Tensor,
        t: torch.Tensor,
        c_high: torch.Tensor,
        c_mask: torch.Tensor,
        c_low: torch.Tensor,
        text_present: torch.Tensor,
        low_present: torch.Tensor,
    ) -> torch.Tensor:
        """x_t [B, C, T]; t [B]; c_high [B, L, cond] with c_mask [B, L] (1 = token); c_low [B, T, low];
        text_present, low_present [B] (1 = use the condition, 0 = the learned empty one). Returns v [B, C, T]."""
        keep_text = text_present[:, None, None]
        c_high = c_high * keep_text + self.null_high * (1 - keep_text)
        # An unconditional row attends to the empty token only.
        first = torch.zeros_like(c_mask)
        first[:, 0] = 1.0
        c_mask = c_mask * text_present[:, None] + first * (1 - text_present[:, None])
        sync = c_low[..., -self.sync_dim :]
        keep_low = low_present[:, None, None]
        c_low = c_low * keep_low + self.null_low * (1 - keep_low)

        x = self.inp(torch.cat([x_t.transpose(1, 2), c_low], dim=-1)) + self.sync_to_inp(sync)
        temb = self.time(sinusoidal(t, self.width).to(x_t.dtype))[:, None, :] + self.low_to_time(c_low) + self.sync_to_time(sync)
        for block in self.blocks:
            x = block(x, temb, c_high, c_mask)
        shift, scale = self.final_mod(nn.functional.silu(temb)).chunk(2, dim=-1)
        return self.out(self.final_norm(x) * (1 + scale) + shift).transpose(1, 2)
