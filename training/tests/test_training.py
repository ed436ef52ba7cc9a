"""Training plumbing on the tiny test-pack architecture: runs, resumes, writes loadable weights with the config inside."""
import numpy as np
import torch

from omni_model.cli import TEST_PACK_CONFIG
from omni_model.config import load_model_config
from omni_model.eval_autoencoder import load_autoencoder
from omni_model.train_autoencoder import train as train_autoencoder
from omni_model.train_dit import train as train_dit


def test_autoencoder_then_dit_train_resume_and_save(tmp_path, built_slice):
    cfg = load_model_config(TEST_PACK_CONFIG)
    crops = tmp_path / "crops.npy"
    rng = np.random.default_rng(0)
    np.save(crops, (rng.standard_normal((8, 6400)) * 3000).astype(np.int16))
    ae_run = tmp_path / "ae"
    train_autoencoder(cfg, crops, ae_run, steps=3, batch=2, lr=1e-3, minutes=None)
    train_autoencoder(cfg, crops, ae_run, steps=5, batch=2, lr=1e-3, minutes=None)  # resumes at step 3
    model, loaded_cfg, state = load_autoencoder(ae_run / "autoencoder-weights.pt")
    assert state["step"] == 5 and loaded_cfg == cfg
    assert len((ae_run / "loss.csv").read_text().splitlines()) >= 2

    dit_run = tmp_path / "dit"
    train_dit(cfg, ae_run / "autoencoder-weights.pt", built_slice, dit_run, steps=2, batch=2, crop_frames=8, lr=1e-3, minutes=None)
    weights = torch.load(dit_run / "dit-weights.pt", weights_only=True)
    assert weights["step"] == 2 and weights["latent_scale"] > 0
    assert np.isfinite(float(next(iter(weights["dit"].values())).float().sum()))
