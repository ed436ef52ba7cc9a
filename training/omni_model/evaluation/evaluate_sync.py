"""Onset synchronisation of sound to picture (the video issue's measure, in the spirit of DeSync): on held-out
procedural renders whose visual events are known (`omni_data.video_renders`), the share of a soundtrack's onsets
within +-80 ms of a visual event, the share of events met by an onset, and the mean offset of those met.

    python -m omni_model.evaluation.evaluate_sync --pack public/models/omni-small --renders training/data/video-renders

Rows: the renders' own soundtracks (the ceiling, and the check that the onset detector hears what was placed), the
same soundtracks scored against another render's events (chance for that density of onsets), and text-to-audio
from the render's prompt without the picture through the studio's path (the baseline a video model must beat); where
the pack has the video task: sound for the video (the picture decoded and scaled as the studio reads it) with the
prompt and with no words, and its soundtrack scored against another render's events (what a model deaf to the
picture would score), and a picture where nothing happens (the absent-event control: its onsets a second)."""

from __future__ import annotations

import argparse
import json
import random
import subprocess
from pathlib import Path

import numpy as np
import soundfile as sf

from omni_data.video_renders import frames_for, squeezed
from omni_model.evaluation.evaluate import OnnxPack

TOLERANCE = 0.08
# Each kind of render: its text-only task (the baseline) and its video task; music's rows are named apart.
KIND_TASKS = {"sound": ("t2a", "v2a"), "music": ("t2m", "v2m")}
ROW_NAMES = {"sound": "", "music": "music: "}
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
    if not len(ev):  # a picture where nothing happens: only the onsets a second say anything
        return {"onsets_near_event": None, "events_met": None, "offset_ms": None}
    near = [np.min(np.abs(ev - t)) <= TOLERANCE for t in found] if len(ev) else []
    offsets = [np.min(np.abs(found - e)) for e in ev] if len(found) else []
    met = [o for o in offsets if o <= TOLERANCE]
    return {
        "onsets_near_event": float(np.mean(near)) if near else 0.0,
        "events_met": len(met) / max(1, len(ev)),
        "offset_ms": float(np.mean(met) * 1000) if met else None,
    }


def summary(rows: list[dict]) -> dict:
    mean = lambda k: round(float(np.mean(v)), 3) if (v := [r[k] for r in rows if r.get(k) is not None]) else None  # noqa: E731
    return {"clips": len(rows), **{k: mean(k) for k in ("onsets_near_event", "events_met", "offset_ms", "onsets_per_second", "heard", "level_dbfs")}}


class Judge:
    """A soundtrack's timing against the events, and what it is: its category among the pack's detector's three
    likeliest labels (the detector hears at its own input level), and its level."""

    def __init__(self, pack: OnnxPack) -> None:
        from omni_model.evaluation.evaluate_detector import StudioDetector

        self.detector = StudioDetector(pack, use_vad=False) if "detector" in pack.sessions else None

    def __call__(self, audio: np.ndarray, rate: int, events: list[float], category: str) -> dict:
        scored = sync(onsets(audio, rate), events)
        scored["level_dbfs"] = float(10 * np.log10(np.mean(np.square(audio, dtype=np.float64)) + 1e-12))
        scored["onsets_per_second"] = len(onsets(audio, rate)) * rate / len(audio)
        if self.detector is not None and rate == self.detector.rate:
            tags = self.detector.tags(self.detector.probabilities(audio), None)
            scored["heard"] = float(category in [label for label, _ in tags[:3]])
        return scored


