"""Procedural videos whose picture causes their sound, for video-to-audio: a shape drifting over a noisy background
that, at each event, flashes and jolts as a sound of one of our impact-like categories starts (its onset placed on
the event's frame). The events' times are the truth the onset-synchronisation measure scores against.

    python -m omni_data.video_renders --data training/configs/data-detector.json --out training/data/video-renders

Each clip: `<name>.mp4` (H.264 + AAC, 25 fps, 128 x 128, what the studio imports), `<name>.wav` (its soundtrack at
16 kHz, for evaluation without a decoder) and a row of truth.json (split, prompt, events). Splits follow the sound
sources' own splits, so a held-out render holds only held-out sounds."""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf

from .catalogue import Catalogue
from .gather import catalogue_for
from .taxonomy import words

FPS, SIZE, SECONDS = 25, 128, 8.0
# Sounds a visible hit plausibly makes, each with the shape's look.
CATEGORIES = ("impact", "door", "glass", "explosion", "footsteps", "bell", "beep", "hand_tool", "crash", "weapon")


def onset_of(audio: np.ndarray, rate: int) -> int:
    """The first sample of a clip's first 10 ms frame within 20 dB of its loudest."""
    hop = rate // 100
    frames = len(audio) // hop
    power = np.mean(np.square(audio[: frames * hop].reshape(frames, hop), dtype=np.float64), axis=1)
    return int(np.argmax(power >= power.max() * 0.01)) * hop if frames else 0


def event_times(rng: random.Random) -> list[float]:
    """Two to five events, at least 0.6 s apart, away from the clip's ends."""
    times: list[float] = []
    while len(times) < rng.randint(2, 5):
        t = round(rng.uniform(0.5, SECONDS - 1.0) * FPS) / FPS  # on a frame
        if all(abs(t - u) >= 0.6 for u in times):
            times.append(t)
    return sorted(times)


def soundtrack(catalogue: Catalogue, split: str, category: str, times: list[float], rng: random.Random) -> np.ndarray:
    rate = catalogue.rate
    out = np.zeros(int(SECONDS * rate), np.float32)
    clips = catalogue.select(split, categories=frozenset({category}))
    for t in times:
        audio = catalogue.audio[rng.choice(clips).id]
        start = onset_of(audio, rate)
        piece = audio[start : start + int(0.6 * rate)]
        piece = piece / (np.max(np.abs(piece)) + 1e-9)
        at = int(t * rate)
        out[at : at + len(piece)] += piece[: len(out) - at]
    bed = np.random.default_rng(rng.randrange(2**31)).standard_normal(len(out)).astype(np.float32) * 0.003
    mix = out + bed
    return (mix * (10 ** (-20 / 20) / (np.sqrt(np.mean(mix**2)) + 1e-9))).astype(np.float32)


def frames_for(times: list[float], rng: random.Random) -> np.ndarray:
    """[frames, SIZE, SIZE, 3] uint8: a disc drifting across a noisy background, flashing and jolting at each event."""
    n = int(SECONDS * FPS)
    back = np.array([rng.randrange(20, 120) for _ in range(3)], np.float32)
    colour = np.array([rng.randrange(120, 256) for _ in range(3)], np.float32)
    radius = rng.uniform(10, 22)
    x0, y0, vx = rng.uniform(30, 98), rng.uniform(40, 88), rng.uniform(-6, 6)
    yy, xx = np.mgrid[0:SIZE, 0:SIZE]
    noise = np.random.default_rng(rng.randrange(2**31))
    event_frames = [round(t * FPS) for t in times]
    video = np.empty((n, SIZE, SIZE, 3), np.uint8)
    for f in range(n):
        since = min((f - e for e in event_frames if f >= e), default=99)
        flash = 1.0 if since <= 1 else 0.0
        jolt = 8.0 * np.exp(-since / 2.0) if since < 6 else 0.0
        x = x0 + vx * f / FPS
        y = y0 - jolt
        disc = (xx - x) ** 2 + (yy - y) ** 2 <= radius**2
        img = np.broadcast_to(back, (SIZE, SIZE, 3)) + noise.normal(0, 4, (SIZE, SIZE, 3))
        img = np.where(disc[..., None], colour * (1 - flash) + 255 * flash, img)
        video[f] = np.clip(img, 0, 255).astype(np.uint8)
    return video


def write_mp4(path: Path, video: np.ndarray, audio: np.ndarray, rate: int) -> None:
    with tempfile.NamedTemporaryFile(suffix=".wav") as wav:
        sf.write(wav.name, audio, rate, subtype="PCM_16")
        subprocess.run(
            ["ffmpeg", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{SIZE}x{SIZE}", "-r", str(FPS), "-i", "-"]
            + ["-i", wav.name, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", str(path)],
            input=video.tobytes(),
            check=True,
        )


def write_renders(data: Path, out: Path, per_split: dict[str, int], seed: int = 20261203) -> int:
    catalogue = catalogue_for(data)
    out.mkdir(parents=True, exist_ok=True)
    rng, rows = random.Random(seed), []
    for split, count in per_split.items():
        usable = [c for c in CATEGORIES if catalogue.select(split, categories=frozenset({c}))]
        for i in range(count):
            category, times = rng.choice(usable), event_times(rng)
            name = f"{split}-{i:03d}"
            audio = soundtrack(catalogue, split, category, times, rng)
            write_mp4(out / f"{name}.mp4", frames_for(times, rng), audio, catalogue.rate)
            sf.write(out / f"{name}.wav", audio, catalogue.rate, subtype="PCM_16")
            prompt = words(category)[0]
            rows.append({"file": f"{name}.mp4", "wav": f"{name}.wav", "split": split, "category": category, "prompt": prompt, "events": times})
    (out / "truth.json").write_text(json.dumps({"rate": catalogue.rate, "fps": FPS, "seconds": SECONDS, "clips": rows}, indent=1))
    return len(rows)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--train", type=int, default=0)
    p.add_argument("--test", type=int, default=40)
    args = p.parse_args()
    n = write_renders(args.data, args.out, {"train": args.train, "test": args.test})
    print(f"{n} renders -> {args.out}")


if __name__ == "__main__":
    main()
