"""The feature cache gives a training step the same features as encoding the audio does, and the DiT trains from it."""

import pytest
import torch

from omni_model.cli import TEST_PACK_CONFIG
from omni_model.model.config import load_model_config
from omni_model.model.factory import build_model
from omni_model.train.feature_cache import CachedBatches, build
from omni_model.train.train_dit import Batches, encode_batch, load_rows
from omni_model.train.train_dit import train as train_dit


@pytest.fixture(scope="module")
def cached(tmp_path_factory, built_slice):
    cfg = load_model_config(TEST_PACK_CONFIG)
    folder = tmp_path_factory.mktemp("cache")
    model = build_model(cfg)  # seed 0, as build() makes it: the same text encoder where the config has no pretrained one
    torch.save({"vae": model.vae.state_dict(), "vocoder": model.vocoder.state_dict()}, folder / "ae.pt")
    build(cfg, folder / "ae.pt", built_slice, folder / "features")
    return cfg, model, folder


def test_cached_features_match_the_audio_path(cached, built_slice):
    cfg, model, folder = cached
    batches = CachedBatches(folder / "features", cfg, folder / "ae.pt", crop_frames=1, device="cpu", seed=0)
    batches.crop = batches.t["target_q"].shape[-1]  # whole rows, from frame 0
    by_id = {r["id"]: r for r in load_rows(built_slice, "train")}
    assert "tts" not in batches.tasks and {"add", "t2m"} <= set(batches.tasks)
    for index, row_id in enumerate(batches.ids):
        frames = int(batches.t["frames"][index])
        cached_features = batches.next(1, rows=torch.tensor([index]))
        encoded = encode_batch(model, Batches([by_id[row_id]], cfg, frames, seed=0).next(1), "cpu")
        for key in ("x0", "source_latent", "text_states"):
            a = cached_features[key] if key == "text_states" else cached_features[key][..., :frames]
            b = encoded[key]
            assert a.shape == b.shape, (row_id, key)
            assert (a - b).abs().max() <= 0.01 * b.abs().max(), (row_id, key)  # int8 rounding only
        for key in ("has_source", "chars", "char_mask"):
            assert torch.equal(cached_features[key], encoded[key]), (row_id, key)


def test_the_dit_trains_and_resumes_from_the_cache(cached, tmp_path):
    cfg, _, folder = cached
    run = tmp_path / "dit"
    train_dit(cfg, folder / "ae.pt", None, run, steps=2, batch=2, crop_frames=8, lr=1e-3, minutes=None, cache=folder / "features")
    train_dit(cfg, folder / "ae.pt", None, run, steps=3, batch=2, crop_frames=8, lr=1e-3, minutes=None, cache=folder / "features")
    weights = torch.load(run / "dit-weights.pt", weights_only=True)
    assert weights["step"] == 3 and weights["latent_scale"] > 0


def test_a_cache_refuses_another_vae(cached, tmp_path):
    cfg, _, folder = cached
    other = build_model(cfg, seed=4)
    torch.save({"vae": other.vae.state_dict()}, tmp_path / "other.pt")
    with pytest.raises(ValueError, match="another autoencoder"):
        CachedBatches(folder / "features", cfg, tmp_path / "other.pt", crop_frames=8, device="cpu", seed=0)
