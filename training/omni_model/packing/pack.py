"""The trained pack: weights from the two training stages -> ONNX pack (export.py) -> only the variants it ships,
with a model card. `omni-model export-trained` runs it."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from pathlib import Path

import torch

from omni_model.model.config import ModelConfig
from omni_model.model.dit import with_picture_paths
from omni_model.model.factory import OmniModel, build_model
from omni_model.packing.export import TOLERANCES, check_goldens, export_pack
from omni_model.train.feature_cache import TASKS

PACK_LICENCE = (
    "CC-BY-SA-3.0 for the trained weights (the share-alike terms of the training sounds, carried over); "
    "the text encoder is all-MiniLM-L6-v2 (Apache-2.0)"
)


def load_trained(autoencoder: Path, dit: Path) -> tuple[OmniModel, dict]:
    """The model with both stages' weights and the DiT's latent scale; returns it with the DiT checkpoint's metadata."""
    ae = torch.load(autoencoder, map_location="cpu", weights_only=True)
    state = torch.load(dit, map_location="cpu", weights_only=True)
    cfg = ModelConfig.from_json(state["config"])
    model = build_model(cfg)
    model.vae.load_state_dict(ae["vae"])
    model.vocoder.load_state_dict(ae["vocoder"])
    model.dit.load_state_dict(with_picture_paths(state["dit"], model.dit))
    for part in ("mel_encoder", "transcript_encoder", "sync_encoder"):
        if part in state:  # a DiT trained without video leaves the sync encoder as it starts (its output unused)
            getattr(model, part).load_state_dict(state[part])
    model.latent_scale = float(state["latent_scale"])
    meta = {
        "dit_step": state["step"],
        "dit_device": state.get("gpu") or state["device"],
        "ae_step": ae.get("step"),
        "ae_device": ae.get("gpu") or ae.get("device"),
        "latent_scale": model.latent_scale,
    }
    if "vocoder_finetune" in ae:
        meta["vocoder_finetune"] = ae["vocoder_finetune"]
    return model.eval(), meta


def training_credits(data: Path) -> tuple[list[str], Counter]:
    """Every credit line of the training split, and how many examples each licence appears in."""
    credits: set[str] = set()
    licences: Counter = Counter()
    for meta in sorted(data.glob("train/shard-*/metadata.jsonl")):
        for line in meta.read_text().splitlines():
            row = json.loads(line)
            if row["task"] not in TASKS:  # not trained on (text to speech, so far)
                continue
            credits.update(c.strip() for c in row["credits"])
            licences.update(set(row["licences"]))
    return sorted(credits), licences


def keep_variants(pack: Path, ship: set[str]) -> dict:
    """Deletes the weight files of variants the pack does not ship (a session keeps fp32 where it has nothing else)
    and rewrites the manifest's sizes."""
    path = pack / "manifest.json"
    manifest = json.loads(path.read_text())
    for session in manifest["sessions"].values():
        dtypes = session["dtypes"]
        kept = {d: ref for d, ref in dtypes.items() if d in ship} or {"fp32": dtypes["fp32"]}
        for d, ref in dtypes.items():
            if d not in kept:
                (pack / ref["file"]).unlink()
        session["dtypes"] = kept
        session.update(next(iter(kept.values())))  # the session's own file is one it ships
    tokenizer_bytes = sum((pack / manifest["text"][k]).stat().st_size for k in ("tokenizer", "tokenizer_config"))
    manifest["bytes"] = sum(s["bytes"] for s in manifest["sessions"].values()) + tokenizer_bytes
    manifest["variant_bytes"] = {d: manifest["bytes"] for d in ship}
    path.write_text(json.dumps(manifest, indent=2))
    return manifest


