"""Procedural videos whose picture causes their sound, for video-to-audio: a shape drifting over a noisy background
that, at each event, flashes and jolts as a sound of one of our impact-like categories starts (its onset placed on
the event's frame). The events' times are the truth the onset-synchronisation measure scores against. For video to
music the same picture flashes on the beats of a procedural song (the cuts and motion rhythm tied to its tempo).

    python -m omni_data.video_renders --data training/configs/data-detector.json --out training/data/video-renders

Each clip: `<name>.mp4` (H.264 + AAC, 25 fps, 128 x 128, what the studio imports), `<name>.wav` (its soundtrack at
16 kHz, for evaluation without a decoder) and a row of truth.json (split, kind, prompt, events). Splits follow the sound
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
    return at_level(out + bed)


def at_level(audio: np.ndarray, dbfs: float = -20.0) -> np.ndarray:
    return (audio * (10 ** (dbfs / 20) / (np.sqrt(np.mean(audio**2)) + 1e-9))).astype(np.float32)


def music_render(catalogue: Catalogue, split: str, rng: random.Random) -> tuple[np.ndarray, list[float], str]:
    """Video to music's pairs: a procedural song's first seconds (it starts on a beat) and its beats, on which the
    picture flashes and jolts as on a hit; with the song's caption (tempo, key, instruments)."""
    songs = [c for c in catalogue.select(split, categories=frozenset({"music"})) if "bpm" in c.extra]
    song = rng.choice(songs)
    samples = int(SECONDS * catalogue.rate)
    audio = np.zeros(samples, np.float32)
    head = catalogue.audio[song.id][:samples]
    audio[: len(head)] = head
    beat = 60.0 / song.extra["bpm"]
    times = [round(k * beat * FPS) / FPS for k in range(int((SECONDS - 0.3) / beat) + 1)]
    return at_level(audio), times, song.caption


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


def squeezed(video: np.ndarray, size: int) -> np.ndarray:
    """[T, H, W, 3] uint8 -> [T, 3, size, size] uint8 by box averages (what a canvas scaled down to size shows)."""
    t, h, w, _ = video.shape
    k = h // size
    small = video[:, : k * size, : k * size].reshape(t, size, k, size, k, 3).mean(axis=(2, 4))
    return np.round(small).astype(np.uint8).transpose(0, 3, 1, 2)


def write_mp4(path: Path, video: np.ndarray, audio: np.ndarray, rate: int) -> None:
    with tempfile.NamedTemporaryFile(suffix=".wav") as wav:
        sf.write(wav.name, audio, rate, subtype="PCM_16")
        subprocess.run(
            ["ffmpeg", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{SIZE}x{SIZE}", "-r", str(FPS), "-i", "-"]
            + ["-i", wav.name, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", str(path)],
            input=video.tobytes(),
            check=True,
        )


def write_renders(data: Path, out: Path, per_split: dict[str, int], music_per_split: dict[str, int] | None = None, seed: int = 20261203) -> int:
    """Sound renders (`kind` sound) and, as many as `music_per_split` asks, music renders (`kind` music: the events are
    the song's beats)."""
    catalogue = catalogue_for(data)
    out.mkdir(parents=True, exist_ok=True)
    rng, rows = random.Random(seed), []
    for split, count in per_split.items():
        usable = [c for c in CATEGORIES if catalogue.select(split, categories=frozenset({c}))]
        for i in range(count):
            category, times = rng.choice(usable), event_times(rng)
            audio = soundtrack(catalogue, split, category, times, rng)
            rows.append(
                _write(out, f"{split}-{i:03d}", frames_for(times, rng), audio, catalogue.rate, split, "sound", category, words(category)[0], times)
            )
    for split, count in (music_per_split or {}).items():
        for i in range(count):
            audio, beats, caption = music_render(catalogue, split, rng)
            rows.append(_write(out, f"music-{split}-{i:03d}", frames_for(beats, rng), audio, catalogue.rate, split, "music", "music", caption, beats))
    (out / "truth.json").write_text(json.dumps({"rate": catalogue.rate, "fps": FPS, "seconds": SECONDS, "clips": rows}, indent=1))
    return len(rows)


def _write(
    out: Path, name: str, video: np.ndarray, audio: np.ndarray, rate: int, split: str, kind: str, category: str, prompt: str, events: list[float]
) -> dict:
    write_mp4(out / f"{name}.mp4", video, audio, rate)
    sf.write(out / f"{name}.wav", audio, rate, subtype="PCM_16")
    return {"file": f"{name}.mp4", "wav": f"{name}.wav", "split": split, "kind": kind, "category": category, "prompt": prompt, "events": events}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--train", type=int, default=0)
    p.add_argument("--test", type=int, default=40)
    p.add_argument("--music-test", type=int, default=20, help="held-out music renders (video to music)")
    args = p.parse_args()
    n = write_renders(args.data, args.out, {"train": args.train, "test": args.test}, {"test": args.music_test})
    print(f"{n} renders -> {args.out}")


if __name__ == "__main__":
    main()
