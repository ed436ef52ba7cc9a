"""Exports every session to ONNX (opset 17, variable length), writes the pack manifest the engine reads, and golden
input/output vectors that pytest (ONNX Runtime) and Vitest (onnxruntime-web) check against PyTorch."""

from __future__ import annotations

import base64
import copy
import hashlib
import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnxruntime as ort
import torch

from omni_data.instructions import TEMPLATES
from omni_model.model.factory import OmniModel, low_dims
from omni_model.model.separator import INPUT_DBFS
from omni_model.model.text import minilm_dir, tokenize

MANIFEST_FORMAT = "omni-studio-pack"
MANIFEST_VERSION = 1
OPSET = 17
GOLDEN_PROMPT = "Add the sound of 'rain on a tin roof'"
GOLDEN_TRANSCRIPT = "Hello from Omni Studio."
# Prompts whose token ids the browser's tokenizer must reproduce exactly: templates, punctuation, accents, truncation.
TOKEN_GOLDENS = [
    GOLDEN_PROMPT,
    "Generate music: slow piano melody in A minor, 70 bpm",
    "Change the sound of 'dog barking' to 'a cat meowing'!",
    "Café crème — naïve façade; ÜBER-loud 12,345 Hz (x2)",
    "rain " * 80,
]

VIDEO = ["text", "video"]
TASKS = [
    {"id": "t2a", "family": "generate", "label": "Sound from text", "prefix": "Generate sound: ", "template": "{prompt}", "conditions": ["text"]},
    {"id": "t2m", "family": "generate", "label": "Music from text", "prefix": "Generate music: ", "template": "{prompt}", "conditions": ["text"]},
    # The picture steers text to audio (and music) through the DiT's own picture paths (train_video), so these tasks
    # keep the text tasks' words.
    {"id": "v2a", "family": "generate", "label": "Sound for the video", "prefix": "Generate sound: ", "template": "{prompt}", "conditions": VIDEO},
    {"id": "v2m", "family": "generate", "label": "Music for the video", "prefix": "Generate music: ", "template": "{prompt}", "conditions": VIDEO},
    {"id": "add", "family": "edit", "label": "Add", "prefix": "Edit: ", "template": TEMPLATES["add"][0], "conditions": ["text", "source"]},
    {
        "id": "remove",
        "family": "edit",
        "label": "Remove",
        "prefix": "Edit: ",
        "template": TEMPLATES["remove"][0],
        "conditions": ["text", "source"],
    },
    {
        "id": "extract",
        "family": "edit",
        "label": "Extract",
        "prefix": "Edit: ",
        "template": TEMPLATES["extract"][0],
        "conditions": ["text", "source"],
    },
    {
        "id": "style",
        "family": "edit",
        "label": "Change X into Y",
        "prefix": "Edit: ",
        "template": TEMPLATES["style"][0],
        "conditions": ["text", "source"],
    },
]


# How the studio runs the separator (src/engine/separate.ts): which edits it does, windows with context on each side,
# and when the described sound counts as found (presence probability over the threshold for long enough).
SEPARATION = {
    "tasks": ["remove", "extract"],
    "n_fft": 512,
    "hop": 128,
    "input_dbfs": INPUT_DBFS,
    "window_seconds": 10.0,
    "context_seconds": 1.5,
    "presence_threshold": 0.5,
    "min_present_seconds": 0.1,
}

# How the studio runs the detector (src/engine/detect.ts) and draws its regions (src/understanding/sound-events.ts).
DETECTION = {
    "input_dbfs": INPUT_DBFS,
    "window_seconds": 10.0,
    "context_seconds": 1.0,
    # Chosen on the validation split by event F1 (omni_model.evaluation.tune_detector_regions, pack 0.5.1).
    "threshold": 0.8,
    "release": 0.4,
    "smooth_seconds": 0.4,
    "bridge_seconds": 3.0,
    "min_seconds": 0.12,
    # Frames quieter than this (RMS before the input gain) hold nothing: under a 16-bit recording's noise floor.
    "silence_dbfs": -70.0,
    # A user's words mean a label at this cosine or over (src/engine/label-match.ts), chosen on the held-out words.
    "match_similarity": 0.45,
}


@dataclass(frozen=True)
class Tensor:
    name: str
    dtype: str  # 'float32' | 'int64'
    shape: tuple[str | int, ...]  # symbolic names are free dimensions


