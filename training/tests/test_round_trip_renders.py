import json
import sys
from pathlib import Path

import numpy as np
import soundfile as sf

from omni_model.evaluation import round_trip_renders
from omni_model.evaluation.evaluate import OnnxPack
from omni_model.model.config import load_model_config
from omni_model.model.factory import build_autoencoder

TEST_PACK = Path(__file__).resolve().parents[2] / "public" / "models" / "test-pack"


def test_renders_go_through_each_path_and_keep_their_truth(tmp_path, monkeypatch):
    renders = tmp_path / "renders"
    renders.mkdir()
    t = np.arange(16000 * 2) / 16000
    sf.write(renders / "song-000.wav", (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32), 16000)
    truth = {"rate": 16000, "songs": [{"file": "song-000.wav", "bpm": 120, "key": "A", "mode": "minor"}]}
    (renders / "truth.json").write_text(json.dumps(truth))
    pack = OnnxPack(TEST_PACK, "fp32")
    wav = sf.read(renders / "song-000.wav", dtype="float32")[0]
    for path in round_trip_renders.PATHS:
        out = round_trip_renders.round_trip(pack, wav, path)
        assert abs(len(out) - len(wav)) <= 640 and np.isfinite(out).all(), path
    # A candidate's VAE and vocoder (PyTorch weights) run instead of the pack's.
    ae = build_autoencoder(load_model_config(Path(__file__).resolve().parent.parent / "configs" / "model-test-pack.json"))
    for path in ("vae", "vocoder"):
        out = round_trip_renders.round_trip(pack, wav, path, ae.eval())
        assert abs(len(out) - len(wav)) <= 640 and np.isfinite(out).all(), path
    # Griffin-Lim needs no trained decoder: the tone comes back at its own pitch.
    spectrum = np.abs(np.fft.rfft(round_trip_renders.round_trip(pack, wav, "griffin-lim")))
    assert abs(np.argmax(spectrum) / 2 - 220) < 10
    out = tmp_path / "out"
    argv = ["x", "--pack", str(TEST_PACK), "--dtype", "fp32", "--renders", str(renders), "--out", str(out), "--path", "vocoder"]
    monkeypatch.setattr(sys, "argv", argv)
    round_trip_renders.main()
    assert json.loads((out / "truth.json").read_text()) == truth
    assert sf.info(out / "song-000.wav").samplerate == 16000
