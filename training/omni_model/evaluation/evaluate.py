"""Evaluates an exported pack on the fixed test split, running the same ONNX files and the same sampler as the browser
(ONNX Runtime on the CPU instead of onnxruntime-web). Prints a markdown table and writes it as JSON.

Edits (add, remove, extract, style of sound effects and of music): log-spectral distance and mel distance to the
ground-truth target, against identity (the input unchanged) and, for add and style, another take (another recording
of the asked-for sound: what a perfect generator could score); instruction adherence by the tagger (the added,
extracted or new category is among its top 3, for music style transfer the new instrument; the removed one is not).
Generation (t2a, t2m): the tagger's top-3 accuracy on the prompted category and the Frechet distance to real test
audio in the tagger's embedding space."""

from __future__ import annotations

import argparse
import json
import time
from itertools import zip_longest
from pathlib import Path

import numpy as np
import onnxruntime as ort
import soundfile as sf
import torch

from omni_model.evaluation.another_take import AnotherTake
from omni_model.model.config import ModelConfig
from omni_model.model.dsp import LogMel
from omni_model.model.preserve import preserve, timbre
from omni_model.model.sampler import sample_flow
from omni_model.model.tagger import ClipLister, Tagger, frechet_distance, instrument_clips, instruments, labelled_clips, train_tagger, valid_accuracy
from omni_model.model.text import tokenize
from omni_model.packing.export import encode_chars, session_options
from omni_model.paths import TRAINING_DIR
from omni_model.train.losses import log_spectral_distance
from omni_model.train.train_dit import load_rows, prompt_of

# Style transfer of sound effects (one sound replaced by another) and of music (the same notes on another instrument)
# are scored apart: they ask different things of the model and are judged by different taggers.
OPERATIONS = {
    "add": ["add"],
    "remove": ["remove"],
    "extract": ["extract"],
    "style": ["style_sfx"],
    "music style": ["style_music"],
    "t2a": ["t2a"],
    "t2m": ["t2m"],
}
STYLES = ("style", "music style")


