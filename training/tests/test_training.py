"""Training plumbing on the tiny test-pack architecture: runs, resumes, writes loadable weights with the config inside;
then the shipped path from those weights: export, evaluation, the layer ablation and the model card."""

import json

import numpy as np
import soundfile as sf
import torch

from omni_model.cli import TEST_PACK_CONFIG
from omni_model.evaluation.eval_autoencoder import load_autoencoder
from omni_model.model.config import load_model_config
from omni_model.train.train_autoencoder import train as train_autoencoder
from omni_model.train.train_dit import train as train_dit


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

    # The trained weights go through the shipped export and the evaluation, as the default pack does.
    from omni_model.evaluation.evaluate import OPERATIONS, evaluate, table
    from omni_model.model.tagger import frechet_distance, instrument_clips, train_tagger
    from omni_model.packing.pack import export_trained

    pack = tmp_path / "pack"
    manifest = export_trained(ae_run / "autoencoder-weights.pt", dit_run / "dit-weights.pt", built_slice, pack, {"int8"}, "0.0.1")
    assert set(manifest["sessions"]["dit"]["dtypes"]) == {"int8"}
    assert any("Minetest" in c for c in manifest["credits"])  # the data's credits travel into the pack
    # A machine without these checkpoints reads them back from the pack (int8) and continues the DiT from them.
    from omni_model.packing.recover import model_from_pack

    autoencoder, recovered = model_from_pack(pack)
    assert recovered["latent_scale"] == weights["latent_scale"] and max(recovered["golden_errors"].values()) < 0.05
    for key, value in weights["dit"].items():
        assert torch.allclose(recovered["dit"][key], value, atol=0.02 * float(value.abs().max()) + 1e-6), key
    torch.save(recovered, tmp_path / "shipped-dit.pt")
    torch.save(autoencoder, tmp_path / "shipped-ae.pt")
    again = tmp_path / "dit-again"
    train_dit(
        cfg, tmp_path / "shipped-ae.pt", built_slice, again, steps=1, batch=2, crop_frames=8, lr=1e-3, minutes=None, init=tmp_path / "shipped-dit.pt"
    )
    assert torch.load(again / "dit-weights.pt", weights_only=True)["latent_scale"] == weights["latent_scale"]
    tagger, accuracy = train_tagger(built_slice, cfg.audio, epochs=5)
    assert 0.0 <= accuracy <= 1.0 and len(tagger.classes) >= 2
    instrument_tagger, _ = train_tagger(built_slice, cfg.audio, epochs=5, clips=instrument_clips)
    assert len(instrument_tagger.classes) >= 2 and "music" not in instrument_tagger.classes
    result = evaluate({"int8": pack}, built_slice, per_operation=1, steps=2, guidance=3.0, tagger=tagger, instrument_tagger=instrument_tagger)
    edits = result["systems"]["int8"]
    assert {"identity", "ground truth", "target through the VAE", "another take", "another take through the VAE"} <= set(result["systems"])
    for op in set(OPERATIONS) & set(edits):
        assert np.isfinite(edits[op].get("lsd_db", edits[op].get("fd") or 0.0))
    assert result["systems"]["ground truth"].get("add", {"lsd_db": 0.0})["lsd_db"] == 0.0
    assert "| operation | system |" in table(result)
    # Text to music and music style transfer are also judged on the instrument their prompt names.
    from omni_model.evaluation.evaluate import Judge, load_rows
    from omni_model.model.tagger import instruments

    names = instruments(built_slice)
    judge = Judge(tagger, instrument_tagger, names)
    songs = [
        r for split in ("train", "valid", "test") for r in load_rows(built_slice, split) if r["task"] == "t2m" and r["recipe"]["output"] in names
    ]
    assert songs and judge.asked_instrument(songs[0]) == names[songs[0]["recipe"]["output"]]
    hits = judge.instrument_hits(songs, [sf.read(f"{r['dir']}/{r['files']['output']}", dtype="float32")[0] for r in songs])
    assert len(hits) == len(songs) and judge.asked_instrument({"task": "add", "recipe": {}}) is None
    e = np.random.default_rng(0).standard_normal((50, 4))
    assert abs(frechet_distance(e, e)) < 1e-6 and abs(frechet_distance(e, e + 1.0) - 4.0) < 1e-6
    assert frechet_distance(e[:1], e) is None

    # The penultimate-vs-last-layer ablation runs end to end and scores both on the validation split.
    from omni_model.evaluation.ablation import ablate
    from omni_model.evaluation.ablation import table as ablation_table

    results = ablate(TEST_PACK_CONFIG, ae_run / "autoencoder-weights.pt", built_slice, tmp_path / "ablation", steps=2, batch=2)
    assert set(results) == {"penultimate", "last"} and results["last"]["layer"] == -1
    assert all(np.isfinite(r["mean"]) and r["steps"] == 2 for r in results.values())
    assert "| penultimate (-2) |" in ablation_table(results)

    # The model card gathers sizes, training, the evaluation table, the ablation, licences and credits.
    from omni_model.packing.card import write_card

    (tmp_path / "eval.json").write_text(json.dumps(result))
    card = write_card(pack, tmp_path / "eval.json", tmp_path / "ablation" / "ablation.json").read_text()
    for heading in ("## Sizes", "## Evaluation (test split)", "## Ablation: which MiniLM layer", "## Licence", "## Credits"):
        assert heading in card
    assert "| remove | identity |" in card or "| add | identity |" in card


