"""Questions with known answers about clips with known contents, for the studio's Ask (bench/qa-bench.ts answers them
through the studio's own detector path and question code). Clips: real recordings (the `wesnoth-1.16-data` beds with
one `hedgewars-data` event, 44.1 kHz stereo at -20 dBFS, never trained on) and our test split (16 kHz, a bed and
one to three events). Per clip: is the event there (yes), is a sound that is not there there (no), when is the event
(a region that meets it), is anyone speaking (yes where speech or a voice is in the clip, else no).

    python -m omni_model.evaluation.qa_set --out training/data/qa-set

Music questions (how fast, what key) are asked of the renders of known tempo and key (`omni_data.music_renders`)."""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import numpy as np
import soundfile as sf

from omni_data.queries import DESCRIPTIONS, held_out
from omni_model.evaluation.evaluate_detector import test_clips
from omni_model.paths import TRAINING_DIR

SPOKEN = {"speech", "voice"}


def questions(clip: str, events: list[dict], asked: str | None, absent: str) -> list[dict]:
    """The four questions about one clip; `asked` is the event's words (None: the clip has no event to ask about)."""
    spoken = any(e["label"] in SPOKEN for e in events)
    out = [{"clip": clip, "kind": "someone speaking", "question": "Is anyone speaking?", "expected": "yes" if spoken else "no"}]
    out.append({"clip": clip, "kind": "absent sound", "question": f"Is there {absent}?", "expected": "no"})
    if asked:
        event = next(e for e in events if e["words"] == asked)
        out.append({"clip": clip, "kind": "present sound", "question": f"Is there {asked}?", "expected": "yes"})
        out.append({"clip": clip, "kind": "when", "question": f"When do you hear {asked}?", "expected": "at", "span": [event["start"], event["end"]]})
    return out


def absent_words(labels: set[str], rng: random.Random) -> str:
    """Words for a sound of ours the clip does not hold (nothing spoken, no catch-all ambience)."""
    choices = sorted(c for c in DESCRIPTIONS if c not in labels and c not in SPOKEN | {"ambience", "music"})
    return held_out(rng.choice(choices))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--data", type=Path, default=TRAINING_DIR / "configs" / "data-detector.json")
    p.add_argument("--real", type=int, default=40)
    p.add_argument("--test", type=int, default=60)
    args = p.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261203)
    clips, asked = [], []
    from omni_data import real_validation as rv

    for e in rv.build(args.real):
        name = f"real-{len(clips):03d}.wav"
        sf.write(str(args.out / name), e.mixture.astype(np.float32), rv.RATE, subtype="PCM_16")
        events = [{"label": e.category, "start": e.onset / rv.RATE, "end": (e.onset + e.length) / rv.RATE, "words": e.description}]
        if e.bed_category:
            events.append({"label": e.bed_category, "start": 0.0, "end": len(e.mixture) / rv.RATE, "words": None})
        clips.append({"file": name, "set": "real", "events": events})
        asked += questions(name, events, e.description, e.wrong_description)
    for i, c in enumerate(test_clips(args.data, args.test)):
        name = f"test-{i:03d}.wav"
        sf.write(str(args.out / name), c.audio, 16000, subtype="PCM_16")
        events = [{"label": e.label, "start": e.start, "end": e.end, "words": None} for e in c.reference]
        foreground = [e for e in events[1:] if e["label"] in DESCRIPTIONS]
        words = None
        if foreground:
            foreground[0]["words"] = words = held_out(foreground[0]["label"])
        clips.append({"file": name, "set": "test", "events": events})
        asked += questions(name, events, words, absent_words({e["label"] for e in events}, rng))
    (args.out / "truth.json").write_text(json.dumps({"clips": clips, "questions": asked}, indent=1))
    print(f"{len(clips)} clips, {len(asked)} questions -> {args.out}")


if __name__ == "__main__":
    main()
