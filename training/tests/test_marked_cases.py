"""The benchmarks' cases (marked_cases) read back as written: three parts that sum to the mixture, and the listing
the Node benchmarks read (bench/marked-cases.ts)."""

import json

import numpy as np
import soundfile as sf

from omni_model.evaluation.evaluate_edits import Case
from omni_model.evaluation.marked_cases import write


def test_cases_read_back_as_written(tmp_path):
    rng = np.random.default_rng(0)
    bed = (0.05 * rng.standard_normal((44100, 2))).astype(np.float32)
    event = np.zeros_like(bed)
    event[1000:5000] = 0.2 * rng.standard_normal((4000, 2))
    case = Case("real-000-x", bed + event, event, bed, (1000, 5000), 44100, "a bark", "a bell")
    listed = write(tmp_path, {"real": [case]})
    assert listed == [
        {"set": "real", "id": "real-000-x", "rate": 44100, "onset": 1000, "length": 4000, "description": "a bark", "wrong_description": "a bell"}
    ]
    json.dumps(listed)
    parts = {p: sf.read(tmp_path / f"real-000-x.{p}.wav", dtype="float32") for p in ("mixture", "event", "bed")}
    assert all(rate == 44100 for _, rate in parts.values())
    assert sf.info(tmp_path / "real-000-x.mixture.wav").subtype == "FLOAT"
    np.testing.assert_array_equal(parts["mixture"][0], bed + event)
    np.testing.assert_allclose(parts["event"][0] + parts["bed"][0], parts["mixture"][0], atol=1e-6)
