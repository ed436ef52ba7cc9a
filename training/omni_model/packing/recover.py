"""Reads trained weights (the separator's, the detector's, the DiT stage's and the autoencoder's) back out of a shipped pack, so a fresh machine (whose training/data/runs/ is
gone) can continue training the shipped model (`train_separator --init`) instead of starting again.

The pack keeps int8 weights (per output channel) whose ONNX names are partly the exporter's own (onnx::MatMul_749),
so the module is exported once more with a distinct random value in every parameter: each initializer of that
export is matched to its parameter by value, then read from the pack under the same name (dequantised, transposed
back where the quantiser transposed it). The result is checked against the pack's golden vectors, which hold the
original float32 model's outputs: it is refused when it differs by more than int8 rounding allows.

    python -m omni_model.packing.recover --pack public/models/omni-small --out training/data/runs/shipped/separator-weights.pt
    python -m omni_model.packing.recover --pack public/models/omni-small --session detector --out training/data/runs/shipped/detector-weights.pt
    python -m omni_model.packing.recover --pack public/models/omni-small --session dit --out training/data/runs/shipped/dit-weights.pt

Sessions exported by another torch version name their anonymous weights (onnx::MatMul_3455) from other numbers:
those are paired by shape and order (the DiT of pack 0.2.0 was exported on a GPU machine).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
from pathlib import Path

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper

from omni_model.model.autoencoder import MelVae
from omni_model.model.config import ModelConfig
from omni_model.model.dit import PICTURE_PATHS
from omni_model.model.factory import SourceEncoder, build_model
from omni_model.packing.export import TOLERANCES, decode_golden, example_inputs, export_onnx, golden_error, session_specs


def _by_value(module: torch.nn.Module, exported: onnx.ModelProto) -> dict[str, tuple[str, bool]]:
    """initializer name -> (state-dict key, transposed), for a module whose parameters all hold distinct values."""
    state = {k: v.numpy() for k, v in module.state_dict().items()}
    found: dict[str, tuple[str, bool]] = {}
    for init in exported.graph.initializer:
        value = numpy_helper.to_array(init)
        for key, param in state.items():
            if param.shape == value.shape and np.array_equal(param, value):
                found[init.name] = (key, False)
            elif param.ndim == 2 and param.T.shape == value.shape and np.array_equal(param.T, value):
                found[init.name] = (key, True)
    return found


def _anonymous_numbered(names) -> list[str]:
    """The exporter's own initializer names (onnx::MatMul_3455), suffixes of the quantiser taken off, in number order."""
    bases = {re.sub(r"(_Transposed)?(_quantized|_scale|_zero_point)$", "", n) for n in names if n.startswith("onnx::")}
    return sorted(bases, key=lambda n: int(n.rsplit("_", 1)[1]))


def _anonymous_names(probe: onnx.ModelProto, initializers: dict[str, np.ndarray]) -> dict[str, str]:
    """The probe's anonymous initializer names -> the pack's: an export by another torch version numbers them from
    elsewhere, but weights of one shape come in the same order (the golden check catches a wrong pairing)."""

    def by_shape(names: list[str], shape_of) -> dict[tuple, list[str]]:
        groups: dict[tuple, list[str]] = {}
        for n in names:
            groups.setdefault(shape_of(n), []).append(n)
        return groups

    def pack_shape(name: str) -> tuple:
        value, transposed = _dequantised(initializers, name)
        return tuple(value.T.shape if transposed else value.shape)

    probe_shapes = {i.name: tuple(i.dims) for i in probe.graph.initializer}
    ours = by_shape(_anonymous_numbered(probe_shapes), probe_shapes.__getitem__)
    theirs = by_shape(_anonymous_numbered(initializers), pack_shape)
    return {a: b for shape, names in ours.items() if len(names) == len(theirs.get(shape, [])) for a, b in zip(names, theirs[shape])}


def _dequantised(initializers: dict[str, np.ndarray], name: str) -> tuple[np.ndarray, bool] | None:
    """A float weight of the pack's session by its float export's name: as stored, or int8 (per channel along the
    output axis, which is the last one of a MatMul weight); True when the quantiser stored it transposed."""
    if name in initializers:
        return initializers[name].astype(np.float32), False
    for stored, transposed in ((name, False), (f"{name}_Transposed", True)):
        q = initializers.get(f"{stored}_quantized")
        if q is None:
            continue
        scale, zero = initializers[f"{stored}_scale"], initializers[f"{stored}_zero_point"]
        axis = q.ndim - 1 if q.shape[-1] == scale.size else 0
        shape = [1] * q.ndim
        shape[axis] = scale.size
        value = (q.astype(np.float32) - zero.reshape(shape).astype(np.float32)) * scale.reshape(shape)
        return value, transposed
    return None


