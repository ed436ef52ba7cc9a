"""Choose how the detector's frame probabilities become regions (threshold, hysteresis release, running median, bridge,
shortest region) on the validation split, then report the choice on the test split and on the real recordings,
which take no part in choosing it.

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
from omni_model.evaluation.evaluate_detector import Clip, StudioDetector, real_clips, sed_scores, test_clips
from omni_model.paths import TRAINING_DIR

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
            "speech": [detector.speech(c.audio) for c in clips],
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


def score(detector: StudioDetector, data: dict, settings: dict) -> dict:
    estimated = [detector.events(p, s, settings) for p, s in zip(data["probabilities"], data["speech"])]
    return sed_scores(data["reference"], estimated, detector.labels)


def main() -> None:
    p = studio_path_arguments(__doc__, TRAINING_DIR / "configs" / "data-detector.json", "detector")
    p.add_argument("--clips", type=int, default=150, help="clips of the validation and of the test split")
    p.add_argument("--cache", type=Path, default=TRAINING_DIR / "data" / "runs" / "detector-probabilities.pkl")
    args = p.parse_args()
    detector = StudioDetector(OnnxPack(args.pack, args.dtype))
    sets = {
        "valid": test_clips(args.data, args.clips, split="valid"),
        "test": test_clips(args.data, args.clips),
        "real": real_clips(args.real, detector.rate),
    }
    data = cached_probabilities(detector, sets, args.cache)
    base = {k: detector.settings[k] for k in ("threshold", "bridge_seconds", "min_seconds")}
    sweep = []
    for settings in settings_grid(base):
        sweep.append({"settings": settings, "valid": score(detector, data["valid"], settings)})
    best = max(sweep, key=lambda r: (r["valid"]["event_f1"], r["valid"]["segment_f1"]))["settings"]
    report = {name: {"pack": score(detector, d, base), "chosen": score(detector, d, best)} for name, d in data.items()}
    print(json.dumps({"pack_settings": base, "chosen_on_valid": best, "results": report}, indent=1))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"chosen_on_valid": best, "results": report, "sweep": sweep}, indent=1))


if __name__ == "__main__":
    main()
