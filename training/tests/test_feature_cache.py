"""The feature cache gives a training step the same features as encoding the audio does, and the DiT trains from it."""

import json
import shutil

import pytest
import torch

from omni_model.cli import TEST_PACK_CONFIG, TEST_PACK_DIR
from omni_model.model.config import load_model_config
from omni_model.model.factory import build_model
from omni_model.train.feature_cache import CachedBatches, build
from omni_model.train.in_context import known_frames, with_context
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


def test_music_in_context_gives_part_of_the_clip_as_its_source(cached):
    cfg, _, folder = cached
    batches = CachedBatches(folder / "features", cfg, folder / "ae.pt", crop_frames=16, device="cpu", seed=0)
    rows, chosen = batches.draw(64, music_share=0.5)
    assert 10 < int(chosen.sum()) < 54
    assert all(batches.tasks[r] == "t2m" for r in rows[chosen].tolist())
    f = batches.next(64, rows)
    mixed = with_context(f, chosen, batches.t["silence"], torch.Generator().manual_seed(0))
    silence = batches.t["silence"][:, :16]
    for i in range(64):
        if not chosen[i]:  # the other rows are untouched
            assert torch.equal(mixed["source_latent"][i], f["source_latent"][i]) and mixed["has_source"][i] == f["has_source"][i]
            continue
        known = (mixed["source_latent"][i] == f["x0"][i]).all(0)
        cut = (mixed["source_latent"][i] == silence).all(0)
        assert mixed["has_source"][i] == 1 and bool((known | cut).all())
        assert 0 < int(known.sum()) < 16  # some of the clip is given and some is left to draw


def test_keeping_sources_counts_the_edits_sources_not_music_in_context(cached):
    import copy

    from omni_model.train.train_dit import kept_features

    cfg, _, folder = cached
    batches = CachedBatches(folder / "features", cfg, folder / "ae.pt", crop_frames=16, device="cpu", seed=0)
    rows, chosen = batches.draw(32, music_share=0.5)
    f = with_context(batches.next(32, rows), chosen, batches.t["silence"], torch.Generator().manual_seed(0))
    model = build_model(cfg, seed=1)
    anchor = copy.deepcopy(model.mel_encoder).requires_grad_(False)
    mel = model.source_encoder.mel(f["source_latent"])
    features = lambda: model.source_encoder.from_latent(f["source_latent"])  # noqa: E731
    assert float(kept_features(anchor, f, mel, features())) == 0.0
    with torch.no_grad():
        for p in model.mel_encoder.parameters():
            p.add_(0.05 * torch.randn_like(p))
    moved = features()
    assert float(kept_features(anchor, f, mel, moved)) > 0.01
    # Only music in context, or no source at all: nothing is held.
    edits = f["has_source"] * (1 - f["in_context"].float()) > 0
    assert bool(edits.any())
    only_music = {**f, "in_context": torch.ones_like(f["in_context"])}
    assert float(kept_features(anchor, only_music, mel, moved)) == 0.0


def test_known_frames_leave_the_end_the_start_or_a_middle_to_draw():
    generator = torch.Generator().manual_seed(3)
    shapes = set()
    for _ in range(60):
        known = known_frames(100, generator)
        missing = (~known).nonzero().flatten()
        assert 20 <= len(missing) <= 70 and int(missing[-1] - missing[0]) == len(missing) - 1  # one gap
        shapes.add("end" if missing[-1] == 99 else "start" if missing[0] == 0 else "middle")
    assert shapes == {"end", "start", "middle"}


def test_music_in_context_needs_the_cache(cached, tmp_path):
    cfg, _, folder = cached
    with pytest.raises(ValueError, match="feature cache"):
        train_dit(cfg, folder / "ae.pt", tmp_path, tmp_path / "run", steps=1, batch=2, crop_frames=8, lr=1e-3, minutes=None, in_context=0.5)


