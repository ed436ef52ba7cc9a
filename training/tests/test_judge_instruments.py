"""The instrument judge of the sketch benchmark's takes: a prompt's instrument found by name, and the judge's hit
rate against the named and another prompt's instrument, on takes of two made-up instruments it can tell apart."""

import json

import numpy as np
import soundfile as sf

from omni_model.evaluation.judge_instruments import judge, named, rendered, weighted_ceiling
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


class ThresholdTagger:
    """A stand-in judge: a clip 'holds' its instrument where its mean is over 0.5."""

    def __call__(self, wavs):
        return [np.array([w.mean()]) for w in wavs], None

    def detects(self, probs, category):
        return bool(probs[0] > 0.5)


def test_the_ceiling_is_weighted_to_the_takes_instruments_and_leaves_out_those_no_song_holds():
    songs = [(np.full(10, v, np.float32), i) for v, i in [(1.0, "tuba"), (0.0, "tuba"), (1.0, "flute"), (1.0, "flute")]]
    weighted, covered = weighted_ceiling(ThresholdTagger(), songs, {"tuba": 3, "flute": 1, "harp": 5})
    assert covered == 4
    assert weighted == (3 * 0.5 + 1 * 1.0) / 4


def test_renders_are_read_mono_at_the_judges_rate_with_their_instrument(tmp_path):
    t = np.arange(12 * 22050) / 22050
    stereo = np.stack([np.sin(2 * np.pi * 220 * t)] * 2, axis=1).astype(np.float32) * 0.3
    sf.write(tmp_path / "a.wav", stereo, 22050)
    sf.write(tmp_path / "b.wav", stereo, 22050)
    songs = [{"file": "a.wav", "instrument": "harp"}, {"file": "b.wav", "instrument": None}]
    (tmp_path / "truth.json").write_text(json.dumps({"rate": 22050, "songs": songs}))
    [(audio, instrument)] = rendered(tmp_path, RATE)
    assert instrument == "harp" and audio.shape == (10 * RATE,)
    assert abs(float(np.sqrt(np.mean(audio**2))) - 0.3 / np.sqrt(2)) < 0.01
