"""Music in context (the studio's Extend and Regenerate a region): a music clip whose own latent, with a part cut out,
is given as the source, so the DiT learns to draw the missing part to fit what is around it. The cut part is the
latent of silence, which is what the engine's source encoder sees where the window's audio is unknown (zeros)."""

from __future__ import annotations

import torch

# Which part is missing: the end (Extend forwards), the start (Extend backwards) or a middle (Regenerate a region).
KINDS = ("end", "start", "middle")


def known_frames(frames: int, generator: torch.Generator) -> torch.Tensor:
    """One clip's known frames (bool [frames]): 30-70 % of it before or after the missing part, or 20-50 % cut from
    its middle, as the studio's windows hold 5 s of context around the part they make."""
    u = torch.rand(3, generator=generator).tolist()
    kind = KINDS[int(u[0] * len(KINDS))]
    index = torch.arange(frames)
    if kind == "middle":
        gap = int(frames * (0.2 + 0.3 * u[1]))
        start = int((frames - gap) * u[2])
        return (index < start) | (index >= start + gap)
    cut = int(frames * (0.3 + 0.4 * u[1]))
    return index < cut if kind == "end" else index >= frames - cut


def with_context(f: dict, chosen: torch.Tensor, silence: torch.Tensor, generator: torch.Generator) -> dict:
    """The feature batch `f` (CachedBatches) with each chosen row's source made from its own target latent: its known
    frames kept, the rest the latent of silence (`silence`: [channels, frames] of the crop)."""
    if not bool(chosen.any()):
        return {**f, "in_context": chosen.to(f["x0"].device)}
    x0, frames = f["x0"], f["x0"].shape[-1]
    known = torch.stack([known_frames(frames, generator) for _ in range(len(chosen))]).to(x0.device)
    known &= chosen[:, None].to(x0.device)
    source = torch.where(known[:, None, :], x0, silence[None, :, :frames].to(x0.dtype))
    return {
        **f,
        "source_latent": torch.where(chosen[:, None, None].to(x0.device), source, f["source_latent"]),
        "has_source": torch.where(chosen.to(x0.device), torch.ones_like(f["has_source"]), f["has_source"]),
        "in_context": chosen.to(x0.device),
    }