def export_trained(autoencoder: Path, dit: Path, data: Path, out: Path, ship: set[str], version: str) -> dict:
    model, meta = load_trained(autoencoder, dit)
    credits, licences = training_credits(data)
    manifest = export_pack(
        model,
        out,
        name="omni-small",
        pack_version=version,
        licence=PACK_LICENCE,
        credits=["Text encoder: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)", *credits],
        description="Omni Studio's default model: Audio-Omni's architecture at browser scale (about 12 M trained parameters), "
        "trained by us on sound synthesised from free Debian packages. Sound and music from text; add, remove, "
        "extract and change sounds in a clip.",
        # 8 Euler steps: on the 24-per-operation evaluation of 0.2.0 they scored as well as 16 or better on every row
        # (training/data/runs/evaluation-h100-24-steps8.json), at half the DiT time.
        sampler={"steps": 8, "guidance_scale": 3.0, "shift": 1.0},
    )
    for dtype in TOLERANCES:
        check_goldens(out, dtype=dtype)
    manifest = keep_variants(out, ship)
    (out / "training.json").write_text(json.dumps({**meta, "licences": dict(licences)}, indent=2))
    return manifest


def _pack_model_with(pack: Path, weights: Path, part: str) -> tuple[dict, set[str], dict, ModelConfig, OmniModel]:
    """The pack's manifest and shipped variants, the trained weights, and a model of the pack's config with the
    weights' own config for `part` (the section of the model config they may change)."""
    manifest = json.loads((pack / "manifest.json").read_text())
    state = torch.load(weights, map_location="cpu", weights_only=True)
    trained = ModelConfig.from_json(state["config"])
    cfg = ModelConfig.from_json({**manifest["model_config"], part: trained.to_json()[part]})
    return manifest, set(manifest["variant_bytes"]), state, cfg, build_model(cfg)


def add_separator(pack: Path, weights: Path, data: Path, version: str, presence_threshold: float | None = None) -> dict:
    """Puts a trained separator into an exported pack (its other sessions untouched): the session in the variants the
    pack ships, its goldens, the manifest's `separation` section, credits of the clips it was trained on."""
    from omni_model.packing.export import SEPARATION, example_inputs, export_session, session_specs
    from omni_model.train.train_separator import source_catalogue

    manifest, ship, state, cfg, model = _pack_model_with(pack, weights, "separator")
    model.separator.load_state_dict(state["separator"])
    module = model.separator.eval()
    entry = export_session(
        pack,
        "separator",
        module,
        session_specs(model)["separator"],
        example_inputs(model, frames=8, seed=1)["separator"],
        example_inputs(model, frames=12, seed=2)["separator"],
    )
    catalogue = source_catalogue(data)
    credits = {c.credit for c in catalogue.clips.values() if c.split == "train"}
    manifest["sessions"]["separator"] = entry
    manifest["separation"] = {**SEPARATION, "n_fft": cfg.separator.n_fft, "hop": cfg.separator.hop}
    if presence_threshold is not None:  # chosen per separator from its evaluation (edits.json keeps every threshold)
        manifest["separation"]["presence_threshold"] = presence_threshold
    manifest["model_config"] = cfg.to_json()
    manifest["credits"] = [manifest["credits"][0], *sorted(set(manifest["credits"][1:]) | credits)]
    manifest["pack_version"] = version
    return _finish_added_session(
        pack, manifest, ship, "separator", module, state, "; remove and extract by a text-queried separator that keeps the recording."
    )


def add_video(pack: Path, weights: Path, version: str, tasks: tuple[str, ...] = ("v2a",)) -> dict:
    """Puts a DiT that hears the picture (train_video's dit-weights.pt) into an exported pack: its dit and
    sync_encoder sessions in the variants the pack ships, with goldens, and the video tasks it was taught in the
    manifest."""
    from omni_model.packing.export import TASKS

    manifest = json.loads((pack / "manifest.json").read_text())
    ship = set(manifest["variant_bytes"])
    state = torch.load(weights, map_location="cpu", weights_only=True)
    model = _export_parts(pack, manifest, state, ("dit", "sync_encoder"))
    offered = {t["id"] for t in manifest["tasks"]} | set(tasks)
    manifest["tasks"] = [{**t, **_flags(manifest, t["id"])} for t in TASKS if t["id"] in offered]
    manifest["pack_version"] = version
    meta = {"step": state["video_step"], "minutes": state.get("minutes", 0.0), "data": "procedural video renders (omni_data.video_renders)"}
    return _finish_added_session(pack, manifest, ship, "video", model.sync_encoder, meta, "; sound for a video from its picture.")


