"""The catalogue that travels to a lent GPU machine, and the separator and detector trained from it as they are there
(batches mixed in worker processes, the phrases' states read from a file, no language model)."""

import json

import numpy as np
import pytest
import torch

from omni_data.catalogue import Catalogue, RefusedSource, SourceClip
from omni_data.gather import catalogue_for
from omni_data.portable import mu_law, mu_law_inverse, read_portable, write_portable
from omni_model.cli import TEST_PACK_CONFIG
from omni_model.train import train_detector, train_separator


@pytest.fixture(scope="module")
def portable(catalogue, tmp_path_factory):
    out = tmp_path_factory.mktemp("portable")
    parts = write_portable(catalogue, out, cap_seconds=2.0, part_mib=0.05)
    return out, parts


def test_mu_law_keeps_silence_silent_and_loud_and_quiet_sound_within_its_step():
    x = np.concatenate([np.zeros(10), np.linspace(-1, 1, 2001), 1e-3 * np.sin(np.arange(500))]).astype(np.float32)
    y = mu_law_inverse(mu_law(x))
    assert np.all(y[:10] == 0.0)
    assert np.max(np.abs(y - x)) < 0.025  # half the coarsest step, at full scale
    quiet = slice(-500, None)
    assert np.max(np.abs(y[quiet] - x[quiet])) < 2e-4  # fine steps near zero: quiet sounds keep their shape


def test_the_portable_catalogue_holds_training_and_validation_clips_cut_to_the_cap(catalogue, portable):
    out, parts = portable
    assert len(parts) > 1 and all(p.stat().st_size <= 0.05 * 2**20 for p in parts)
    back = read_portable(out)
    expected = {i for i, c in catalogue.clips.items() if c.split in ("train", "valid")}
    assert set(back.clips) == expected and expected
    for clip_id in expected:
        original, read = catalogue.audio[clip_id][: 2 * catalogue.rate], back.audio[clip_id]
        assert back.clips[clip_id] == catalogue.clips[clip_id]
        assert len(read) == len(original) and np.max(np.abs(read - original)) < 0.025 * np.max(np.abs(original))
    assert catalogue_for(out).clips.keys() == back.clips.keys()


def test_a_missing_part_or_a_validation_package_is_refused_when_read(portable, tmp_path):
    out, parts = portable
    for f in [out / "portable.json", *parts[:-1]]:
        (tmp_path / f.name).write_bytes(f.read_bytes())
    with pytest.raises(ValueError, match="is one missing"):
        read_portable(tmp_path)
    one = Catalogue(16000)
    clip = SourceClip("hedgewars-data/boom", "hedgewars-data", "g", "explosion", "a boom", "GPL-2", "Hedgewars", split="train")
    one.clips[clip.id], one.audio[clip.id] = clip, np.zeros(100, np.float32)
    write_portable(one, tmp_path / "refused", cap_seconds=1.0, part_mib=1.0)
    with pytest.raises(RefusedSource):
        read_portable(tmp_path / "refused")


def test_both_stages_train_from_it_in_worker_processes_without_the_language_model(portable, tmp_path, monkeypatch):
    out, _ = portable
    phrases = tmp_path / "phrases.pt"
    train_separator.train(
        TEST_PACK_CONFIG, out, tmp_path / "sep", minutes=10, batch_size=2, seconds=1.0, max_steps=2, workers=2, phrases_file=phrases
    )
    assert phrases.exists()

    def no_language_model(*args, **kwargs):
        raise AssertionError("the phrases' states should have been read from the file")

    monkeypatch.setattr(train_separator, "encoded_phrases", no_language_model)
    train_detector.train(TEST_PACK_CONFIG, out, tmp_path / "det", minutes=10, batch_size=2, seconds=1.0, max_steps=2, workers=2, phrases_file=phrases)
    for run, name in ((tmp_path / "sep", "separator"), (tmp_path / "det", "detector")):
        weights = torch.load(run / f"{name}-weights.pt", weights_only=False)
        assert weights["step"] == 2 and all(t.device.type == "cpu" for t in weights[name].values())
        assert np.isfinite(json.loads((run / "log.jsonl").read_text().splitlines()[-1])["loss"])
