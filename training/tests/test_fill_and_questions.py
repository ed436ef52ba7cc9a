"""Remove by filling (the evaluation's twin of src/engine/around.ts) and the Ask question set, on the test pack."""

from __future__ import annotations

import random

import numpy as np

from omni_model.cli import TEST_PACK_DIR
from omni_model.evaluation.evaluate import OnnxPack
from omni_model.evaluation.evaluate_fill import blend, fill, lsd
from omni_model.evaluation.qa_set import absent_words, questions

RATE = 16000


def test_fill_makes_only_the_part_and_its_context_decides_it():
    pack = OnnxPack(TEST_PACK_DIR, "fp32", threads=1)
    t = np.arange(8 * RATE) / RATE
    tone, hum = (0.1 * np.sin(2 * np.pi * f * t).astype(np.float32) for f in (440, 97))
    a = fill(pack, tone, 3 * RATE, 4 * RATE, "ambience")
    b = fill(pack, hum, 3 * RATE, 4 * RATE, "ambience")
    assert a.shape == (RATE,) and np.isfinite(a).all()
    assert not np.allclose(a, b)  # the same prompt and seed: only the known audio differs


def test_blend_keeps_the_recording_outside_the_part_and_crossfades_its_edges():
    original, part = np.ones(100, np.float32), np.zeros(40, np.float32)
    out = blend(original, part, 30, 8)
    assert np.array_equal(out[:30], original[:30]) and np.array_equal(out[70:], original[70:])
    assert np.all(out[38:62] == 0) and 0 < out[30] < 1 and 0 < out[69] < 1


def test_log_spectral_distance_is_zero_for_the_same_audio_and_grows_with_a_difference():
    x = np.random.default_rng(1).standard_normal(RATE).astype(np.float32)
    assert lsd(x, x) == 0
    assert lsd(0.1 * x, x) > lsd(0.5 * x, x) > 0


def test_each_clip_gets_its_questions_with_known_answers():
    events = [{"label": "dog", "start": 1.0, "end": 2.0, "words": "a puppy"}, {"label": "speech", "start": 4.0, "end": 5.0, "words": None}]
    asked = questions("c.wav", events, "a puppy", "a helicopter")
    assert [(q["kind"], q["expected"]) for q in asked] == [
        ("someone speaking", "yes"),
        ("absent sound", "no"),
        ("present sound", "yes"),
        ("when", "at"),
    ]
    assert asked[3]["span"] == [1.0, 2.0]
    assert "dog" not in absent_words({"dog", "speech"}, random.Random(0))