IN_CONTEXT_USES = ("continue", "fill")


def add_in_context(
    pack: Path, weights: Path, autoencoder: Path, version: str, tasks: tuple[str, ...] = ("t2m",), uses: tuple[str, ...] = ("continue",)
) -> dict:
    """Puts a DiT continued on music in context (train_dit --in-context) into an exported pack: the sessions of the
    parts that trained (with --only mel_encoder, that one alone), with goldens, and `in_context: uses` on the tasks
    whose windows that continue audio (Extend) or fill a gap in it (Regenerate a region) now send the audio around the
    part as the source. The default, continue alone, is what bench/continue-bench.ts and bench/regenerate-bench.ts
    found better than the latent held alone (training/README.md). `autoencoder`: the pack's own autoencoder weights
    (the mel encoder's session hears the source through the VAE; checked against the pack's goldens)."""
    if not uses or set(uses) - set(IN_CONTEXT_USES):
        raise ValueError(f"in-context uses must be some of {IN_CONTEXT_USES}, not {uses}")
    manifest = json.loads((pack / "manifest.json").read_text())
    ship = set(manifest["variant_bytes"])
    state = torch.load(weights, map_location="cpu", weights_only=True)
    if not state.get("in_context"):
        raise ValueError(f"{weights} was not trained on music in context (train_dit --in-context)")
    vae = torch.load(autoencoder, map_location="cpu", weights_only=True)["vae"]
    from omni_model.train.train_dit import TRAINED

    model = _export_parts(pack, manifest, state, tuple(state.get("parts", TRAINED)), vae)
    manifest["tasks"] = [{**t, "in_context": list(uses)} if t["id"] in tasks else t for t in manifest["tasks"]]
    manifest["pack_version"] = version
    held = f", the edits' own sources held to the encoder's features before (weight {state['keep_sources']})" if state.get("keep_sources") else ""
    sets = state.get("data", ["default"])
    cache = f"the {sets[0]} data set's feature cache" if len(sets) == 1 else f"one feature cache of the {' and '.join(sets)} data sets"
    data = f"{cache}, {state['in_context']:.0%} of each batch music in context; {', '.join(state.get('parts', ['the DiT']))} trained{held}"
    meta = {**state, "data": data}
    return _finish_added_session(pack, manifest, ship, "in_context", model.mel_encoder, meta, f"; music {' and '.join(uses)} in context.")


def add_decoding(pack: Path, autoencoder: Path, version: str) -> dict:
    """Puts a fine-tuned decoding half (finetune_vocoder: the VAE decoder, its post-net, the vocoder) into an exported
    pack: the vae_decoder and vocoder sessions with goldens. Refused unless the weights' encoder is the pack's (its
    vae_encoder goldens within int8's tolerance): the DiT's latents and the sources' features stay valid only then."""
    from omni_model.packing.export import example_inputs, export_session, session_specs
    from omni_model.packing.recover import module_golden_error, pack_latent_scale

    manifest, ship, state, cfg, model = _pack_model_with(pack, autoencoder, "vae")
    model.vae.load_state_dict(state["vae"])
    model.vocoder.load_state_dict(state["vocoder"])
    model.latent_scale = pack_latent_scale(pack)
    sessions = model.sessions()
    error = module_golden_error(sessions["vae_encoder"].eval(), pack / manifest["sessions"]["vae_encoder"]["golden"])
    if error > TOLERANCES["int8"]:
        raise ValueError(f"{autoencoder}'s VAE encoder is not this pack's (golden error {error:.2e}): its DiT would be decoded wrong")
    specs, example, golden = session_specs(model), example_inputs(model, frames=8, seed=1), example_inputs(model, frames=12, seed=2)
    for role in ("vae_decoder", "vocoder"):
        manifest["sessions"][role] = export_session(pack, role, sessions[role].eval(), specs[role], example[role], golden[role])
    manifest["model_config"] = cfg.to_json()
    manifest["pack_version"] = version
    note = json.loads(state.get("vocoder_finetune", "{}"))
    meta = {"step": note.get("steps", state.get("step")), "minutes": note.get("minutes", 0.0), "data": note.get("data", "?")}
    trained = json.loads((pack / "training.json").read_text()) if (pack / "training.json").exists() else {}
    if "decoding" in trained and str(state.get("device", "")).startswith("read back from pack"):
        # A continuation of the pack's own decoding half (recover): its earlier run stays on the record.
        before = trained["decoding"]
        meta["earlier"] = [*before.get("earlier", []), {k: v for k, v in before.items() if k != "earlier"}]
    return _finish_added_session(pack, manifest, ship, "decoding", model.vocoder, meta, "")