def _identity(norm: torch.nn.modules.batchnorm._BatchNorm, eps: float) -> None:
    """A batch norm that passes its input through unchanged (to within `eps`), on its running statistics."""
    with torch.no_grad():
        norm.weight.fill_(1.0)
        norm.bias.fill_(0.0)
        norm.running_mean.fill_(0.0)
        norm.running_var.fill_(1.0 - eps)
    norm.eps = eps


def session_weights(
    module: torch.nn.Module,
    spec,
    example: dict[str, torch.Tensor],
    session: Path,
    folded: tuple[torch.nn.modules.batchnorm._BatchNorm, ...] = (),
    absent: tuple[str, ...] = (),
) -> dict[str, torch.Tensor]:
    """The module's state dict as the pack's session file holds it (its non-persistent buffers are the module's own).

    `folded`: batch norms right after a convolution, which the exporter folds into it: they come back as identity and
    their convolution holds what both did. `absent`: state-dict prefixes of parts the session does not run (filled
    elsewhere). The module is left as it was: the probe's random values would otherwise stay in its absent parts,
    which may be another session's (the VAE encoder inside the decoder's session)."""
    kept = {k: v.clone() for k, v in module.state_dict().items()}
    probe = {k: v.clone() for k, v in kept.items()}
    g = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for value in probe.values():
            if value.is_floating_point():
                value.copy_(torch.randn(value.shape, generator=g))
    module.load_state_dict(probe)
    eps = [norm.eps for norm in folded]
    for norm in folded:  # with eps 0 the fold multiplies by exactly 1, so the convolutions' values stay findable
        _identity(norm, 0.0)
    probe_export = onnx.load_from_string(export_onnx(module.eval(), *spec, example))
    names = _by_value(module, probe_export)
    folded_keys = {}
    for norm, e in zip(folded, eps):
        _identity(norm, e)
        prefix = next(name for name, m in module.named_modules() if m is norm)
        folded_keys |= {f"{prefix}.{k}": v.clone() for k, v in norm.state_dict().items()}
    graph = onnx.load(str(session)).graph
    initializers = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    # The exporter keeps one copy of equal weights (a fresh norm's ones) and points the others at it by Identity nodes.
    for node in graph.node:
        if node.op_type == "Identity" and node.input[0] in initializers:
            initializers.setdefault(node.output[0], initializers[node.input[0]])
    renamed = _anonymous_names(probe_export, initializers)
    state: dict[str, torch.Tensor] = {}
    for name, (key, param_transposed) in names.items():
        # An anonymous name the pairing left out (a weight the pack lacks) would find another weight by its number.
        paired = renamed.get(name, None if name.startswith("onnx::") else name)
        stored = _dequantised(initializers, paired) if paired else None
        if stored is None and key.endswith(PICTURE_PATHS):
            state[key] = torch.zeros_like(probe[key])  # a pack made before them: the DiT as it was trained
            continue
        if stored is None:
            raise ValueError(f"{session.name}: {name} ({key}) is not in the pack")
        value, quantiser_transposed = stored
        value = value.T if quantiser_transposed else value
        state[key] = torch.from_numpy(np.ascontiguousarray(value.T if param_transposed else value))
    state |= folded_keys
    missing = [k for k, v in probe.items() if k not in state and v.is_floating_point() and not k.startswith(absent)]
    if missing:
        raise ValueError(f"{session.name}: no initializer holds {', '.join(missing)} (folded by the exporter?)")
    module.load_state_dict(kept)
    return state


def session_variant(entry: dict, dtype: str | None = None) -> dict:
    """A manifest session's file to read weights from: the one asked for, else its most precise."""
    dtypes = entry["dtypes"]
    return dtypes[dtype or next(d for d in ("fp32", "fp16", "int8") if d in dtypes)]


def module_golden_error(module: torch.nn.Module, golden: Path) -> float:
    """The module's error on the pack's golden inputs, counted as check_goldens counts the sessions'."""
    data = json.loads(golden.read_text())
    with torch.no_grad():
        got = module(*[torch.from_numpy(decode_golden(v).copy()) for v in data["inputs"].values()])
    got = [got] if isinstance(got, torch.Tensor) else list(got)
    return golden_error([g.numpy() for g in got], data)