def test_the_vocoder_finetune_changes_the_vocoder_alone(tmp_path):
    from omni_model.model.factory import build_autoencoder
    from omni_model.train.finetune_vocoder import finetune

    cfg = load_model_config(TEST_PACK_CONFIG)
    model = build_autoencoder(cfg)
    before = {"vae": model.vae.state_dict(), "vocoder": model.vocoder.state_dict(), "step": 7, "config": cfg.to_json()}
    torch.save(before, tmp_path / "ae.pt")
    crops = (np.random.default_rng(0).standard_normal((4, 2560)) * 3000).astype(np.int16)
    after = torch.load(finetune(tmp_path / "ae.pt", crops, tmp_path / "run", minutes=0.02, batch=2, lr=1e-3), weights_only=True)
    assert all(torch.equal(before["vae"][k], after["vae"][k]) for k in before["vae"])  # latents and the DiT stay valid
    assert any(not torch.equal(before["vocoder"][k], after["vocoder"][k]) for k in before["vocoder"])
    assert after["step"] == 7 and "vocoder_finetune" in after


def test_the_decoder_finetune_gains_a_silent_postnet_and_keeps_the_encoder(tmp_path):
    from omni_model.model.factory import build_autoencoder
    from omni_model.train.finetune_vocoder import finetune, load_for_finetune

    cfg = load_model_config(TEST_PACK_CONFIG)
    model = build_autoencoder(cfg).eval()
    torch.save({"vae": model.vae.state_dict(), "vocoder": model.vocoder.state_dict(), "step": 7, "config": cfg.to_json()}, tmp_path / "ae.pt")
    latent = torch.randn(1, cfg.vae.latent_channels, 6)
    refined, refined_cfg, _ = load_for_finetune(tmp_path / "ae.pt", postnet=2)
    assert refined_cfg.vae.postnet_blocks == 2 and len(refined.vae.postnet.blocks) == 2
    with torch.no_grad():  # the post-net starts silent: the decoder it joins decodes as before
        assert torch.equal(refined.eval().vae.decode(latent), model.vae.decode(latent))
    crops = (np.random.default_rng(0).standard_normal((4, 2560)) * 3000).astype(np.int16)
    weights = finetune(tmp_path / "ae.pt", crops, tmp_path / "run", minutes=0.02, batch=2, lr=1e-3, decoder=True, postnet=2, data="noise")
    after = torch.load(weights, weights_only=True)
    before = model.vae.state_dict()
    assert all(torch.equal(before[k], after["vae"][k]) for k in before if k.startswith("encoder."))  # latents stay valid
    assert any(not torch.equal(before[k], after["vae"][k]) for k in before if k.startswith("decoder."))
    assert any(k.startswith("postnet.") for k in after["vae"]) and after["config"]["vae"]["postnet_blocks"] == 2
    assert json.loads(after["vocoder_finetune"])["data"] == "noise"


def test_a_finetuned_decoding_half_replaces_the_packs_decoder_and_vocoder_alone(tmp_path):
    import shutil

    import pytest

    from omni_model.cli import TEST_PACK_DIR
    from omni_model.model.factory import build_autoencoder
    from omni_model.packing.pack import add_decoding
    from omni_model.packing.recover import model_from_pack
    from omni_model.train.finetune_vocoder import finetune

    pack = tmp_path / "pack"
    shutil.copytree(TEST_PACK_DIR, pack)
    before = {p.name: p.read_bytes() for p in pack.glob("*.onnx")}
    torch.save(model_from_pack(pack)[0], tmp_path / "pack-ae.pt")
    crops = (np.random.default_rng(0).standard_normal((4, 2560)) * 3000).astype(np.int16)
    weights = finetune(tmp_path / "pack-ae.pt", crops, tmp_path / "run", minutes=0.02, batch=2, lr=1e-3, decoder=True, postnet=1)
    manifest = add_decoding(pack, weights, "0.1.9")  # goldens checked in fp32 and int8 inside
    changed = {name for name, data in ((p.name, p.read_bytes()) for p in pack.glob("*.onnx")) if before.get(name) != data}
    assert changed and all(name.startswith(("vae_decoder", "vocoder")) for name in changed)
    assert manifest["model_config"]["vae"]["postnet_blocks"] == 1 and manifest["pack_version"] == "0.1.9"
    # Read back again: the decoder with its post-net, the encoder as before (the mel encoder's session keeps the
    # decoder without one, and reading it must not leave the VAE's other half changed).
    tuned = torch.load(weights, weights_only=True)["vae"]
    recovered = model_from_pack(pack)[0]["vae"]
    for key, value in tuned.items():
        assert torch.allclose(recovered[key], value, atol=0.02 * float(value.abs().max()) + 1e-6), key
    # Continuing the pack's own decoding half (weights read back from it) keeps the earlier run on the record.
    add_decoding(pack, weights, "0.1.9")
    decoding = json.loads((pack / "training.json").read_text())["decoding"]
    assert len(decoding["earlier"]) == 1 and decoding["earlier"][0]["step"] == decoding["step"]
    from omni_model.packing.card import write_card

    assert "The decoding half (the VAE decoder with its post-net" in write_card(pack, None, None).read_text()
    other = build_autoencoder(load_model_config(TEST_PACK_CONFIG), seed=5)
    cfg = load_model_config(TEST_PACK_CONFIG)
    torch.save({"vae": other.vae.state_dict(), "vocoder": other.vocoder.state_dict(), "config": cfg.to_json()}, tmp_path / "other.pt")
    with pytest.raises(ValueError, match="not this pack's"):
        add_decoding(pack, tmp_path / "other.pt", "0.1.10")