def _flags(manifest: dict, task: str) -> dict:
    """What a pack's task already says beyond the export's table (in_context), kept when its tasks are listed anew."""
    return next(({"in_context": t["in_context"]} for t in manifest["tasks"] if t["id"] == task and t.get("in_context")), {})


def _export_parts(pack: Path, manifest: dict, state: dict, roles: tuple[str, ...], vae: dict | None = None) -> OmniModel:
    """The model with `state`'s parts loaded, and those parts' sessions exported into the pack with goldens. The mel
    encoder's session runs the VAE too (factory.SourceEncoder), so it needs the pack's own (`vae`)."""
    from omni_model.packing.export import example_inputs, export_session, session_specs

    model = build_model(ModelConfig.from_json(manifest["model_config"]))
    if "mel_encoder" in roles:
        _load_pack_vae(model, pack, manifest, vae)
    for role in roles:
        getattr(model, role).load_state_dict(state[role])
    sessions, specs = model.sessions(), session_specs(model)
    example, golden = example_inputs(model, frames=8, seed=1), example_inputs(model, frames=12, seed=2)
    for role in roles:
        manifest["sessions"][role] = export_session(pack, role, sessions[role], specs[role], example[role], golden[role])
    return model


def _load_pack_vae(model: OmniModel, pack: Path, manifest: dict, vae: dict | None) -> None:
    """`vae` into the model, refused unless it is the pack's (its decoder session's goldens within int8's tolerance):
    a session exported around another VAE passes its own goldens and hears every source wrong."""
    from omni_model.packing.recover import module_golden_error, pack_latent_scale

    if vae is None:
        raise ValueError("the mel encoder's session runs the VAE: give the pack's autoencoder weights")
    model.vae.load_state_dict(vae)
    model.latent_scale = pack_latent_scale(pack)
    error = module_golden_error(model.sessions()["vae_decoder"].eval(), pack / manifest["sessions"]["vae_decoder"]["golden"])
    if error > TOLERANCES["int8"]:
        raise ValueError(f"that autoencoder is not this pack's: its VAE decoder differs from the pack's goldens by {error:.2e}")


def add_detector(pack: Path, weights: Path, data: Path, version: str, threshold: float | None = None) -> dict:
    """Puts a trained sound event detector into an exported pack (its other sessions untouched), with the credits of
    the clips it was trained on."""
    from omni_model.model.detector import Detector
    from omni_model.train.train_separator import source_catalogue

    state = torch.load(weights, map_location="cpu", weights_only=True)
    manifest = json.loads((pack / "manifest.json").read_text())
    cfg = ModelConfig.from_json({**manifest["model_config"], "detector": state["config"]["detector"]})
    detector = Detector(cfg)
    detector.load_state_dict(state["detector"])
    credits = {c.credit for c in source_catalogue(data).clips.values() if c.split == "train"}
    manifest["credits"] = [manifest["credits"][0], *sorted(set(manifest["credits"][1:]) | credits)]
    manifest["pack_version"] = version
    return attach_detector(pack, manifest, detector, list(state["classes"]), state, threshold)


def refresh_detector_settings(pack: Path, version: str) -> dict:
    """The pack's detector drawn with this code's settings (export.DETECTION: how regions are drawn, the silence level),
    its session, threshold and vocabulary untouched: a change of settings needs no new weights."""
    from omni_model.packing.export import DETECTION

    path = pack / "manifest.json"
    manifest = json.loads(path.read_text())
    current = manifest.get("understanding", {}).get("detector")
    if current is None:
        raise ValueError(f"{pack} has no detector to draw with new settings")
    manifest["understanding"]["detector"] = {**current, **DETECTION, "threshold": current["threshold"]}
    manifest["pack_version"] = version
    path.write_text(json.dumps(manifest, indent=2))
    return manifest


