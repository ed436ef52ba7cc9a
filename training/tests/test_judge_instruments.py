"""The instrument judge of the sketch benchmark's takes: a prompt's instrument found by name, and the judge's hit
rate against the named and another prompt's instrument, on takes of two made-up instruments it can tell apart."""

import json

import numpy as np
import soundfile as sf

from omni_model.evaluation.judge_instruments import judge, named
from omni_model.model.config import AudioConfig
from omni_model.model.tagger import fit_tagger

RATE = 16000


def tone(hz: float, seed: int) -> np.ndarray:
    t = np.arange(2 * RATE) / RATE
    noise = np.random.default_rng(seed).normal(0, 0.01, t.size)
    return (0.3 * np.sin(2 * np.pi * hz * t) + noise).astype(np.float32)


def test_a_prompt_names_its_longest_instrument():
    assert named("slow electric piano melody in A minor, 70 bpm", ["piano", "electric piano"]) == "electric piano"
    assert named("drum groove", ["piano"]) is None


def test_the_judge_hears_the_named_instrument_and_not_another_prompts(tmp_path):
    audio = AudioConfig()
    assert audio.sample_rate == RATE
    clips = [(tone(110 * (1 + k % 3 * 0.05), k), "tuba") for k in range(12)] + [(tone(1760 * (1 + k % 3 * 0.05), k), "flute") for k in range(12)]
    tagger = fit_tagger([c for c, _ in clips], [i for _, i in clips], audio, epochs=40)
    takes = []
    for k, (hz, instrument) in enumerate([(115, "tuba"), (1800, "flute")] * 3):
        sf.write(tmp_path / f"take-{k}.wav", tone(hz, 100 + k), RATE)
        takes.append({"file": f"take-{k}.wav", "prompt": f"a {instrument} melody", "way": "studio"})
    (tmp_path / "takes.json").write_text(json.dumps(takes))
    [row] = judge(tagger, tmp_path)
    # Two instruments: both are always in the top 3, so the floor is 100 % too; with top-1 they part.
    assert row["way"] == "studio" and row["takes"] == 6 and row["named"] == 1.0
    probs, _ = tagger([sf.read(tmp_path / t["file"], dtype="float32")[0] for t in takes])
    assert [tagger.classes[int(np.argmax(p))] for p in probs] == ["tuba", "flute"] * 3
