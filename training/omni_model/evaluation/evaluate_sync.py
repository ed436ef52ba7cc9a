"""Onset synchronisation of sound to picture (the video issue's measure, in the spirit of DeSync): on held-out
procedural renders whose visual events are known (`omni_data.video_renders`), the share of a soundtrack's onsets
within +-80 ms of a visual event, the share of events met by an onset, and the mean offset of those met.

    python -m omni_model.evaluation.evaluate_sync --pack public/models/omni-small --renders training/data/video-renders

Rows: the renders' own soundtracks (the ceiling, and the check that the onset detector hears what was placed), the
same soundtracks scored against another render's events (chance for that density of onsets), and text-to-audio
from the render's prompt without the picture through the studio's path (the baseline a video model must beat); where
the pack has the video task: sound for the video (the picture decoded and scaled as the studio reads it) with the
prompt and with no words, and its soundtrack scored against another render's events (what a model deaf to the
picture would score)."""

from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path

import numpy as np
import soundfile as sf

from omni_model.evaluation.evaluate import OnnxPack

TOLERANCE = 0.08
HOP_SECONDS = 0.01


def onsets(audio: np.ndarray, rate: int, size: int = 512) -> np.ndarray:
    """Onset times (s) of sound events: peaks of the positive log-spectral flux over 10 ms hops, the highest within
    250 ms (one event's own attacks count once), above the flux's mean plus two deviations, where the frame is within
    30 dB of the clip's loudest."""
    hop = int(rate * HOP_SECONDS)
    n = 1 + max(0, (len(audio) - size) // hop)
    idx = np.arange(size)[None] + hop * np.arange(n)[:, None]
    spec = np.abs(np.fft.rfft(audio[idx] * np.hanning(size)))
    log = np.log10(spec + 1e-6)
    flux = np.concatenate([[0.0], np.maximum(0, np.diff(log, axis=0)).sum(axis=1)])
    energy = 10 * np.log10(np.mean(spec**2, axis=1) + 1e-12)
    loud = energy >= energy.max() - 30
    threshold = flux.mean() + 2 * flux.std()
    peaks = [i for i in range(1, n - 1) if loud[i] and flux[i] >= threshold and flux[i] == flux[max(0, i - 25) : i + 26].max()]
    return np.array([(i * hop + size / 2) / rate for i in peaks])


def sync(found: np.ndarray, events: list[float]) -> dict:
    """Onsets near an event, events met by an onset, and the mean absolute offset (ms) of the events met."""
    ev = np.array(events)
    near = [np.min(np.abs(ev - t)) <= TOLERANCE for t in found] if len(ev) else []
    offsets = [np.min(np.abs(found - e)) for e in ev] if len(found) else []
    met = [o for o in offsets if o <= TOLERANCE]
    return {
        "onsets_near_event": float(np.mean(near)) if near else 0.0,
        "events_met": len(met) / max(1, len(ev)),
        "offset_ms": float(np.mean(met) * 1000) if met else None,
    }


def summary(rows: list[dict]) -> dict:
    mean = lambda k: round(float(np.mean([r[k] for r in rows if r[k] is not None])), 3)  # noqa: E731
    return {"clips": len(rows), **{k: mean(k) for k in ("onsets_near_event", "events_met", "offset_ms")}}


def picture(mp4: Path, size: int, fps: float) -> np.ndarray:
    """A video's frames as the studio reads them (src/video/video-file.ts pictureFrames): decoded, squeezed whole
    into a `size` square, `fps` a second, [frames, 3, size, size] in 0..1."""
    raw = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(mp4), "-vf", f"fps={fps},scale={size}:{size}:flags=area", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
        capture_output=True,
        check=True,
    ).stdout
    frames = np.frombuffer(raw, np.uint8).reshape(-1, size, size, 3)
    return frames.transpose(0, 3, 1, 2).astype(np.float32) / 255.0


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--pack", type=Path, required=True)
    p.add_argument("--renders", type=Path, required=True)
    p.add_argument("--dtype", default="int8")
    p.add_argument("--out", type=Path)
    p.add_argument("--count", type=int, default=40, help="held-out renders to score")
    args = p.parse_args()
    truth = json.loads((args.renders / "truth.json").read_text())
    clips = [c for c in truth["clips"] if c["split"] == "test"][: args.count]
    pack = OnnxPack(args.pack, args.dtype)
    s, rate = pack.manifest["sampler"], pack.manifest["audio"]["sample_rate"]
    tasks = {t["id"]: t for t in pack.manifest["tasks"]}
    hears = "v2a" in tasks and "video" in tasks["v2a"]["conditions"]
    rows: dict[str, list[dict]] = {
        "the renders' own sound (ceiling)": [],
        "their sound against another render's events (chance)": [],
        "text to audio, no picture (baseline)": [],
    }
    if hears:
        rows |= {"sound for the video, with the prompt": [], "sound for the video, no words": [], "sound for another render's video (control)": []}
    video = pack.manifest["video"]
    for i, c in enumerate(clips):
        own, own_rate = sf.read(args.renders / c["wav"], dtype="float32")
        heard = onsets(own, own_rate)
        rows["the renders' own sound (ceiling)"].append(sync(heard, c["events"]))
        rows["their sound against another render's events (chance)"].append(sync(heard, clips[(i + 7) % len(clips)]["events"]))
        ask = lambda words, frames=None: pack.generate(words, truth["seconds"], None, s["steps"], s["guidance_scale"], seed=1, video=frames)  # noqa: E731
        generated = ask(tasks["t2a"]["prefix"] + c["prompt"])
        rows["text to audio, no picture (baseline)"].append(sync(onsets(generated, rate), c["events"]))
        if hears:
            frames = picture(args.renders / c["file"], video["frame_size"], video["frames_per_second"])
            with_words = onsets(ask(tasks["v2a"]["prefix"] + c["prompt"], frames), rate)
            rows["sound for the video, with the prompt"].append(sync(with_words, c["events"]))
            rows["sound for the video, no words"].append(sync(onsets(ask(tasks["v2a"]["prefix"], frames), rate), c["events"]))
            # The same soundtrack judged against another render's events: what a model deaf to the picture scores.
            rows["sound for another render's video (control)"].append(sync(with_words, clips[(i + 7) % len(clips)]["events"]))
    results = {name: summary(r) for name, r in rows.items()}
    print("| soundtrack | clips | onsets within 80 ms of a visual event | visual events met | mean offset of those met |")
    print("|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['clips']} | {r['onsets_near_event']:.0%} | {r['events_met']:.0%} | {r['offset_ms']} ms |")
    if args.out:
        args.out.write_text(json.dumps({"pack": str(args.pack), "results": results}, indent=1))


if __name__ == "__main__":
    main()
