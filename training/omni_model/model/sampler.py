"""The studio's sampler in numpy (src/sampler/): its seeded noise, its shifted timesteps and its Euler loop with
classifier-free guidance, number for number, so that what the evaluation measures is what the studio plays. A parity
fixture (src/sampler/sampler.parity.json, `python -m omni_model.packing.parity`) pins both sides."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

MASK = 0xFFFFFFFF


def _generator(seed: int) -> Callable[[], float]:
    """xoshiro128** seeded through splitmix32, as src/sampler/noise.ts: uniform numbers in [0, 1)."""
    state = seed & MASK

    def split() -> int:
        nonlocal state
        state = (state + 0x9E3779B9) & MASK
        z = state
        z = ((z ^ (z >> 16)) * 0x85EBCA6B) & MASK
        z = ((z ^ (z >> 13)) * 0xC2B2AE35) & MASK
        return (z ^ (z >> 16)) & MASK

    a, b, c, d = split(), split(), split(), split()

    def next_uniform() -> float:
        nonlocal a, b, c, d
        five = (b * 5) & MASK
        result = ((((five << 7) | (five >> 25)) & MASK) * 9) & MASK
        t = (b << 9) & MASK
        c ^= a
        d ^= b
        b ^= c
        a ^= d
        c ^= t
        d = ((d << 11) | (d >> 21)) & MASK
        return result / 4294967296

    return next_uniform


def gaussian_noise(count: int, seed: int) -> np.ndarray:
    """`count` standard normal samples (Box-Muller), the same numbers as gaussianNoise(count, seed) in TypeScript."""
    uniform = _generator(seed)
    pairs = [(max(uniform(), 1e-12), uniform()) for _ in range((count + 1) // 2)]
    u1, u2 = np.array(pairs, np.float64).T if pairs else (np.zeros(0), np.zeros(0))
    r = np.sqrt(-2 * np.log(u1))
    out = np.stack([r * np.cos(2 * np.pi * u2), r * np.sin(2 * np.pi * u2)], axis=1).ravel()[:count]
    return out.astype(np.float32)


def timesteps(steps: int, shift: float = 1.0) -> np.ndarray:
    """steps + 1 times from 1 to 0; shift > 1 moves them towards 1 (t' = s t / (1 + (s - 1) t))."""
    if steps < 1:
        raise ValueError(f"steps must be a positive integer, got {steps}")
    t = 1 - np.arange(steps + 1) / steps
    return shift * t / (1 + (shift - 1) * t)


def sample_flow(
    shape: tuple[int, ...],
    steps: int,
    shift: float,
    guidance: float,
    seed: int,
    predict: Callable[[np.ndarray, float], tuple[np.ndarray, np.ndarray]],
    known: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """Euler from noise (t = 1) to data (t = 0); `predict(x, t)` gives the conditional and unconditional velocities.
    `known` (latent, mask of the same shape, 1 where known) holds that part on the straight path from the noise to it
    at every step and sets it at the end: inpainting by replacement, as src/sampler/euler.ts holdKnown."""
    times = timesteps(steps, shift)
    noise = gaussian_noise(int(np.prod(shape)), seed).reshape(shape)

    def hold(x: np.ndarray, t: float) -> np.ndarray:
        if known is None:
            return x
        latent, m = known
        path = np.float32(1 - t) * latent + np.float32(t) * noise
        return np.where(m > 0, (1 - m) * x + m * path, x).astype(np.float32)

    x = noise
    for t, t_next in zip(times[:-1], times[1:]):
        x = hold(x, float(t))
        cond, uncond = predict(x, float(t))
        v = (uncond + np.float32(guidance) * (cond - uncond)).astype(np.float32)
        x = (x + np.float32(t_next - t) * v).astype(np.float32)
    return hold(x, 0.0)