def encode_chars(text: str, max_chars: int) -> np.ndarray:
    """The transcript encoding both sides share: UTF-8 bytes + 1 (0 pads)."""
    ids = [b + 1 for b in text.encode("utf-8")][:max_chars] or [0]
    return np.array([ids], dtype=np.int64)


def session_specs(model: OmniModel) -> dict[str, tuple[list[Tensor], list[Tensor]]]:
    cfg = model.cfg
    mel_dim, sync_dim = low_dims(cfg)
    n, c, s = cfg.audio.n_mels, cfg.vae.latent_channels, cfg.sync.frame_size
    return {
        "text_encoder": (
            [Tensor("input_ids", "int64", ("batch", "tokens")), Tensor("attention_mask", "int64", ("batch", "tokens"))],
            [Tensor("text_states", "float32", ("batch", "tokens", cfg.text.hidden))],
        ),
        "transcript_encoder": (
            [Tensor("chars", "int64", ("batch", "chars"))],
            [Tensor("transcript_states", "float32", ("batch", "chars", cfg.transcript.dim))],
        ),
        "mel_frontend": ([Tensor("waveform", "float32", ("batch", "samples"))], [Tensor("mel", "float32", ("batch", n, "mel_frames"))]),
        "mel_encoder": ([Tensor("mel", "float32", ("batch", n, "mel_frames"))], [Tensor("mel_features", "float32", ("batch", "frames", mel_dim))]),
        "sync_encoder": (
            [Tensor("video", "float32", ("batch", "frames", 3, s, s))],
            [Tensor("sync_features", "float32", ("batch", "frames", sync_dim))],
        ),
        "dit": (
            [
                Tensor("x_t", "float32", ("batch", c, "frames")),
                Tensor("t", "float32", ("batch",)),
                Tensor("text_states", "float32", ("batch", "tokens", cfg.text.hidden)),
                Tensor("text_mask", "float32", ("batch", "tokens")),
                Tensor("transcript_states", "float32", ("batch", "chars", cfg.transcript.dim)),
                Tensor("transcript_mask", "float32", ("batch", "chars")),
                Tensor("mel_features", "float32", ("batch", "frames", mel_dim)),
                Tensor("sync_features", "float32", ("batch", "frames", sync_dim)),
                Tensor("text_present", "float32", ("batch",)),
                Tensor("low_present", "float32", ("batch",)),
            ],
            [Tensor("velocity", "float32", ("batch", c, "frames"))],
        ),
        "vae_encoder": ([Tensor("mel", "float32", ("batch", n, "mel_frames"))], [Tensor("latent", "float32", ("batch", c, "frames"))]),
        "vae_decoder": ([Tensor("latent", "float32", ("batch", c, "frames"))], [Tensor("mel", "float32", ("batch", n, "mel_frames"))]),
        "vocoder": ([Tensor("mel", "float32", ("batch", n, "mel_frames"))], [Tensor("waveform", "float32", ("batch", "samples"))]),
        "separator": (
            [
                Tensor("waveform", "float32", ("batch", "samples")),
                Tensor("text_states", "float32", ("batch", "tokens", cfg.text.hidden)),
                Tensor("text_mask", "float32", ("batch", "tokens")),
            ],
            [
                Tensor("mask", "float32", ("batch", "stft_frames", cfg.separator.n_fft // 2 + 1)),
                Tensor("presence", "float32", ("batch", "stft_frames")),
            ],
        ),
    }


def example_inputs(model: OmniModel, frames: int, seed: int) -> dict[str, dict[str, torch.Tensor]]:
    """Inputs for every session, for `frames` latent frames; token ids come from the real tokenizer."""
    cfg = model.cfg
    g = torch.Generator().manual_seed(seed)
    mel_frames = frames * cfg.vae.downsample
    ids, mask = tokenize([GOLDEN_PROMPT], cfg.text.max_tokens)
    chars = torch.from_numpy(encode_chars(GOLDEN_TRANSCRIPT, cfg.transcript.max_chars))
    with torch.no_grad():
        text_states = model.text_encoder(ids, mask)
        transcript_states = model.transcript_encoder(chars)
        wav = 0.1 * torch.randn(1, mel_frames * cfg.audio.hop, generator=g)
        mel = model.mel_frontend(wav)
        mel_features = model.source_encoder(mel)
        video = torch.rand(1, frames, 3, cfg.sync.frame_size, cfg.sync.frame_size, generator=g)
        sync_features = model.sync_encoder(video)
    two = lambda x: torch.cat([x, x])  # noqa: E731  guidance runs conditional and unconditional as one batch of 2
    return {
        "text_encoder": {"input_ids": ids, "attention_mask": mask},
        "transcript_encoder": {"chars": chars},
        "mel_frontend": {"waveform": wav},
        "mel_encoder": {"mel": mel},
        "sync_encoder": {"video": video},
        "dit": {
            "x_t": torch.randn(2, cfg.vae.latent_channels, frames, generator=g),
            "t": torch.tensor([0.7, 0.7]),
            "text_states": two(text_states),
            "text_mask": two(mask.float()),
            "transcript_states": two(transcript_states),
            "transcript_mask": two(torch.ones(1, chars.shape[1])),
            "mel_features": two(mel_features),
            "sync_features": two(sync_features),
            "text_present": torch.tensor([1.0, 0.0]),
            "low_present": torch.tensor([1.0, 1.0]),
        },
        "vae_encoder": {"mel": mel},
        "vae_decoder": {"latent": torch.randn(1, cfg.vae.latent_channels, frames, generator=g)},
        "vocoder": {"mel": mel},
        "separator": {"waveform": wav, "text_states": text_states, "text_mask": mask.float()},
    }


def export_onnx(module: torch.nn.Module, inputs: list[Tensor], outputs: list[Tensor], example: dict[str, torch.Tensor]) -> bytes:
    dynamic = {t.name: {i: d for i, d in enumerate(t.shape) if isinstance(d, str)} for t in [*inputs, *outputs]}
    buffer = io.BytesIO()
    torch.onnx.export(
        module,
        tuple(example[t.name] for t in inputs),
        buffer,
        input_names=[t.name for t in inputs],
        output_names=[t.name for t in outputs],
        opset_version=OPSET,
        dynamo=False,
        dynamic_axes=dynamic,
    )
    return buffer.getvalue()


# Sessions whose weights are quantised for the int8 variant: the mel front end is a fixed DFT and filterbank, which
# rounding would only blur, and the trained vocoder's output moved by 10 % (relative) in int8, which is audible, so
# both keep their float weights (the vocoder's 9 MB fit the budget).
INT8_ROLES = {"text_encoder", "transcript_encoder", "mel_encoder", "sync_encoder", "dit", "vae_encoder", "vae_decoder", "separator", "detector"}


def _file_ref(path: Path) -> dict:
    data = path.read_bytes()
    return {"file": path.name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


# Sessions also written in half precision, for GPUs with shader-f16: all but the mel front end (a fixed DFT, which
# half precision would blur) and the frozen language model (its exported LayerNorm mixes float and half; it runs once
# per job, so float costs nothing there).
# The separator's STFT and the detector's log-mel, like the mel front end.
FP16_ROLES = (INT8_ROLES - {"text_encoder", "separator", "detector"}) | {"vocoder"}
# What each variant may differ from PyTorch's float32 by (relative to the largest value), in ONNX Runtime.
TOLERANCES = {"fp32": 1e-4, "fp16": 1e-2, "int8": 5e-2}
# Outputs whose error counts against a fixed full scale instead of their largest value: a mask is a fraction of the
# mixture in [0, 1], and on a golden input it may be near zero everywhere (src/modelpack/golden.ts OUTPUT_SCALES).
# The separator's presence is a logit that only matters through its sigmoid, whose slope is at most 1/4: over a
# scale of 4, its error bounds the error of the probability the studio thresholds.
OUTPUT_SCALES = {"mask": 1.0, "probabilities": 1.0, "presence": 4.0}


class HalfPrecision(torch.nn.Module):
    """A session in float16 with float32 inputs and outputs, so the engine feeds every variant alike."""

    def __init__(self, module: torch.nn.Module) -> None:
        super().__init__()
        self.module = copy.deepcopy(module).half()

    def forward(self, *inputs: torch.Tensor):
        out = self.module(*[x.half() if x.is_floating_point() else x for x in inputs])
        return out.float() if isinstance(out, torch.Tensor) else tuple(o.float() for o in out)


def _variants(out: Path, role: str, module: torch.nn.Module, inputs: list[Tensor], outputs: list[Tensor], example: dict[str, torch.Tensor]) -> dict:
    """fp32 as exported; int8 (dynamic: the weights of MatMul, Gemm and embedding Gather) for CPUs; fp16 for GPUs with
    shader-f16 (exported from PyTorch in half precision: converting the float graph afterwards broke the DiT's Casts)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    fp32 = out / f"{role}.onnx"
    variants = {"fp32": _file_ref(fp32)}
    if role in INT8_ROLES:
        int8 = out / f"{role}.int8.onnx"
        # Per output channel: one scale per column halves the frozen language model's rounding error (6.8 % -> 2.6 %
        # relative, measured on the trained pack) for 0.4 % more bytes.
        quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul", "Gemm", "Gather"], per_channel=True)
        variants["int8"] = _file_ref(int8)
    if role in FP16_ROLES:
        fp16 = out / f"{role}.fp16.onnx"
        fp16.write_bytes(export_onnx(HalfPrecision(module).eval(), inputs, outputs, example))
        variants["fp16"] = _file_ref(fp16)
    return variants


def _b64(x: np.ndarray) -> dict:
    return {"dtype": str(x.dtype), "shape": list(x.shape), "data": base64.b64encode(np.ascontiguousarray(x).tobytes()).decode()}


def export_session(
    out: Path,
    role: str,
    module: torch.nn.Module,
    spec: tuple[list[Tensor], list[Tensor]],
    export_example: dict[str, torch.Tensor],
    golden_example: dict[str, torch.Tensor],
) -> dict:
    """Writes one session (<role>.onnx and its variants) and its golden vectors; returns its manifest entry."""
    inputs, outputs = spec
    onnx_bytes = export_onnx(module.eval(), inputs, outputs, export_example)
    file = f"{role}.onnx"
    (out / file).write_bytes(onnx_bytes)
    feeds = {k: v.numpy() for k, v in golden_example.items()}
    with torch.no_grad():
        expected = module(*golden_example.values())
    expected = [expected] if isinstance(expected, torch.Tensor) else list(expected)
    golden = {"inputs": {k: _b64(v) for k, v in feeds.items()}, "outputs": {t.name: _b64(e.numpy()) for t, e in zip(outputs, expected)}}
    (out / "goldens" / f"{role}.json").write_text(json.dumps(golden))
    return {
        "file": file,
        "bytes": len(onnx_bytes),
        "sha256": hashlib.sha256(onnx_bytes).hexdigest(),
        "dtypes": _variants(out, role, module, inputs, outputs, export_example),
        "inputs": [{"name": t.name, "dtype": t.dtype, "shape": list(t.shape)} for t in inputs],
        "outputs": [{"name": t.name, "dtype": t.dtype, "shape": list(t.shape)} for t in outputs],
        "golden": f"goldens/{role}.json",
    }


def export_pack(
    model: OmniModel,
    out: Path,
    *,
    name: str,
    pack_version: str,
    licence: str,
    credits: list[str],
    description: str,
    sampler: dict,
    golden_frames: int = 12,
) -> dict:
    """Writes <out>/<role>.onnx, tokenizer.json, goldens/<role>.json and manifest.json; returns the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "goldens").mkdir(exist_ok=True)
    specs = session_specs(model)
    export_examples = example_inputs(model, frames=8, seed=1)
    golden_examples = example_inputs(model, frames=golden_frames, seed=2)  # another length: proves the axes are free
    sessions = {
        role: export_session(out, role, module, specs[role], export_examples[role], golden_examples[role])
        for role, module in model.sessions().items()
    }
    shutil.copy(minilm_dir() / "tokenizer.json", out / "tokenizer.json")
    shutil.copy(minilm_dir() / "tokenizer_config.json", out / "tokenizer_config.json")
    tokens = []
    for text in TOKEN_GOLDENS:
        ids, mask = tokenize([text], model.cfg.text.max_tokens)
        tokens.append({"text": text, "input_ids": ids[0].tolist(), "attention_mask": mask[0].tolist()})
    (out / "goldens" / "tokenizer.json").write_text(json.dumps(tokens, ensure_ascii=False))
    cfg = model.cfg
    manifest = {
        "format": MANIFEST_FORMAT,
        "version": MANIFEST_VERSION,
        "name": name,
        "pack_version": pack_version,
        "description": description,
        "licence": licence,
        "credits": credits,
        "audio": {
            "sample_rate": cfg.audio.sample_rate,
            "channels": 1,
            "hop": cfg.audio.hop,
            "n_fft": cfg.audio.n_fft,
            "n_mels": cfg.audio.n_mels,
            "latent_rate": cfg.latent_rate,
            "latent_channels": cfg.vae.latent_channels,
            "mel_frames_per_latent": cfg.vae.downsample,
            "window_seconds": 10.0,
            "crossfade_seconds": 1.0,
        },
        "flow": {"time": "1->0", "prediction": "velocity", "interpolation": "x_t = (1 - t) * x0 + t * noise", "clean_estimate": "x0 = x_t - t * v"},
        "sampler": sampler,
        "text": {
            "tokenizer": "tokenizer.json",
            "tokenizer_config": "tokenizer_config.json",
            "max_tokens": cfg.text.max_tokens,
            "layer": cfg.text.layer,
            "golden": "goldens/tokenizer.json",
        },
        "transcript": {"encoding": "utf8-bytes-plus-1", "max_chars": cfg.transcript.max_chars},
        "video": {"frame_size": cfg.sync.frame_size, "frames_per_second": cfg.latent_rate},
        "sessions": sessions,
        "tasks": TASKS,
        "separation": {**SEPARATION, "n_fft": cfg.separator.n_fft, "hop": cfg.separator.hop},
        "golden_text": {"prompt": GOLDEN_PROMPT, "transcript": GOLDEN_TRANSCRIPT},
        "model_config": cfg.to_json(),
    }
    tokenizer_bytes = sum((out / f).stat().st_size for f in ("tokenizer.json", "tokenizer_config.json"))
    manifest["bytes"] = sum(s["bytes"] for s in sessions.values()) + tokenizer_bytes
    # What a browser downloads for each variant (it takes one file per session).
    manifest["variant_bytes"] = {
        d: sum(s["dtypes"].get(d, s["dtypes"]["fp32"])["bytes"] for s in sessions.values()) + tokenizer_bytes for d in TOLERANCES
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return manifest


def decode_golden(d: dict) -> np.ndarray:
    return np.frombuffer(base64.b64decode(d["data"]), dtype=d["dtype"]).reshape(d["shape"])


def golden_error(got: list[np.ndarray], golden: dict) -> float:
    """The largest error of a session's outputs against its golden ones, relative to each output's largest value (or
    its fixed full scale, OUTPUT_SCALES)."""
    worst = 0.0
    for value, (name, expected) in zip(got, golden["outputs"].items()):
        e = decode_golden(expected)
        scale = max(float(np.max(np.abs(e))), OUTPUT_SCALES.get(name, 0.0))
        worst = max(worst, float(np.max(np.abs(np.asarray(value) - e)) / (scale + 1e-8)))
    return worst


def session_options(threads: int | None = None) -> ort.SessionOptions:
    """ONNX Runtime's options for a pack's sessions here. On x86 CPUs with AVX2 but no VNNI its int8 kernels
    saturate 16-bit sums (the shipped DiT 1.4e-1 from its goldens, the separator 0.9 on such an AMD EPYC); the precise
    kernel gives what VNNI machines and the browser's WASM kernels give (2e-2, 3e-2), and changes nothing elsewhere."""
    options = ort.SessionOptions()
    options.add_session_config_entry("session.x64quantprecision", "1")
    if threads is not None:
        options.intra_op_num_threads = threads
    return options


def check_goldens(pack: Path, tolerance: float | None = None, dtype: str = "fp32") -> dict[str, float]:
    """Runs each session (the given variant) in ONNX Runtime on its golden inputs; returns the largest relative error
    per session against PyTorch's float32 outputs."""
    manifest = json.loads((pack / "manifest.json").read_text())
    tolerance = TOLERANCES[dtype] if tolerance is None else tolerance
    errors = {}
    for role, session in manifest["sessions"].items():
        if dtype not in session["dtypes"]:
            continue
        golden = json.loads((pack / session["golden"]).read_text())
        runner = ort.InferenceSession(str(pack / session["dtypes"][dtype]["file"]), session_options(), providers=["CPUExecutionProvider"])
        got = runner.run(None, {k: decode_golden(v) for k, v in golden["inputs"].items()})
        errors[role] = worst = golden_error(got, golden)
        if worst > tolerance:
            raise AssertionError(f"{role} ({dtype}): ONNX Runtime differs from PyTorch by {worst:.2e} (relative), over {tolerance:.0e}")
    return errors