def test_a_dit_taught_music_in_context_joins_a_pack_with_its_task_marked(cached, tmp_path):
    from omni_model.packing.pack import add_in_context

    cfg, _, folder = cached
    weights = train_dit(
        cfg,
        folder / "ae.pt",
        None,
        tmp_path / "run",
        steps=2,
        batch=2,
        crop_frames=8,
        lr=1e-3,
        minutes=None,
        cache=folder / "features",
        in_context=0.5,
        parts=("mel_encoder",),
    )
    weights = weights.with_name("dit-weights.pt")
    state = torch.load(weights, weights_only=True)
    assert state["in_context"] == 0.5 and state["parts"] == ["mel_encoder"]
    pack = tmp_path / "pack"
    shutil.copytree(TEST_PACK_DIR, pack)
    files = lambda: {p.name: p.read_bytes() for p in pack.glob("*.onnx")}  # noqa: E731
    before = files()
    from omni_model.packing.recover import model_from_pack

    pack_autoencoder = tmp_path / "pack-autoencoder.pt"
    torch.save(model_from_pack(pack)[0], pack_autoencoder)
    with pytest.raises(ValueError, match="not this pack's"):
        add_in_context(pack, weights, folder / "ae.pt", "0.1.2")  # the cache's autoencoder is not the test pack's
    manifest = add_in_context(pack, weights, pack_autoencoder, "0.1.2")  # goldens checked in fp32 and int8 inside
    changed = {name for name, data in files().items() if before.get(name) != data}
    assert changed and all(name.startswith("mel_encoder") for name in changed)  # only the part that trained
    marked = {t["id"]: t["in_context"] for t in manifest["tasks"] if t.get("in_context")}
    assert marked == {"t2m": ["continue"]} and json.loads((pack / "manifest.json").read_text())["pack_version"] == "0.1.2"
    assert json.loads((pack / "training.json").read_text())["in_context"]["step"] == 2

    plain = train_dit(
        cfg, folder / "ae.pt", None, tmp_path / "plain", steps=1, batch=2, crop_frames=8, lr=1e-3, minutes=None, cache=folder / "features"
    )
    with pytest.raises(ValueError, match="not trained on music in context"):
        add_in_context(pack, plain.with_name("dit-weights.pt"), pack_autoencoder, "0.1.3")
    with pytest.raises(ValueError, match="in-context uses"):
        add_in_context(pack, weights, pack_autoencoder, "0.1.3", uses=("rewind",))


def test_the_card_section_carries_the_benches_tables_and_how_it_trained():
    from omni_model.packing.card import IN_CONTEXT_BEGIN, IN_CONTEXT_END, in_context_section

    bench = "npm noise\n\nOmni Studio extend benchmark: omni-small 0.7.0, 40 rendered songs\n| new part | tempo |\n|---|---|\n| continued | 40 % |\nlog line"
    manifest = {"tasks": [{"id": "t2a"}, {"id": "t2m", "in_context": ["continue"]}]}
    section = in_context_section({"in_context": {"step": 9000, "data": "the cache; mel_encoder trained"}}, [bench], manifest)
    assert section.startswith(IN_CONTEXT_BEGIN) and section.endswith(IN_CONTEXT_END)
    assert (
        "here t2m: continue." in section
        and "for 9000 steps on the cache; mel_encoder trained:" in section
        and "| continued | 40 % |" in section
        and "log line" not in section
    )
    assert "Omni Studio extend benchmark: omni-small 0.7.0, 40 rendered songs:" in section
    assert "`training/train-default-pack.sh`" in section
    on_gpu = in_context_section({"in_context": {"step": 1, "device": "NVIDIA H200"}}, [bench], manifest)
    assert "on an NVIDIA H200, `training/device-train.sh`" in on_gpu


def test_several_data_sets_make_one_cache_with_every_rows_features(cached, built_slice, tmp_path):
    cfg, _, folder = cached
    build(cfg, folder / "ae.pt", [built_slice, built_slice], tmp_path / "both")
    one = CachedBatches(folder / "features", cfg, folder / "ae.pt", crop_frames=1, device="cpu", seed=0)
    both = CachedBatches(tmp_path / "both", cfg, folder / "ae.pt", crop_frames=1, device="cpu", seed=0)
    assert both.ids == one.ids + one.ids
    n = len(one)
    for name in ("target_q", "chars", "frames"):
        assert torch.equal(both.t[name][n:], one.t[name]) and torch.equal(both.t[name][:n], one.t[name])
    # The second set's rows point at their own sources and prompts.
    assert torch.equal(both.t["prompt_index"][n:], one.t["prompt_index"])
    has = one.t["source_index"] >= 0
    assert torch.equal(both.t["source_index"][n:][has], one.t["source_index"][has] + int(has.sum()))