class OnnxPack:
    """A pack's sessions in ONNX Runtime, sampled like src/engine/pipeline.ts: encoders once, Euler over t from 1
    to 0, guidance as a batch of 2 (the unconditional half drops the text, keeps the source)."""

    def __init__(self, pack: Path, dtype: str, threads: int = 2) -> None:
        self.manifest = json.loads((pack / "manifest.json").read_text())
        options = session_options(threads)
        self.sessions = {}
        for role, spec in self.manifest["sessions"].items():
            ref = spec["dtypes"].get(dtype) or spec["dtypes"].get("fp32") or next(iter(spec["dtypes"].values()))
            self.sessions[role] = ort.InferenceSession(str(pack / ref["file"]), options, providers=["CPUExecutionProvider"])
        self.cfg = ModelConfig.from_json(self.manifest["model_config"])

    def run(self, role: str, **feeds) -> np.ndarray:
        return self.sessions[role].run(None, feeds)[0]

    def generate(
        self,
        prompt: str,
        seconds: float,
        source: np.ndarray | None,
        steps: int,
        guidance: float,
        seed: int,
        known: tuple[np.ndarray, np.ndarray] | None = None,
        video: np.ndarray | None = None,
    ) -> np.ndarray:
        """One window as the studio's engine draws it: its noise, the manifest's shift, guidance as a batch of two;
        `known` (audio of the window, 1 per latent frame where it is known) is held by the sampler (inpainting, as
        src/engine/pipeline.ts knownLatent); `video` ([frames, 3, size, size] in 0..1, at the latent rate from the
        window's start, as pipeline.ts pictureAtLatentRate gives them) feeds the sync encoder."""
        a = self.manifest["audio"]
        frames = max(1, round(seconds * a["latent_rate"]))
        samples = frames * a["mel_frames_per_latent"] * a["hop"]
        ids, mask = tokenize([prompt], self.cfg.text.max_tokens)
        text = self.run("text_encoder", input_ids=ids.numpy(), attention_mask=mask.numpy())
        chars = encode_chars("", self.cfg.transcript.max_chars)
        transcript = self.run("transcript_encoder", chars=chars)
        dims = {i["name"]: i["shape"][-1] for i in self.manifest["sessions"]["dit"]["inputs"]}
        mel_dim, sync_dim = dims["mel_features"], dims["sync_features"]
        if source is None:
            mel_features, present = np.zeros((1, frames, mel_dim), np.float32), 0.0
        else:
            padded = np.zeros((1, samples), np.float32)
            padded[0, : min(samples, len(source))] = source[:samples]
            mel_features, present = self.run("mel_encoder", mel=self.run("mel_frontend", waveform=padded)), 1.0
        two = lambda x: np.concatenate([x, x]).astype(x.dtype)  # noqa: E731
        feeds = {
            "text_states": two(text),
            "text_mask": two(mask.numpy().astype(np.float32)),
            "transcript_states": two(transcript),
            "transcript_mask": np.zeros((2, 1), np.float32),
            "mel_features": two(mel_features),
            "sync_features": two(self.sync_features(video, frames, sync_dim)),
            "text_present": np.array([1, 0], np.float32),
            "low_present": np.array([present, present], np.float32),
        }

        def velocities(x: np.ndarray, t: float) -> tuple[np.ndarray, np.ndarray]:
            v = self.run("dit", **feeds, x_t=two(x), t=np.array([t, t], np.float32))
            return v[:1], v[1:]

        shape = (1, a["latent_channels"], frames)
        held = None
        if known is not None:
            audio, known_frames = known
            padded = np.zeros((1, samples), np.float32)
            padded[0, : min(samples, len(audio))] = audio[:samples]
            encoded = self.run("vae_encoder", mel=self.run("mel_frontend", waveform=padded))[:, :, :frames]
            latent = np.zeros(shape, np.float32)
            latent[:, :, : encoded.shape[2]] = encoded
            mask = np.zeros(shape, np.float32)
            mask[:, :, : min(frames, encoded.shape[2], len(known_frames))] = known_frames[: min(frames, encoded.shape[2])]
            held = (latent, mask)
        x = sample_flow(shape, steps, self.manifest["sampler"]["shift"], guidance, seed, velocities, known=held)
        return self.run("vocoder", mel=self.run("vae_decoder", latent=x))[0]

    def sync_features(self, video: np.ndarray | None, frames: int, sync_dim: int) -> np.ndarray:
        """The picture's sync features for the window (its last frame held past its end); zero without one."""
        if video is None:
            return np.zeros((1, frames, sync_dim), np.float32)
        per_latent = self.manifest["video"]["frames_per_second"] / self.manifest["audio"]["latent_rate"]
        shown = np.minimum(len(video) - 1, np.floor((np.arange(frames) + 0.5) * per_latent).astype(int))
        return self.run("sync_encoder", video=video[None, shown].astype(np.float32))

    def round_trip(self, wav: np.ndarray) -> np.ndarray:
        """The audio through the pack's VAE and vocoder: the best any generated output can sound."""
        latent = self.run("vae_encoder", mel=self.run("mel_frontend", waveform=wav[None].astype(np.float32)))
        return self.run("vocoder", mel=self.run("vae_decoder", latent=latent))[0]


def studio_path_arguments(doc: str | None, sources: Path, what: str) -> argparse.ArgumentParser:
    """The options every evaluation of a pack through the studio's path takes: the pack and variant, the sources its
    test split is mixed from, how many real recordings, where the results go."""
    p = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--pack", type=Path, required=True)
    p.add_argument("--dtype", default="int8")
    p.add_argument(
        "--data", type=Path, default=sources, help=f"the {what}'s sources (a data config or a built data set): the test split is mixed from them"
    )
    p.add_argument("--real", type=int, default=40)
    p.add_argument("--out", type=Path)
    return p