def separator_from_pack(pack: Path, dtype: str | None = None) -> dict:
    """The shipped separator as train_separator saves weights (with the runs it came from, for `--init`), read from
    the given variant (by default its float one where the pack ships it)."""
    manifest = json.loads((pack / "manifest.json").read_text())
    session = manifest["sessions"]["separator"]
    variant = session_variant(session, dtype)
    model = build_model(ModelConfig.from_json(manifest["model_config"]))
    module = model.separator
    example = example_inputs(model, frames=8, seed=1)["separator"]
    folded = tuple(stage.norm for stage in module.ear.stages) if module.ear is not None else ()
    module.load_state_dict(session_weights(module, session_specs(model)["separator"], example, pack / variant["file"], folded))
    error = module_golden_error(module.eval(), pack / session["golden"])
    if error > TOLERANCES["int8"]:
        raise ValueError(f"the separator read back from {pack} differs from its goldens by {error:.2e} (relative)")
    meta = pack / "training.json"
    trained = json.loads(meta.read_text()).get("separator", {}) if meta.exists() else {}
    return {
        "separator": module.state_dict(),
        "config": model.cfg.to_json(),
        "step": trained.get("step", 0),
        "minutes": trained.get("minutes", 0.0),
        "data": f"{trained.get('data', '?')} (read back from pack {manifest['pack_version']})",
        "earlier": trained.get("earlier", []),
        "golden_error": error,
    }


# The sessions that hold the two training stages' weights, and what of the model each does not run.
STAGE_SESSIONS = {
    "vae_encoder": ("vae.decoder", "vae.postnet"),
    "vae_decoder": ("vae.encoder",),
    "vocoder": (),
    "dit": (),
    "mel_encoder": (),
    "transcript_encoder": (),
    "sync_encoder": (),
}


def pack_latent_scale(pack: Path) -> float:
    """The latent scale the pack's DiT ran at (its training record; a pack exported untrained, like the test pack, has
    none and ran at the model's default of 1)."""
    meta = pack / "training.json"
    return float(json.loads(meta.read_text()).get("latent_scale", 1.0)) if meta.exists() else 1.0


def _source_encoder(model) -> torch.nn.Module:
    """The mel encoder's session as the pack runs it. Since 0.7.2 the VAE decoder the DiT trained with (no post-net)
    stays in it while the VAE's own sessions gained one, so it is read into a copy without a post-net that shares
    the model's mel encoder; its VAE is the copy's, and the VAE's sessions fill the model's."""
    if not model.cfg.vae.postnet_blocks:
        return model.sessions()["mel_encoder"]
    plain = dataclasses.replace(model.cfg, vae=dataclasses.replace(model.cfg.vae, postnet_blocks=0))
    return SourceEncoder(MelVae(plain), model.mel_encoder)


def model_from_pack(pack: Path) -> tuple[dict, dict]:
    """The shipped autoencoder and DiT as their training stages save weights (train_autoencoder's
    autoencoder-weights.pt, train_dit's dit-weights.pt with its latent scale), so a machine without the original
    checkpoints (a lent GPU) can continue the shipped model (`train_dit --init`) instead of starting again. Each
    session is read from its most precise variant and checked against its goldens."""
    manifest = json.loads((pack / "manifest.json").read_text())
    meta = pack / "training.json"
    trained = json.loads(meta.read_text()) if meta.exists() else {}
    model = build_model(ModelConfig.from_json(manifest["model_config"]))
    model.latent_scale = pack_latent_scale(pack)
    sessions, specs, examples = model.sessions(), session_specs(model), example_inputs(model, frames=8, seed=1)
    errors = {}
    for role, absent in STAGE_SESSIONS.items():
        entry = manifest["sessions"][role]
        variant = session_variant(entry)
        module = sessions[role] if role != "mel_encoder" else _source_encoder(model)
        module.load_state_dict(session_weights(module, specs[role], examples[role], pack / variant["file"], absent=absent), strict=False)
        errors[role] = module_golden_error(module.eval(), pack / entry["golden"])
        if errors[role] > TOLERANCES["int8"]:
            raise ValueError(f"the {role} read back from {pack} differs from its goldens by {errors[role]:.2e} (relative)")
    source = f"read back from pack {manifest['pack_version']}"
    config = model.cfg.to_json()
    autoencoder = {"vae": model.vae.state_dict(), "vocoder": model.vocoder.state_dict(), "step": trained.get("ae_step"), "config": config}
    dit = {part: getattr(model, part).state_dict() for part in ("dit", "mel_encoder", "transcript_encoder", "sync_encoder")}
    dit |= {"step": trained.get("dit_step"), "latent_scale": model.latent_scale, "config": config, "device": source, "golden_errors": errors}
    return {**autoencoder, "device": source}, dit


