"""Does a music take carry the instrument its prompt names? The instrument tagger (log-mel statistics and a small MLP,
omni_model.model.tagger) fitted to the catalogue's procedural songs of the training split, by instrument, judges the
takes bench/sketch-bench.ts writes (TAKES=<dir>): the named instrument among its top 3. Beside them: the same takes
against another prompt's instrument (a model deaf to the words: the floor) and the held-out songs themselves (the
ceiling: how often the judge hears an instrument where it surely is).

    TAKES=training/data/sketch-takes npx tsx bench/sketch-bench.ts public/models/omni-small 48
    python -m omni_model.evaluation.judge_instruments --data training/configs/data-detector.json --takes training/data/sketch-takes

`--renders training/data/music-renders-heldout` adds songs neither the DiT nor the tagger learnt from to the ceiling
(their truth.json names each one's instrument), and the ceiling is also given weighted to the takes' own mix of
instruments, so that takes and songs are compared instrument for instrument.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import soundfile as sf

from omni_data.gather import catalogue_for
from omni_model.model.config import load_model_config
from omni_model.model.tagger import Tagger, fit_tagger

SECONDS = 10.0
CROPS_PER_SONG = 3


def songs(catalogue, split: str) -> list[tuple[np.ndarray, str]]:
    """Up to CROPS_PER_SONG 10 s crops of each song of `split` that names its instrument."""
    size = int(SECONDS * catalogue.rate)
    found = []
    for clip in catalogue.select(split, categories=frozenset({"music"})):
        instrument = clip.extra.get("instrument")
        audio = catalogue.audio[clip.id]
        if not instrument or len(audio) < size // 2:
            continue
        starts = np.linspace(0, max(0, len(audio) - size), CROPS_PER_SONG).astype(int)
        found += [(audio[s : s + size], instrument) for s in sorted(set(starts.tolist()))]
    return found


def rendered(renders: Path, rate: int) -> list[tuple[np.ndarray, str]]:
    """The first 10 s of each rendered song (omni_data.music_renders) that names its instrument, at `rate`."""
    import soxr

    truth = json.loads((renders / "truth.json").read_text())
    found = []
    for song in truth["songs"]:
        if not song.get("instrument"):
            continue
        audio, song_rate = sf.read(str(renders / song["file"]), dtype="float32", always_2d=True)
        mono = soxr.resample(audio.mean(axis=1), song_rate, rate).astype(np.float32)
        found.append((mono[: int(SECONDS * rate)], song["instrument"]))
    return found


def weighted_ceiling(tagger: Tagger, songs: list[tuple[np.ndarray, str]], mix: dict[str, int]) -> tuple[float, int]:
    """The songs' hit rate per instrument, averaged with the takes' count of each instrument as its weight (instruments
    no song holds are left out); and how many takes that covers."""
    probs, _ = tagger([w for w, _ in songs])
    hits: dict[str, list[bool]] = {}
    for p, (_, instrument) in zip(probs, songs):
        hits.setdefault(instrument, []).append(tagger.detects(p, instrument))
    covered = {i: n for i, n in mix.items() if hits.get(i)}
    total = sum(covered.values())
    return sum(n * float(np.mean(hits[i])) for i, n in covered.items()) / max(total, 1), total


def named(prompt: str, instruments: list[str]) -> str | None:
    """The longest instrument name in the prompt ("electric piano melody" names electric piano, not piano)."""
    hits = [i for i in instruments if i in prompt.lower()]
    return max(hits, key=len) if hits else None


def hit_rate(tagger: Tagger, wavs: list[np.ndarray], instruments: list[str]) -> float:
    probs, _ = tagger(wavs)
    return float(np.mean([tagger.detects(p, i) for p, i in zip(probs, instruments)])) if wavs else float("nan")


def judge(tagger: Tagger, takes_dir: Path) -> list[dict]:
    """Per way of making the takes: the named instrument in the top 3, and another prompt's (the floor)."""
    takes = json.loads((takes_dir / "takes.json").read_text())
    rows = []
    for way in dict.fromkeys(t["way"] for t in takes):
        mine = [t for t in takes if t["way"] == way and named(t["prompt"], tagger.classes)]
        wavs = [sf.read(str(takes_dir / t["file"]), dtype="float32")[0] for t in mine]
        asked = [named(t["prompt"], tagger.classes) for t in mine]
        # Another prompt's instrument: the next take whose instrument differs.
        other = [next(a for a in asked[i + 1 :] + asked[:i] if a != asked[i]) for i in range(len(asked))]
        rows.append({"way": way, "takes": len(mine), "named": hit_rate(tagger, wavs, asked), "other": hit_rate(tagger, wavs, other)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("training/configs/data-detector.json"))
    parser.add_argument("--config", type=Path, default=Path("training/configs/model-small.json"))
    parser.add_argument("--takes", type=Path, required=True)
    parser.add_argument("--renders", type=Path, help="rendered held-out songs to add to the ceiling (truth.json)")
    args = parser.parse_args()
    catalogue = catalogue_for(args.data)
    train = songs(catalogue, "train")
    tagger = fit_tagger([w for w, _ in train], [i for _, i in train], load_model_config(args.config).audio)
    held_out = songs(catalogue, "valid") + songs(catalogue, "test")
    # The ceiling over the instruments the takes' prompts name (the drums dominate the songs otherwise).
    takes = json.loads((args.takes / "takes.json").read_text())
    asked = {named(t["prompt"], tagger.classes) for t in takes} - {None}
    if args.renders:
        held_out += rendered(args.renders, catalogue.rate)
    held_out = [(w, i) for w, i in held_out if i in asked]
    probs, _ = tagger([w for w, _ in held_out])
    top1 = float(np.mean([tagger.classes[int(np.argmax(p))] == i for p, (_, i) in zip(probs, held_out)]))
    print(f"instrument tagger: {len(tagger.classes)} instruments, {len(train)} training crops; held-out songs top-1 {top1:.0%}")
    print("| takes | n | named instrument in the tagger's top 3 | another prompt's instrument (floor) |")
    print("|---|---|---|---|")
    for row in judge(tagger, args.takes):
        print(f"| {row['way']} | {row['takes']} | {row['named']:.0%} | {row['other']:.0%} |")
    ceiling = hit_rate(tagger, [w for w, _ in held_out], [i for _, i in held_out])
    print(f"| held-out rendered songs (ceiling) | {len(held_out)} | {ceiling:.0%} | - |")
    mix: dict[str, int] = {}
    for t in takes:
        instrument = named(t["prompt"], tagger.classes)
        if instrument and t["way"] == takes[0]["way"]:
            mix[instrument] = mix.get(instrument, 0) + 1
    weighted, covered = weighted_ceiling(tagger, held_out, mix)
    print(f"| held-out rendered songs, weighted to the takes' instruments (ceiling) | {covered} takes' worth | {weighted:.0%} | - |")


if __name__ == "__main__":
    main()