def attach_detector(pack: Path, manifest: dict, detector: torch.nn.Module, classes: list[str], state: dict, threshold: float | None = None) -> dict:
    """The detector's session with the vocabulary's label embeddings baked in (each label's training descriptions,
    averaged), its goldens and the manifest's `understanding` section."""
    from omni_data.queries import all_training_phrases
    from omni_data.taxonomy import TAXONOMY
    from omni_model.model.detector import VocabularyDetector
    from omni_model.packing.export import DETECTION, export_session
    from omni_model.train.train_detector import class_embeddings
    from omni_model.train.train_separator import PhraseStates

    cfg = ModelConfig.from_json({**manifest["model_config"], "detector": asdict(detector.cfg)})
    detector.eval()
    with torch.no_grad():
        labels = class_embeddings(detector, PhraseStates(cfg, all_training_phrases()), classes, None)
    module = VocabularyDetector(detector, labels).eval()
    frame = cfg.audio.hop * cfg.detector.pool_time
    spec = detector_spec(len(classes))
    manifest["sessions"]["detector"] = export_session(pack, "detector", module, spec, detector_example(cfg, 40, 1), detector_example(cfg, 56, 2))
    settings = {**DETECTION, "threshold": threshold if threshold is not None else DETECTION["threshold"]}
    words = [{"id": c, "name": c.replace("_", " "), "family": TAXONOMY[c][0], "words": label_words(c)} for c in classes]
    manifest["understanding"] = {"detector": {**settings, "frame_seconds": frame / cfg.audio.sample_rate, "labels": words}}
    manifest["model_config"] = cfg.to_json()
    ship = set(manifest["variant_bytes"])
    return _finish_added_session(pack, manifest, ship, "detector", module, state, "; finds and labels sound events (when, what) in a clip.")


def detector_spec(labels: int) -> tuple[list, list]:
    """The detector session's inputs and outputs (one probability per frame and label)."""
    from omni_model.packing.export import Tensor

    return [Tensor("waveform", "float32", ("batch", "samples"))], [Tensor("probabilities", "float32", ("batch", "frames", labels))]


def detector_example(cfg: ModelConfig, frames: int, seed: int) -> dict[str, torch.Tensor]:
    samples = frames * cfg.audio.hop * cfg.detector.pool_time
    return {"waveform": 0.05 * torch.randn(1, samples, generator=torch.Generator().manual_seed(seed))}


def label_words(category: str) -> list[str]:
    """A label's training words, the plain descriptions first: the first ("a dog barking") is what an edit of a found
    sound asks the separator for."""
    from omni_data.queries import DESCRIPTIONS, training_descriptions

    words = training_descriptions(category)
    return [w for w in DESCRIPTIONS[category] if w in words] + [w for w in words if w not in DESCRIPTIONS[category]]


def _finish_added_session(pack: Path, manifest: dict, ship: set[str], role: str, module: torch.nn.Module, state: dict, describes: str) -> dict:
    """Writes the manifest with a session added, checks every golden, keeps the shipped variants, records training."""
    if describes.rstrip(".") not in manifest["description"]:  # a pack may get a newer one (mid-sentence, no full stop)
        manifest["description"] = manifest["description"].rstrip(".") + describes
    (pack / "manifest.json").write_text(json.dumps(manifest, indent=2))
    for dtype in ("fp32", "int8"):
        check_goldens(pack, dtype=dtype)
    manifest = keep_variants(pack, ship)
    meta_path = pack / "training.json"
    meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    meta[role] = {
        "step": state["step"],
        "minutes": round(state.get("minutes", 0.0), 1),
        "device": state.get("gpu") or state.get("device", "cpu"),  # the GPU by name where one trained it
        "parameters": sum(p.numel() for p in module.parameters()),
        "data": state.get("data", "?"),
        "earlier": state.get("earlier", []),
    }
    meta_path.write_text(json.dumps(meta, indent=2))
    return manifest


def parameter_counts(model: OmniModel) -> dict[str, int]:
    return {role: sum(p.numel() for p in module.parameters()) for role, module in model.sessions().items()}
