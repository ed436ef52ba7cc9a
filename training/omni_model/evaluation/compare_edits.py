"""Two separators scored on the same clips (two `evaluate_edits --out` files): per clip, the second's figure minus the
first's, and a bootstrap interval of the mean difference, so that a change is told from noise. The real-recording
set is 40 mixtures whose medians move by a decibel between checkpoints of one run; paired per clip, the same set
separates a real change from that.

    python -m omni_model.evaluation.compare_edits training/data/runs/edits-precise.json training/data/runs/new.json
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable
from pathlib import Path

# Each figure per clip, higher is better (the event taken down is counted positive).
METRICS: dict[str, Callable[[dict], float]] = {
    "remove SI-SDRi": lambda r: r["remove_sisdri"],
    "event down": lambda r: -r["remove_event_db"],
    "extract SI-SDRi": lambda r: r["extract_sisdri"],
    "right - wrong": lambda r: r["wrong_event_db"] - r["remove_event_db"],
    "event alone: right - wrong share": lambda r: r["alone_right"] - r["alone_wrong"],
    "absent: change (dB under the clip)": lambda r: -r["absent_change_db"],
}


def paired(first: list[dict], second: list[dict], metric: Callable[[dict], float]) -> list[float]:
    """second - first per clip, over the clips (by id) both scored."""
    by_id = {r["id"]: r for r in first}
    common = [r for r in second if r["id"] in by_id]
    if not common:
        raise ValueError("the two runs share no clip: compare runs of the same sets")
    return [metric(r) - metric(by_id[r["id"]]) for r in common]


def mean_interval(values: list[float], level: float = 0.9, draws: int = 2000, seed: int = 0) -> tuple[float, float]:
    """Bootstrap interval of the mean (percentile method)."""
    rng = random.Random(seed)
    means = sorted(sum(rng.choices(values, k=len(values))) / len(values) for _ in range(draws))
    tail = (1 - level) / 2
    return means[int(tail * draws)], means[min(draws - 1, int((1 - tail) * draws))]


def verdict(interval: tuple[float, float]) -> str:
    low, high = interval
    return "better" if low > 0 else "worse" if high < 0 else "within noise"


def compare(first: dict, second: dict) -> list[dict]:
    """One row per set both runs scored and per metric."""
    rows = []
    for name in first["rows"]:
        if name not in second["rows"]:
            continue
        for metric, fn in METRICS.items():
            diffs = paired(first["rows"][name], second["rows"][name], fn)
            interval = mean_interval(diffs)
            mean = sum(diffs) / len(diffs)
            rows.append(
                {"set": name, "metric": metric, "clips": len(diffs), "mean_difference": mean, "interval": interval, "verdict": verdict(interval)}
            )
    if not rows:
        raise ValueError("the two runs share no set with clips: compare evaluate_edits runs with --real or --synthetic")
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| set | figure | clips | second - first (mean) | 90 % interval | |", "|---|---|---|---|---|---|"]
    for r in rows:
        low, high = r["interval"]
        lines.append(f"| {r['set']} | {r['metric']} | {r['clips']} | {r['mean_difference']:+.2f} | {low:+.2f} to {high:+.2f} | {r['verdict']} |")
    return "\n".join(lines)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("first", type=Path, help="evaluate_edits output of the separator compared against (the shipped one)")
    p.add_argument("second", type=Path, help="evaluate_edits output of the candidate")
    args = p.parse_args()
    print(table(compare(json.loads(args.first.read_text()), json.loads(args.second.read_text()))))


if __name__ == "__main__":
    main()
