"""The real development set: held out of training, refused for a pack trained on it, mixed the validation set's way."""

import json

import numpy as np
import pytest

from omni_data import real_dev
from omni_data.real_validation import LEVEL_DBFS, RATE, SECONDS, Bed, Event, mix
from omni_data.sources.packaged import GAME_SETS
from omni_model.paths import TRAINING_DIR

CONFIGS = TRAINING_DIR / "configs"


def test_the_held_out_config_is_the_wider_one_without_the_development_sets_source():
    held_out = json.loads((CONFIGS / "data-heldout.json").read_text())
    wider = json.loads((CONFIGS / "data-megaglest-designed.json").read_text())
    assert real_dev.HELD_OUT_SET not in held_out["sources"]["game_sets"]
    assert held_out["sources"]["game_sets"] == [g for g in wider["sources"]["game_sets"] if g != real_dev.HELD_OUT_SET]
    assert {k: v for k, v in held_out.items() if k not in {"name", "sources"}} == {k: v for k, v in wider.items() if k not in {"name", "sources"}}


def test_a_pack_trained_on_the_development_sets_source_is_refused():
    held_out = GAME_SETS[real_dev.HELD_OUT_SET].credit_prefix
    real_dev.require_held_out(["Omni Studio", "Teeworlds: CC-BY-SA-3.0, the Teeworlds team"])
    with pytest.raises(real_dev.NotHeldOut, match="configs/data-heldout.json"):
        real_dev.require_held_out(["Omni Studio", f"{held_out}: CC-BY-SA-3.0, a recordist"])


def test_no_category_fills_the_events_and_each_keeps_evenly_spaced_picks():
    silent = np.zeros((10, 2), np.float32)
    events = [Event(f"speech{i}", silent, "speech", "someone speaking") for i in range(48)] + [Event("door", silent, "door", "a door")]
    kept = real_dev.balanced(events)
    names = [e.name for e in kept if e.category == "speech"]
    assert len(names) == real_dev.EVENTS_PER_CATEGORY and names[:2] == ["speech0", "speech8"]
    assert [e.name for e in kept if e.category == "door"] == ["door"]


def test_mixtures_hold_the_event_over_the_bed_at_a_normal_level():
    rng = np.random.default_rng(0)
    beds = [Bed(f"bed{i}", (0.1 * rng.standard_normal((3 * RATE, 2))).astype(np.float32), "wind") for i in range(2)]
    events = [Event(f"event{i}", (0.5 * rng.standard_normal((RATE // 2, 2))).astype(np.float32), "impact", "a thud") for i in range(3)]
    out = mix(beds, events, 4, seed=1, prefix="dev")
    assert [e.id.split("-")[:2] for e in out] == [["dev", f"{i:03d}"] for i in range(4)]
    for e in out:
        assert e.mixture.shape == (int(SECONDS * RATE), 2)
        assert np.allclose(e.mixture, e.bed + e.event, atol=1e-6)
        assert 20 * np.log10(np.sqrt(np.mean(e.mixture**2))) == pytest.approx(LEVEL_DBFS, abs=0.1)
        inside = e.event[e.onset : e.onset + e.length]
        assert np.all(e.event[: e.onset] == 0) and np.sqrt(np.mean(inside**2)) > np.sqrt(np.mean(e.bed[e.onset : e.onset + e.length] ** 2))
    assert mix(beds, events, 4, seed=1, prefix="dev")[3].onset == out[3].onset  # the same set every time


def test_a_runs_kept_weights_come_in_step_order_and_the_best_dev_event_f1_is_chosen(tmp_path):
    from omni_model.evaluation.choose_checkpoint import choose, kept_weights

    for name in ("detector-step1000.pt", "detector-step250.pt", "detector-weights.pt", "detector-best-weights.pt"):
        (tmp_path / name).write_bytes(b"")
    assert [p.name for p in kept_weights(tmp_path)] == [
        "detector-step250.pt",
        "detector-step1000.pt",
        "detector-weights.pt",
        "detector-best-weights.pt",
    ]
    rows = [{"weights": "a", "event_f1": 0.2, "tagging_map": 0.3}, {"weights": "b", "event_f1": 0.3, "tagging_map": 0.2}]
    rows.append({"weights": "c", "event_f1": 0.3, "tagging_map": 0.2})
    assert choose(rows)["weights"] == "b"  # a tie goes to the earlier weights
