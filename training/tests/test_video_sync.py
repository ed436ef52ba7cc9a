"""The video-to-audio measure: procedural renders whose picture causes their sound, and onset synchronisation."""

from __future__ import annotations

import random

import numpy as np

from omni_data.video_renders import FPS, SECONDS, SIZE, event_times, frames_for, onset_of
from omni_model.evaluation.evaluate_sync import onsets, sync

RATE = 16000


def test_events_sit_on_frames_apart_and_the_picture_flashes_there():
    times = event_times(random.Random(3))
    assert 2 <= len(times) <= 5 and all(b - a >= 0.6 for a, b in zip(times, times[1:]))
    assert all(abs(t * FPS - round(t * FPS)) < 1e-9 for t in times)
    video = frames_for(times, random.Random(4))
    assert video.shape == (int(SECONDS * FPS), SIZE, SIZE, 3)
    brightness = video.reshape(len(video), -1).max(axis=1)
    flashes = {round(t * FPS) for t in times}
    assert all(brightness[f] == 255 for f in flashes)
    assert brightness[[f for f in range(len(video)) if all(abs(f - e) > 1 for e in flashes)]].max() < 255


def test_onsets_are_heard_where_hits_are_placed_and_scored_against_the_events():
    audio = 0.001 * np.random.default_rng(0).standard_normal(4 * RATE).astype(np.float32)
    hits = [0.5, 1.7, 3.1]
    for t in hits:
        at = int(t * RATE)
        audio[at : at + 1600] += np.exp(-np.arange(1600) / 300) * np.sin(np.arange(1600) * 0.7)
    found = onsets(audio, RATE)
    assert len(found) == 3 and np.max(np.abs(found - hits)) < 0.03
    scored = sync(found, hits)
    assert scored["onsets_near_event"] == 1.0 and scored["events_met"] == 1.0 and scored["offset_ms"] < 30
    assert sync(found, [1.0, 2.4])["events_met"] == 0.0
    assert sync(found, [])["onsets_near_event"] is None  # nothing happens: no share to take
    assert onset_of(audio[int(1.6 * RATE) :], RATE) == int(0.1 * RATE)


def test_a_dit_taught_the_picture_changes_only_its_picture_paths_and_joins_a_pack(built_slice, tmp_path):
    import json
    import shutil

    import torch

    from omni_model.cli import TEST_PACK_CONFIG, TEST_PACK_DIR
    from omni_model.evaluation.evaluate import OnnxPack
    from omni_model.model.config import load_model_config
    from omni_model.model.dit import PICTURE_PATHS
    from omni_model.model.factory import build_model, randomize
    from omni_model.packing.pack import add_video
    from omni_model.train.train_video import train

    cfg = load_model_config(TEST_PACK_CONFIG)
    model = randomize(build_model(cfg, seed=3), seed=4)  # a DiT's zero output layer would pass no gradient back
    torch.save({"vae": model.vae.state_dict()}, tmp_path / "ae.pt")
    dit = {k: v for k, v in model.dit.state_dict().items() if not k.endswith(PICTURE_PATHS)}  # a DiT from before them
    start = {"dit": dit, "mel_encoder": model.mel_encoder.state_dict(), "transcript_encoder": model.transcript_encoder.state_dict()}
    torch.save({**start, "latent_scale": 1.0, "config": cfg.to_json(), "step": 7}, tmp_path / "init.pt")
    weights = train(cfg, tmp_path / "ae.pt", tmp_path / "init.pt", built_slice, tmp_path / "run", 4, 2, 16, 1e-2, 5.0, 3, music_share=0.5)
    pairs = np.load(tmp_path / "run" / "pairs.npz")
    assert set(pairs["tasks"]) <= {"v2a", "v2m"} and pairs["frames"].shape[1:] == (200, 3, cfg.sync.frame_size, cfg.sync.frame_size)
    trained = torch.load(weights, weights_only=True)
    assert trained["video_step"] == 3 and trained["latent_scale"] == 1.0
    for key, value in trained["dit"].items():
        moved = key.endswith(PICTURE_PATHS)
        assert moved == bool((value != (dit[key] if key in dit else 0)).any()), key  # only the picture's paths learn

    pack = tmp_path / "pack"
    shutil.copytree(TEST_PACK_DIR, pack)
    manifest = add_video(pack, weights, "0.1.1", ("v2a", "v2m"))  # goldens checked in fp32 and int8 inside
    assert [t["id"] for t in manifest["tasks"]][:4] == ["t2a", "t2m", "v2a", "v2m"]
    v2a = next(t for t in manifest["tasks"] if t["id"] == "v2a")
    assert v2a["conditions"] == ["text", "video"] and json.loads((pack / "training.json").read_text())["video"]["step"] == 3
    onnx_pack = OnnxPack(pack, "fp32")
    frames = np.random.default_rng(1).random((30, 3, cfg.sync.frame_size, cfg.sync.frame_size), dtype=np.float32)
    ask = lambda video: onnx_pack.generate(v2a["prefix"] + "a door", 1.0, None, 2, 3.0, seed=1, video=video)  # noqa: E731
    assert not np.allclose(ask(frames), ask(None))  # the picture reaches the sound
    assert np.allclose(ask(None), onnx_pack.generate(v2a["prefix"] + "a door", 1.0, None, 2, 3.0, seed=1))


def test_the_card_states_the_sync_figures_with_their_controls():
    from omni_model.evaluation.evaluate_sync import summary
    from omni_model.packing.card import video_section

    rows = {"sound for the video, no words": [{**sync(np.array([0.5, 1.0]), [0.5, 2.0]), "heard": 1.0, "level_dbfs": -40.0}]}
    section = video_section({"results": {k: summary(v) for k, v in rows.items()}}, {"video": {"step": 12}})
    assert "(12 steps)" in section and "| sound for the video, no words | 1 | 50% | 50% | 0 ms | - | 100% | -40.0 dBFS |" in section


def test_music_renders_flash_on_the_songs_beats(built_slice):
    from omni_data.gather import catalogue_for
    from omni_data.video_renders import music_render

    audio, beats, caption = music_render(catalogue_for(built_slice), "train", random.Random(2))
    assert len(audio) == int(SECONDS * 16000) and "bpm" in caption
    bpm = int(caption.rsplit(", ", 1)[1].split()[0])
    assert beats[0] == 0.0 and all(abs(b - a - 60 / bpm) <= 1 / FPS for a, b in zip(beats, beats[1:]))
    assert abs(20 * np.log10(np.sqrt(np.mean(audio**2))) + 20) < 0.1