def table(results: dict) -> str:
    share = lambda x: "-" if x is None else f"{x:.0%}"  # noqa: E731
    per_second = lambda x: "-" if x is None else f"{x:.2f}"  # noqa: E731
    lines = [
        "| soundtrack | clips | onsets within 80 ms of a visual event | visual events met | mean offset of those met | onsets a second | category in the detector's top 3 | level as made |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        offset = "-" if r["offset_ms"] is None else f"{r['offset_ms']:.0f} ms"
        lines.append(
            f"| {name} | {r['clips']} | {share(r['onsets_near_event'])} | {share(r['events_met'])} | {offset} | {per_second(r.get('onsets_per_second'))} | {share(r['heard'])} | {r['level_dbfs']:.1f} dBFS |"
        )
    return "\n".join(lines)


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


def score(pack: OnnxPack, judge: Judge, renders: Path, clip: dict, other: list[float], seconds: float) -> dict[str, dict]:
    """One render's rows: its own sound (and against another render's events), its kind's text-only task, and where the
    pack has it, its video task with the prompt, with no words, and against the other events."""
    tasks = {t["id"]: t for t in pack.manifest["tasks"]}
    text_task, video_task = KIND_TASKS[clip.get("kind", "sound")]
    s, rate, video = pack.manifest["sampler"], pack.manifest["audio"]["sample_rate"], pack.manifest["video"]
    ask = lambda words, frames=None: pack.generate(words, seconds, None, s["steps"], s["guidance_scale"], seed=1, video=frames)  # noqa: E731
    own, own_rate = sf.read(renders / clip["wav"], dtype="float32")
    events, category = clip["events"], clip["category"]
    rows = {
        "the renders' own sound (ceiling)": judge(own, own_rate, events, category),
        "their sound against another render's events (chance)": judge(own, own_rate, other, category),
        f"{tasks[text_task]['label'].lower()}, no picture (baseline)": judge(
            ask(tasks[text_task]["prefix"] + clip["prompt"]), rate, events, category
        ),
    }
    if video_task in tasks and "video" in tasks[video_task]["conditions"]:
        frames = picture(renders / clip["file"], video["frame_size"], video["frames_per_second"])
        label = tasks[video_task]["label"].lower()
        with_words = ask(tasks[video_task]["prefix"] + clip["prompt"], frames)
        rows[f"{label}, with the prompt"] = judge(with_words, rate, events, category)
        rows[f"{label}, no words"] = judge(ask(tasks[video_task]["prefix"], frames), rate, events, category)
        # The same soundtrack judged against another render's events: what a model deaf to the picture scores.
        rows[f"{label} against another render's events (control)"] = judge(with_words, rate, other, category)
        # A picture where nothing happens (the shape drifts, never flashes): onsets a second should fall.
        still = squeezed(frames_for([], random.Random(len(events))), video["frame_size"]).astype(np.float32) / 255.0
        rows[f"{label}, a picture where nothing happens (control)"] = judge(
            ask(tasks[video_task]["prefix"] + clip["prompt"], still), rate, [], category
        )
    return rows


def unchanged(pack: OnnxPack, before: OnnxPack) -> dict[str, float]:
    """How far the pack's other tasks moved from an earlier pack's (RMS of the difference over RMS, same seed): the
    picture's paths add nothing without a video, so 0 is expected."""
    source = (0.1 * np.sin(np.arange(10 * 16000) / 9)).astype(np.float32)
    asks = {"text to audio": ("Generate sound: a dog barking", None), "text to music": ("Generate music: slow piano melody in A minor", None)}
    asks["remove (diffusion)"] = ("Edit: Remove the sound of 'rain'", source)
    moved = {}
    for name, (prompt, src) in asks.items():
        a, b = (p.generate(prompt, 10.0, src, 8, 3.0, seed=3) for p in (before, pack))
        moved[name] = float(np.sqrt(np.mean((a - b) ** 2)) / (np.sqrt(np.mean(a**2)) + 1e-12))
    return moved


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--pack", type=Path, required=True)
    p.add_argument("--renders", type=Path, required=True)
    p.add_argument("--dtype", default="int8")
    p.add_argument("--out", type=Path)
    p.add_argument("--count", type=int, default=40, help="held-out renders of each kind to score")
    p.add_argument("--before", type=Path, help="an earlier pack: how far the other tasks moved from it")
    args = p.parse_args()
    truth = json.loads((args.renders / "truth.json").read_text())
    clips = [c for c in truth["clips"] if c["split"] == "test"]
    pack = OnnxPack(args.pack, args.dtype)
    judge = Judge(pack)
    rows: dict[str, list[dict]] = {}
    for kind in KIND_TASKS:
        of_kind = [c for c in clips if c.get("kind", "sound") == kind][: args.count]
        for i, c in enumerate(of_kind):
            for row, scored in score(pack, judge, args.renders, c, of_kind[(i + 7) % len(of_kind)]["events"], truth["seconds"]).items():
                rows.setdefault(ROW_NAMES[kind] + row, []).append(scored)
    results = {name: summary(r) for name, r in rows.items()}
    print(table(results))
    moved = unchanged(pack, OnnxPack(args.before, args.dtype)) if args.before else None
    if moved is not None:
        print("Other tasks against the earlier pack (relative RMS difference, same seed): " + ", ".join(f"{k} {v:.1e}" for k, v in moved.items()))
    if args.out:
        args.out.write_text(json.dumps({"pack": str(args.pack), "results": results, "other_tasks_moved": moved}, indent=1))


if __name__ == "__main__":
    main()
