"""Two separators' per-clip figures compared: a change on every clip is told from noise, and no change is not."""

import random

import pytest

from omni_model.evaluation.compare_edits import compare, mean_interval, paired, verdict


def run(offset: float, noise: float, seed: int) -> dict:
    rng = random.Random(seed)
    rows = []
    for i in range(40):
        base = rng.gauss(0, 2)  # clips differ a lot; the pairing takes that away
        rows.append(
            {
                "id": f"clip-{i}",
                "remove_sisdri": base + offset + rng.gauss(0, noise),
                "remove_event_db": -3 + base - offset,
                "extract_sisdri": base,
                "wrong_event_db": -1 + base,
                "alone_right": 0.5,
                "alone_wrong": 0.1,
                "absent_change_db": -30.0,
            }
        )
    return {"rows": {"real": rows}}


def test_a_change_on_every_clip_is_told_from_noise():
    rows = {r["metric"]: r for r in compare(run(0.0, 0.0, 1), run(1.0, 0.3, 1))}
    assert rows["remove SI-SDRi"]["verdict"] == "better"
    assert rows["remove SI-SDRi"]["mean_difference"] == pytest.approx(1.0, abs=0.2)
    assert rows["event down"]["verdict"] == "better"
    assert rows["extract SI-SDRi"]["verdict"] == "within noise"  # the same on every clip
    assert rows["right - wrong"]["mean_difference"] == pytest.approx(1.0)


def test_noise_alone_is_within_noise():
    diffs = [random.Random(3).gauss(0, 1) for _ in range(40)]
    diffs = [d - sum(diffs) / len(diffs) for d in diffs]  # mean exactly 0
    assert verdict(mean_interval(diffs)) == "within noise"
    low, high = mean_interval([-0.5] * 40)
    assert low == high == -0.5 and verdict((low, high)) == "worse"


def test_runs_of_other_clips_are_refused():
    with pytest.raises(ValueError, match="no set"):
        compare({"rows": {}}, run(0.0, 0.0, 1))
    with pytest.raises(ValueError, match="no clip"):
        paired([{"id": "a", "remove_sisdri": 0.0}], [{"id": "b", "remove_sisdri": 0.0}], lambda r: r["remove_sisdri"])