def pick_examples(data: Path, per_operation: int) -> dict[str, list[dict]]:
    """A fixed spread of test rows per operation, its tasks taken in turn."""
    rows = load_rows(data, "test")
    picked = {}
    for op, tasks in OPERATIONS.items():
        by_task = [[r for r in rows if r["task"] == task] for task in tasks]
        by_task = [chosen for chosen in by_task if chosen]
        if not by_task:
            continue
        share = [per_operation // len(by_task) + (i < per_operation % len(by_task)) for i in range(len(by_task))]
        picks = [chosen[:: max(1, len(chosen) // n)][:n] for chosen, n in zip(by_task, share)]
        picked[op] = [r for group in zip_longest(*picks) for r in group if r is not None]
    return picked


class Scorer:
    def __init__(self, cfg: ModelConfig, tagger: Tagger) -> None:
        self.mel, self.tagger = LogMel(cfg.audio).eval(), tagger

    @torch.no_grad()
    def distances(self, pred: np.ndarray, target: np.ndarray) -> tuple[float, float]:
        n = min(len(pred), len(target))
        p, t = torch.from_numpy(pred[:n].astype(np.float32))[None], torch.from_numpy(target[:n].astype(np.float32))[None]
        return log_spectral_distance(p, t).item(), (self.mel(p) - self.mel(t)).abs().mean().item()


def event_span(row: dict, length: int) -> tuple[int, int]:
    """Samples where an edit changes the clip: the foreground event (onset, stretched length) for add, remove, extract
    and sound-effect style transfer (its replacement follows the event's envelope); the whole clip for music."""
    events = row.get("recipe", {}).get("mix", {}).get("events") or []
    if row["task"] not in ("add", "remove", "extract", "style_sfx") or not events:
        return 0, length
    e = events[0]
    return e["onset"], min(length, e["onset"] + round(e["crop_length"] * e["stretch"]))


class Judge:
    """Instruction adherence: the tagger finds the added, extracted or new category in its top 3 (or no longer finds
    the removed one); where the prompt names an instrument (music style transfer, text to music), the instrument tagger
    finds it, and for music style transfer that is the adherence (it was music before and after)."""

    def __init__(self, tagger: Tagger, instrument_tagger: Tagger | None = None, instrument_of: dict[str, str] | None = None) -> None:
        self.tagger, self.instrument_tagger, self.instrument_of = tagger, instrument_tagger, instrument_of or {}

    def asked_instrument(self, row: dict) -> str | None:
        if row["task"] not in ("style_music", "t2m") or self.instrument_tagger is None:
            return None
        return self.instrument_of.get(row["recipe"].get("output", ""))

    def instrument_hits(self, rows: list[dict], wavs: list[np.ndarray]) -> dict[int, bool]:
        """Example index -> the asked instrument is in the instrument tagger's top 3, for the examples that ask one."""
        asking = [i for i, r in enumerate(rows) if self.asked_instrument(r)]
        if not asking:
            return {}
        probs, _ = self.instrument_tagger([wavs[i] for i in asking])
        return {i: self.instrument_tagger.detects(p, self.asked_instrument(rows[i])) for i, p in zip(asking, probs)}

    def adherence(self, op: str, rows: list[dict], wavs: list[np.ndarray]) -> list[bool]:
        probs, _ = self.tagger(wavs)
        hits = [self.tagger.detects(p, r["target_category"]) != (op == "remove") for r, p in zip(rows, probs)]
        if op == "music style":
            for i, hit in self.instrument_hits(rows, wavs).items():
                hits[i] = hit
        return hits


Outputs = dict[str, dict[str, list[np.ndarray | None]]]  # system -> operation -> one clip per example (None: none)


def pack_outputs(name: str, pack: OnnxPack, examples: dict[str, list[dict]], inputs: dict, real: dict, steps: int, guidance: float) -> Outputs:
    """The pack's own outputs, and what the studio makes of them on the original: the untouched sound kept (add,
    remove) and the performance kept (style: the model's timbre on the original recording)."""
    rate = pack.cfg.audio.sample_rate
    raw = {
        op: [pack.generate(prompt_of(r), min(10.0, len(real[op][i]) / rate), inputs[op][i], steps, guidance, seed=i) for i, r in enumerate(rows)]
        for op, rows in examples.items()
    }
    recon = {op: [pack.round_trip(x) for x in inputs[op]] for op in ("add", "remove", *STYLES) if op in raw}
    kept = {op: [preserve(op, x, y, r) for x, y, r in zip(inputs[op], raw[op], recon[op])] for op in ("add", "remove") if op in raw}
    performance = {op: [timbre(x, y, r) for x, y, r in zip(inputs[op], raw[op], recon[op])] for op in STYLES if op in raw}
    return {name: raw, f"{name}, untouched sound kept": kept, f"{name}, performance kept": performance}


def autoencoder_baselines(pack: OnnxPack, outputs: Outputs) -> Outputs:
    """Target, input and another take through the pack's VAE and vocoder: what a perfect DiT, identity and a perfect
    generator would score if they had to pass this autoencoder."""
    through = lambda by_op: {op: [None if w is None else pack.round_trip(w) for w in wavs] for op, wavs in by_op.items()}  # noqa: E731
    return {
        "target through the VAE": through(outputs["ground truth"]),
        "input through the VAE": through(outputs["identity"]),
        "another take through the VAE": through(outputs["another take"]),
    }


def score(
    op: str,
    name: str,
    rows: list[dict],
    wavs: list[np.ndarray | None],
    targets: list[np.ndarray],
    scorer: Scorer,
    judge: Judge,
    real_embeddings: dict,
) -> dict | None:
    """One system's row for one operation, over the examples it has a clip for (None if it has none)."""
    present = [(r, w, t) for r, w, t in zip(rows, wavs, targets) if w is not None]
    if not present:
        return None
    rows, wavs, targets = (list(x) for x in zip(*present))
    row = {"n": len(wavs), "adherence": float(np.mean(judge.adherence(op, rows, wavs)))}
    instrument = judge.instrument_hits(rows, wavs)
    if instrument:
        row["instrument"] = float(np.mean(list(instrument.values())))
    if op in ("t2a", "t2m"):
        row["fd"] = frechet_distance(judge.tagger(wavs)[1], real_embeddings[op]) if name != "ground truth" else 0.0
        return row
    d = [scorer.distances(w, t) for w, t in zip(wavs, targets)]
    row["lsd_db"], row["mel_l1"] = float(np.mean([x for x, _ in d])), float(np.mean([y for _, y in d]))
    # The same distances over the edited part only, where identity is wrong.
    spans = [event_span(r, len(t)) for r, t in zip(rows, targets)]
    e = [scorer.distances(w[a:b], t[a:b]) for w, t, (a, b) in zip(wavs, targets, spans)]
    row["event_lsd_db"], row["event_mel_l1"] = float(np.mean([x for x, _ in e])), float(np.mean([y for _, y in e]))
    return row


def evaluate(
    packs: dict[str, Path], data: Path, per_operation: int, steps: int, guidance: float, tagger: Tagger, instrument_tagger: Tagger | None = None
) -> dict:
    examples = pick_examples(data, per_operation)
    cfg = ModelConfig.from_json(json.loads((next(iter(packs.values())) / "manifest.json").read_text())["model_config"])
    scorer, judge = Scorer(cfg, tagger), Judge(tagger, instrument_tagger, instruments(data))
    real = {op: [sf.read(f"{r['dir']}/{r['files']['output']}", dtype="float32")[0] for r in rows] for op, rows in examples.items()}
    inputs = {
        op: [sf.read(f"{r['dir']}/{r['files']['input']}", dtype="float32")[0] if "input" in r["files"] else None for r in rows]
        for op, rows in examples.items()
    }
    take = AnotherTake(data)
    outputs: Outputs = {
        "ground truth": real,
        "identity": {op: v for op, v in inputs.items() if op not in ("t2a", "t2m")},
        # Another take exists only where the split holds another recording of the sound.
        "another take": {op: [take(r, x) for r, x in zip(examples[op], inputs[op])] for op in ("add", *STYLES) if op in examples},
    }
    seconds = {}
    for name, path in packs.items():
        started = time.time()
        outputs.update(pack_outputs(name, OnnxPack(path, "int8" if "int8" in name else "fp32"), examples, inputs, real, steps, guidance))
        seconds[name] = time.time() - started
    outputs.update(autoencoder_baselines(OnnxPack(next(iter(packs.values())), "fp32"), outputs))
    real_embeddings = {op: tagger(real[op])[1] for op in ("t2a", "t2m") if op in real}
    systems = {
        name: {op: row for op, wavs in by_op.items() if (row := score(op, name, examples[op], wavs, real[op], scorer, judge, real_embeddings))}
        for name, by_op in outputs.items()
    }
    return {"systems": systems, "seconds": seconds, "steps": steps, "guidance": guidance, "per_operation": per_operation}


def table(result: dict) -> str:
    lines = [
        "| operation | system | LSD (dB) | mel L1 | LSD over the event | mel L1 over the event | adherence | instrument | FD (tagger) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    fmt = lambda row, k: f"{row[k]:.2f}" if row.get(k) is not None else "-"  # noqa: E731
    share = lambda row, k: f"{row[k]:.0%}" if row.get(k) is not None else "-"  # noqa: E731
    for op in OPERATIONS:
        for name, by_op in result["systems"].items():
            if op in by_op:
                row = by_op[op]
                lines.append(
                    f"| {op} | {name} | {fmt(row, 'lsd_db')} | {fmt(row, 'mel_l1')} | {fmt(row, 'event_lsd_db')} | {fmt(row, 'event_mel_l1')} "
                    f"| {share(row, 'adherence')} | {share(row, 'instrument')} | {fmt(row, 'fd')} |"
                )
    return "\n".join(lines)


def load_or_train(what: str, path: Path | None, data: Path, cfg: ModelConfig, clips: ClipLister) -> tuple[Tagger | None, float | None]:
    """A saved tagger with its valid accuracy, or one trained now (and saved to `path`); None where the data set has
    no clips for it."""
    if path and path.exists():
        tagger = Tagger.load(path, cfg.audio)
        return tagger, valid_accuracy(tagger, data, clips)
    if not clips(data, "train", 1):
        return None, None
    tagger, accuracy = train_tagger(data, cfg.audio, clips=clips)
    print(
        f"{what}: {len(tagger.classes)} classes, top-1 accuracy on the valid split {accuracy:.0%}"
        if accuracy is not None
        else f"{what}: no valid clips"
    )
    if path:
        tagger.save(path)
    return tagger, accuracy


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pack", type=Path, action="append", required=True, help="name=path; int8 in the name runs the int8 files")
    parser.add_argument("--data", type=Path, default=TRAINING_DIR / "data" / "default")
    parser.add_argument("--per-operation", type=int, default=16)
    parser.add_argument("--steps", type=int, help="Euler steps (default: the first pack's own sampler default)")
    parser.add_argument("--guidance", type=float, help="guidance scale (default: the first pack's own)")
    parser.add_argument("--tagger", type=Path, help="a saved tagger; trained (and saved here) when missing")
    parser.add_argument(
        "--instrument-tagger", type=Path, help="a saved instrument tagger (music style transfer); trained (and saved here) when missing"
    )
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    packs = dict(str(p).split("=", 1) for p in args.pack)
    packs = {k: Path(v) for k, v in packs.items()}
    manifest = json.loads((next(iter(packs.values())) / "manifest.json").read_text())
    cfg = ModelConfig.from_json(manifest["model_config"])
    steps = args.steps or manifest["sampler"]["steps"]
    guidance = args.guidance if args.guidance is not None else manifest["sampler"]["guidance_scale"]
    tagger, accuracy = load_or_train("tagger", args.tagger, args.data, cfg, labelled_clips)
    instrument_tagger, instrument_accuracy = load_or_train("instrument tagger", args.instrument_tagger, args.data, cfg, instrument_clips)
    result = evaluate(packs, args.data, args.per_operation, steps, guidance, tagger, instrument_tagger)
    result["tagger"] = {"classes": len(tagger.classes), "valid_top1": accuracy, "chance_top3": 3 / len(tagger.classes)}
    if instrument_tagger:
        result["instrument_tagger"] = {
            "classes": len(instrument_tagger.classes),
            "valid_top1": instrument_accuracy,
            "chance_top3": 3 / len(instrument_tagger.classes),
        }
    print(table(result))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