def detector_from_pack(pack: Path, dtype: str | None = None, fit_steps: int = 1500) -> dict:
    """The shipped detector as train_detector saves weights. The session runs the audio path only, with the
    vocabulary's label embeddings baked in, so the words' projection is fitted again: every training description of a
    label is brought to that label's baked embedding. Its conv stages' batch norms come back folded (identity), so
    continued training keeps them frozen (`frozen_norms`)."""
    from omni_data.queries import all_training_phrases, training_descriptions
    from omni_model.model.detector import Detector, VocabularyDetector
    from omni_model.packing.pack import detector_example, detector_spec
    from omni_model.train.train_separator import PhraseStates

    manifest = json.loads((pack / "manifest.json").read_text())
    session = manifest["sessions"]["detector"]
    variant = session_variant(session, dtype)
    cfg = ModelConfig.from_json(manifest["model_config"])
    classes = [label["id"] for label in manifest["understanding"]["detector"]["labels"]]
    detector = Detector(cfg)
    module = VocabularyDetector(detector, torch.zeros(len(classes), cfg.detector.embedding))
    folded = tuple(stage.norm for stage in detector.stages)
    state = session_weights(module, detector_spec(len(classes)), detector_example(cfg, 40, 1), pack / variant["file"], folded, ("detector.words",))
    module.load_state_dict(state, strict=False)
    error = module_golden_error(module.eval(), pack / session["golden"])
    if error > TOLERANCES["int8"]:
        raise ValueError(f"the detector read back from {pack} differs from its goldens by {error:.2e} (relative)")
    phrases = PhraseStates(cfg, all_training_phrases())
    detector.set_words_statistics(phrases.pooled())
    words = [(k, w) for k, c in enumerate(classes) for w in training_descriptions(c)]
    pooled = torch.stack([phrases.states[w][0].mean(0) for _, w in words])
    owner = torch.tensor([k for k, _ in words])
    average = torch.zeros(len(classes), len(words)).index_put_((owner, torch.arange(len(words))), torch.tensor(1.0))
    average /= average.sum(dim=1, keepdim=True)  # a label's embedding is its descriptions' mean (class_embeddings)
    opt = torch.optim.Adam(detector.words.parameters(), lr=3e-3)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(opt, fit_steps)
    for _ in range(fit_steps):
        each = detector.embed_words(pooled)
        labels = F.normalize(average @ each, dim=-1)
        # The labels as the pack bakes them, and every description near its label (training draws one at a time).
        loss = 2 - torch.sum(labels * module.labels, dim=-1).mean() - torch.sum(each * module.labels[owner], dim=-1).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        schedule.step()
    with torch.no_grad():
        fit = torch.sum(F.normalize(average @ detector.embed_words(pooled), dim=-1) * module.labels, dim=-1)
    meta = pack / "training.json"
    trained = json.loads(meta.read_text()).get("detector", {}) if meta.exists() else {}
    return {
        "detector": detector.state_dict(),
        "classes": classes,
        "config": cfg.to_json(),
        "frozen_norms": True,
        "step": trained.get("step", 0),
        "minutes": trained.get("minutes", 0.0),
        "data": f"{trained.get('data', '?')} (read back from pack {manifest['pack_version']})",
        "earlier": trained.get("earlier", []),
        "golden_error": error,
        "words_fit": float(fit.min()),  # the worst cosine of a label's refitted embedding to the one the pack baked
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--pack", type=Path, required=True)
    p.add_argument("--session", choices=("separator", "detector", "dit"), default="separator")
    p.add_argument("--out", type=Path, required=True, help="where the weights go (train_<session> --init reads them)")
    args = p.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.session == "dit":  # the DiT stage's weights, and the autoencoder it runs over beside them
        autoencoder, dit = model_from_pack(args.pack)
        torch.save(dit, args.out)
        torch.save(autoencoder, args.out.with_name("autoencoder-weights.pt"))
        errors = ", ".join(f"{role} {e:.1e}" for role, e in dit["golden_errors"].items())
        print(f"{args.out} and autoencoder-weights.pt beside it: golden errors {errors} (relative; int8 allows {TOLERANCES['int8']:.0e})")
        return
    weights = (separator_from_pack if args.session == "separator" else detector_from_pack)(args.pack)
    torch.save(weights, args.out)
    print(f"{args.out}: golden error {weights['golden_error']:.2e} (relative; int8 allows {TOLERANCES['int8']:.0e})")


if __name__ == "__main__":
    main()
