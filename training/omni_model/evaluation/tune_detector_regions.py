"""Choose how the detector's frame probabilities become regions (threshold, hysteresis release, running median, bridge,
shortest region), then how the VAD's become speech spans, on the validation split (or, `--choose-on dev`, on the real
development set, omni_data/real_dev.py), then report the choice on the test split and on the real recordings, which
take no part in choosing it.

    python -m omni_model.evaluation.tune_detector_regions --pack public/models/omni-small --out training/data/runs/regions.json

The probabilities come from the pack's session through the studio's path (evaluate_detector.StudioDetector) and
are cached (`--cache`), so a sweep costs only the regions and sed_eval. Event-based F1 is what is chosen on: it is
the measure that punishes one sound drawn as many fragments."""

from __future__ import annotations

import itertools
import json
import pickle
from pathlib import Path

from omni_model.evaluation.evaluate import OnnxPack, studio_path_arguments
from omni_model.evaluation.evaluate_detector import Clip, StudioDetector, dev_examples, mixtures, real_clips, sed_scores, speech_from, test_clips
from omni_model.paths import TRAINING_DIR

# The VAD's spans (src/engine/speech.ts): start at `on`, last while at `off`, pauses joined, blips dropped.
SPEECH_GRID = {
    "on": (0.2, 0.3, 0.4, 0.5, 0.6),
    "off": (0.1, 0.2, 0.35, 0.5),
    "bridge_seconds": (0.3, 1.0, 2.0),
    "min_seconds": (0.1, 0.25, 0.5),
}
GRID = {
    "threshold": (0.5, 0.6, 0.7, 0.8),
    "release": (0.0, 0.2, 0.4),  # below the threshold by this much
    "smooth_seconds": (0.0, 0.4, 0.8, 1.2),
    "bridge_seconds": (0.5, 1.0, 2.0, 3.0),
    "min_seconds": (0.12, 0.3, 0.6),
}


def cached_probabilities(detector: StudioDetector, sets: dict[str, list[Clip]], cache: Path) -> dict:
    """Per set: the clips' references, frame probabilities and speech, computed once."""
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    out = {}
    for name, clips in sets.items():
        known = [[e for e in c.reference if e.label in detector.labels] for c in clips]
        out[name] = {
            "reference": known,
            "probabilities": [detector.probabilities(c.audio) for c in clips],
            "vad": [detector.speech_probabilities(c.audio) for c in clips],
        }
        print(f"{name}: {len(clips)} clips analysed", flush=True)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(out))
    return out


def settings_grid(base: dict) -> list[dict]:
    rows = []
    for values in itertools.product(*GRID.values()):
        s = {**base, **dict(zip(GRID, values))}
        s["release"] = round(s["threshold"] - s["release"], 3)
        rows.append(s)
    return rows


def score(detector: StudioDetector, data: dict, settings: dict, speech: dict | None = None) -> dict:
    """sed_eval's scores of the regions drawn with `settings`, speech from the VAD with `speech` (the studio's if None)."""
    spans = [speech_from(v, speech) for v in data["vad"]]
    estimated = [detector.events(p, s, settings) for p, s in zip(data["probabilities"], spans)]
    return sed_scores(data["reference"], estimated, detector.labels)


def speech_grid() -> list[dict]:
    return [dict(zip(SPEECH_GRID, values)) for values in itertools.product(*SPEECH_GRID.values()) if values[1] <= values[0]]


def main() -> None:
    p = studio_path_arguments(__doc__, TRAINING_DIR / "configs" / "data-detector.json", "detector")
    p.add_argument("--clips", type=int, default=150, help="clips of the validation and of the test split")
    p.add_argument("--keep-regions", action="store_true", help="keep the pack's regions and choose only the speech spans")
    p.add_argument("--choose-on", choices=("valid", "dev"), default="valid", help="the synthetic validation split or the real development set")
    p.add_argument("--dev", type=int, default=48, help="clips of the real development set (with --choose-on dev)")
    p.add_argument("--cache", type=Path, default=TRAINING_DIR / "data" / "runs" / "detector-probabilities.pkl")
    args = p.parse_args()
    detector = StudioDetector(OnnxPack(args.pack, args.dtype))
    sets = {
        "valid": test_clips(args.data, args.clips, split="valid"),
        "test": test_clips(args.data, args.clips),
        "real": real_clips(args.real, detector.rate),
    }
    if args.choose_on == "dev":
        sets["dev"] = mixtures(dev_examples(args.pack, args.dev), detector.rate)
    data = cached_probabilities(detector, sets, args.cache)
    base = {k: detector.settings[k] for k in ("threshold", "release", "smooth_seconds", "bridge_seconds", "min_seconds") if k in detector.settings}
    on = args.choose_on
    sweep = [] if args.keep_regions else [{"settings": s, on: score(detector, data[on], s)} for s in settings_grid(base)]
    best = max(sweep, key=lambda r: (r[on]["event_f1"], r[on]["segment_f1"]))["settings"] if sweep else base
    # Then the speech spans, with the chosen regions, by speech's own event F1 on the same set.
    speech_sweep = [{"speech": s, on: score(detector, data[on], best, s)} for s in speech_grid()]
    speech = max(speech_sweep, key=lambda r: (r[on]["speech_event_f1"], r[on]["speech_segment_f1"]))["speech"]
    report = {
        name: {"pack": score(detector, d, base), "chosen": score(detector, d, best), "chosen_with_speech": score(detector, d, best, speech)}
        for name, d in data.items()
    }
    print(json.dumps({"pack_settings": base, f"chosen_on_{on}": best, f"speech_chosen_on_{on}": speech, "results": report}, indent=1))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        result = {f"chosen_on_{on}": best, f"speech_chosen_on_{on}": speech, "results": report, "sweep": sweep, "speech_sweep": speech_sweep}
        args.out.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
