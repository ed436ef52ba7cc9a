"""Writes a pack's MODEL_CARD.md from its manifest, its training record and the evaluation and ablation results."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from omni_data.real_validation import CREDITS as REAL_CREDITS
from omni_model.evaluation.ablation import table as ablation_table
from omni_model.evaluation.evaluate import table as evaluation_table
from omni_model.evaluation.evaluate_detector import table as detector_table
from omni_model.evaluation.evaluate_edits import add_table
from omni_model.evaluation.evaluate_edits import table as edits_table

EDITS_BEGIN, EDITS_END = "<!-- separator evaluation -->", "<!-- /separator evaluation -->"
DETECTOR_BEGIN, DETECTOR_END = "<!-- detector evaluation -->", "<!-- /detector evaluation -->"
VIDEO_BEGIN, VIDEO_END = "<!-- video evaluation -->", "<!-- /video evaluation -->"
IN_CONTEXT_BEGIN, IN_CONTEXT_END = "<!-- music in context -->", "<!-- /music in context -->"


def _sizes(manifest: dict) -> str:
    rows = ["| session | weights | bytes |", "|---|---|---|"]
    for role, s in manifest["sessions"].items():
        dtype, ref = next(iter(s["dtypes"].items()))
        rows.append(f"| {role} | {dtype} | {ref['bytes'] / 2**20:.1f} MB |")
    rows.append(f"| **whole pack** (with the tokenizer) | | **{manifest['bytes'] / 2**20:.1f} MB** |")
    return "\n".join(rows)


def _vocoder_line(f: dict) -> str:
    return (
        f"- The vocoder was then fine-tuned on the VAE's mels, the VAE frozen (`python -m omni_model.train.finetune_vocoder`): "
        f"{f['steps']:,} steps of batch {f['batch']} in {f['minutes']:g} min on the CPU, music-weighted crops."
    )


def _decoding_line(d: dict) -> str:
    runs = "; then ".join(f"{r['step']:,} steps in {r['minutes']:g} min on {r['device']}, on {r['data']}" for r in [*d.get("earlier", []), d])
    return (
        f"- The decoding half (the VAE decoder with its post-net, and the vocoder) was then fine-tuned end to end, the encoder "
        f"frozen (`omni-model add-decoding`): {runs}."
    )


def _instrument_line(result: dict) -> str:
    judge = result.get("instrument_tagger")
    if not judge:
        return ""
    return (
        f" Instrument: the instrument tagger (the same model over {judge['classes']} instruments, top-1 {judge.get('valid_top1') or 0:.0%} "
        f"on the valid split, chance for top 3 {judge['chance_top3']:.0%}) finds the instrument the prompt names (music style transfer: "
        "the new one, which is also its adherence; text to music: the prompted one) in its top 3."
    )


def write_card(pack: Path, evaluation: Path | None, ablation: Path | None, notes: str = "") -> Path:
    manifest = json.loads((pack / "manifest.json").read_text())
    training = json.loads((pack / "training.json").read_text()) if (pack / "training.json").exists() else {}
    cfg = manifest["model_config"]
    parts = [
        f"# Model card: {manifest['name']} {manifest['pack_version']}",
        "",
        manifest["description"],
        "",
        "## What it is",
        f"- Audio-Omni's architecture at browser scale: a DiT ({cfg['dit']['depth']} blocks, width {cfg['dit']['width']}, {cfg['dit']['heads']} heads) "
        f"trained by rectified flow over a {cfg['vae']['latent_channels']}-channel mel-VAE latent at {manifest['audio']['latent_rate']:g} frames/s, "
        f"decoded by a Vocos-style vocoder to {manifest['audio']['sample_rate']} Hz mono.",
        f"- High-level condition: the frozen all-MiniLM-L6-v2's layer {cfg['text']['layer']} (penultimate) token states with a character-level "
        "ConvNeXt V2 transcript encoder, by cross-attention. Low-level condition: a mel encoder over the source clip, added to the time "
        "embedding per frame and concatenated with x_t; a video's frames through a sync encoder (each frame and its difference to the one "
        "before), added to the input and the time embedding by two paths of its own.",
        f"- Sampler defaults: {manifest['sampler']['steps']} Euler steps, guidance {manifest['sampler']['guidance_scale']}, shift {manifest['sampler']['shift']}; "
        f"windows of {manifest['audio']['window_seconds']:g} s joined with {manifest['audio']['crossfade_seconds']:g} s crossfades.",
        f"- Tasks: {', '.join(t['label'] for t in manifest['tasks'])}.",
        "",
        "## Sizes",
        _sizes(manifest),
        "",
        "## Training",
        "- Data: the AudioEdit-style set built by `bash training/build-data.sh` (training/omni_data; its DATASET_CARD.md lists every source).",
        f"- Autoencoder stage: {training.get('ae_step', '?')} steps on {training.get('ae_device', '?')}. "
        f"DiT stage: {training.get('dit_step', '?')} steps on {training.get('dit_device', '?')} (EMA weights), latent scale {training.get('latent_scale', 0):.4f} "
        "(baked into the VAE sessions).",
        *([_vocoder_line(json.loads(training["vocoder_finetune"]))] if training.get("vocoder_finetune") else []),
        *([_decoding_line(training["decoding"])] if training.get("decoding") else []),
        "- Retrain: see training/README.md (one command per stage; `omni-model export-trained` writes this pack).",
    ]
    if notes:
        parts += ["", notes]
    if evaluation and evaluation.exists():
        result = json.loads(evaluation.read_text())
        tagger = result.get("tagger", {})
        parts += [
            "",
            "## Evaluation (test split)",
            f"{result['per_operation']} examples per operation, {result['steps']} steps, guidance {result['guidance']}, ONNX Runtime on the CPU "
            "with the browser's sampler. LSD and mel L1: distance to the ground-truth target (lower is better), over the clip and over "
            "the edited part alone (the event; the whole clip for music). Identity returns the input; the input through the VAE is "
            'identity as the model\'s autoencoder would render it. "Untouched sound kept" (add, remove) and "performance kept" '
            "(style) are the studio's options that apply the model's change to the original recording. Adherence: the tagger (log-mel statistics -> MLP, "
            f"{tagger.get('classes', '?')} categories, top-1 {tagger.get('valid_top1') or 0:.0%} on the valid split) finds the added, extracted or "
            f"new category in its top 3, or no longer finds the removed one (chance for top 3: {tagger.get('chance_top3', 0):.0%}). FD: Frechet "
            "distance to real test audio in the tagger's 32-d embedding." + _instrument_line(result) + " Another take (add and style "
            "transfer only, where the test split holds another recording of the asked-for sound) renders the same edit with that "
            "other recording: add and style have many right answers and the data keeps one, so this is the distance a perfect "
            "generator could score; through the VAE, what a perfect DiT over this autoencoder could score.",
            "",
            evaluation_table(result),
        ]
    if ablation and ablation.exists():
        parts += [
            "",
            "## Ablation: which MiniLM layer",
            "Validation flow loss per task (lower is better), both runs with the same data, seed and steps:",
            "",
            ablation_table(json.loads(ablation.read_text())),
        ]
    parts += ["", "## Licence", manifest["licence"], "", "Training-data licences (examples that used each):", ""]
    for licence, count in sorted(training.get("licences", {}).items(), key=lambda kv: -kv[1]):
        parts.append(f"- {licence}: {count}")
    parts += ["", "## Credits", *(f"- {c}" for c in manifest["credits"]), ""]
    path = pack / "MODEL_CARD.md"
    path.write_text("\n".join(parts))
    return path


def edits_section(result: dict, training: dict, separation: dict) -> str:
    sep = training.get("separator", {})
    return "\n".join(
        [
            EDITS_BEGIN,
            "## Remove and extract: the text-queried separator",
            f"- A mask over the mixture's STFT (512-point frames, hop 128, at 16 kHz) and a per-frame presence, from the log-magnitude "
            f"and the description's MiniLM states (mean-pooled, FiLM on every block): {sep.get('parameters', 0) / 1e6:.1f} M parameters, "
            f"trained {_separator_training(sep)} on mixtures made on the fly "
            "from a catalogue of source clips: one to three events of different categories over a bed, the query naming one of them, "
            "the bed, or a sound that is not there (15 %: the target is silence), levels spread over -37 to -13 dBFS "
            "(`python -m omni_model.train.train_separator`).",
            "- The studio brings the selection to -25 dBFS with one gain, runs the separator in 10 s windows with 1.5 s of context "
            "on each side, and applies the mask to the recording itself, every channel, at the project's rate (remove: 1 - mask; "
            f"extract: the mask); when the presence stays under {separation['presence_threshold']} for all but {separation['min_present_seconds']} s "
            "it says the sound was not found and changes nothing.",
            f"- Evaluation (`python -m omni_model.evaluation.evaluate_edits --pack public/models/omni-small`, {result.get('dtype', 'int8')}, the studio's path; "
            "medians): SI-SDR improvement over the clip (remove: against the bed; extract: against the event), how far the event "
            "goes down, damaged clips (remove's SI-SDRi under -3 dB), the same remove with another category's words, and the bed "
            "alone asked for the event (absent: told = the studio said nothing matched; change = energy of the change relative to the clip).",
            "- Real recordings: "
            + "; ".join(f"{package}: {credit}" for package, credit in REAL_CREDITS.items())
            + " (evaluation only, never trained on).",
            _edits_in_short(result["summary"]),
            "",
            edits_table(result["summary"]),
            *(
                [
                    "",
                    "Add (the diffusion model, untouched sound kept) over the same real beds, 8 s each, asking for sounds of our categories; "
                    "the separator, trained apart, judges whether the asked sound is there:",
                    "",
                    add_table(result["add"]),
                ]
                if "add" in result
                else []
            ),
            EDITS_END,
        ]
    )


def _speech_line(results: dict) -> str:
    """Speech's own figures: Analyze takes speech from the Silero VAD (the studio's path), not from the detector."""
    rows = [(name, r["at_pack_threshold"]) for name, r in results.items() if "speech_event_f1" in (r.get("at_pack_threshold") or {})]
    figures = "; ".join(f"{name}: event F1 {s['speech_event_f1']}, segment F1 {s['speech_segment_f1']}" for name, s in rows)
    return f"- Speech comes from the Silero VAD (v5, MIT, served by the studio from the @ricky0123/vad-web package): {figures}." if rows else ""


def _separator_training(sep: dict) -> str:
    """A model's training runs (separator or detector): '6,330 steps (82.0 min on the cpu, sources of default)', with the runs it continued first."""
    runs = [*sep.get("earlier", []), sep]
    said = [f"{r.get('step', 0):,} steps ({r.get('minutes', '?')} min, sources of {r.get('data', '?')})" for r in runs]
    device = sep.get("device", "cpu")
    if len(said) == 1:
        return f"{said[0]} on the {device}"
    return f"{' then '.join(said)}, each run continuing the one before, on the {device}"


def _edits_in_short(summary: dict) -> str:
    """What the table says, in words: where the separator follows the words and where it does not yet."""
    real = next((v for k, v in summary.items() if k.startswith("real")), None)
    test = next((v for k, v in summary.items() if k.startswith("test")), None)
    parts = []
    if test:
        parts.append(
            f"on our test split the words matter (the right words take the event down {test['right_minus_wrong_db_median']:.1f} dB more than "
            f"another category's) and extract improves SI-SDR by {test['extract_sisdri_median']:.1f} dB"
        )
    if real:
        follows = real["right_minus_wrong_db_median"] >= 3.0
        parts.append(
            f"on the real recordings the right words take the event down {real['right_minus_wrong_db_median']:.1f} dB more than wrong ones "
            f"and {100 * real['damaged_share']:.0f} % of clips are damaged"
            + ("" if follows else ": the separator does not yet follow the words on sounds this far from its training sources")
        )
    return "- In short: " + "; ".join(parts) + "." if parts else ""


def update_edits_section(pack: Path, edits: Path) -> Path:
    """Writes (or replaces) the separator's section of an existing card."""
    manifest = json.loads((pack / "manifest.json").read_text())
    section = edits_section(json.loads(edits.read_text()), _training(pack), manifest["separation"])
    return _update_section(pack, manifest, EDITS_BEGIN, EDITS_END, section)


def update_detector_section(pack: Path, evaluation: Path) -> Path:
    """Writes (or replaces) the detector's section of an existing card."""
    manifest = json.loads((pack / "manifest.json").read_text())
    section = detector_section(json.loads(evaluation.read_text()), _training(pack), manifest["understanding"]["detector"])
    return _update_section(pack, manifest, DETECTOR_BEGIN, DETECTOR_END, section)


def update_video_section(pack: Path, evaluation: Path) -> Path:
    """Writes (or replaces) the video section of an existing card from evaluate_sync's JSON."""
    manifest = json.loads((pack / "manifest.json").read_text())
    section = video_section(json.loads(evaluation.read_text()), _training(pack))
    return _update_section(pack, manifest, VIDEO_BEGIN, VIDEO_END, section)


def video_section(result: dict, training: dict) -> str:
    from omni_model.evaluation.evaluate_sync import table as sync_table

    video = training.get("video", {})
    return "\n".join(
        [
            VIDEO_BEGIN,
            "## Sound for a video",
            "- The DiT hears the picture through the sync encoder (frames squeezed to 32 x 32 at 25 fps, each with its difference to "
            "the frame before) and two paths of its own into the DiT's input and time embedding, which start at zero: "
            f"`python -m omni_model.train.train_video` trained them ({video.get('step', '?')} steps) with every other weight frozen, so "
            "every other task computes what it did. Data: procedural renders whose picture causes their sound (a shape that flashes "
            "and jolts as an impact-like sound starts; `omni_data.video_renders`, the training split's sounds).",
            "- Evaluation (`python -m omni_model.evaluation.evaluate_sync --pack public/models/omni-small --renders training/data/video-renders`, "
            "int8, the picture decoded and scaled as the studio reads it; held-out renders with held-out sounds): onsets within 80 ms of "
            "a visual event. Controls: the renders' own sound (ceiling), the same sound against another render's events (chance), "
            "text to audio without the picture (the baseline), and the video task's sound against another render's events (a model "
            "deaf to the picture). The category column is the pack's detector's top 3; the level is the sound as the model makes it "
            "(the studio brings a take to -1 dBFS peak).",
            "- Music for the video uses the same paths with text to music's words; they were trained on sound renders only (a run that "
            "mixed in music renders, flashing on a procedural song's beats, did worse on both kinds) and carry over to music.",
            "",
            sync_table(result["results"]),
            "",
            _moved_line(result.get("other_tasks_moved")),
            VIDEO_END,
        ]
    )


def update_in_context_section(pack: Path, benches: list[Path]) -> Path:
    """Writes (or replaces) the music-in-context section of an existing card, with the tables the studio's benchmarks
    printed (bench/continue-bench.ts, bench/regenerate-bench.ts: their output as saved)."""
    manifest = json.loads((pack / "manifest.json").read_text())
    return _update_section(
        pack, manifest, IN_CONTEXT_BEGIN, IN_CONTEXT_END, in_context_section(_training(pack), [b.read_text() for b in benches], manifest)
    )


def in_context_section(training: dict, outputs: list[str], manifest: dict) -> str:
    trained = training.get("in_context", {})
    tables = []
    for output in outputs:
        lines = output.strip().splitlines()
        title = next((line for line in lines if line.startswith("Omni Studio")), "")
        tables += [f"{title}:", "", *[line for line in lines if line.startswith("|")], ""]
    return "\n".join(
        [
            IN_CONTEXT_BEGIN,
            "## Music in context: Extend and Regenerate a region",
            "- A task's `in_context` lists the windows that hear the audio around the part they make as their source clip, "
            "besides the sampler holding its latent: those that continue it (Extend) and those that fill a gap in it (Regenerate "
            f"a region); here {_in_context_uses(manifest)}. `train_dit --in-context` ({_where(trained)}) trained "
            f"for {trained.get('step', '?')} steps on {trained.get('data', '?')}: a music clip whose own latent with its end, "
            "start or a middle cut out is the source (`omni_model/train/in_context.py`). Tasks without a source clip compute what "
            "they did.",
            "- The model keeps the beat it hears but not the key: the studio moves a continuation (known audio on one side) "
            "into the key Analyze heard on the track, else the key heard in the known audio (`matchKey` in "
            "`src/music/conform.ts`, with the Generate panel's conform on); fills are left as made.",
            "- Measured through the studio's engine path on rendered songs of song plans never trained on "
            "(`training/configs/data-music-heldout.json`), with the studio's tempo and key estimators and the song's own part "
            "as the reference:",
            "",
            *tables,
            IN_CONTEXT_END,
        ]
    )


def _where(trained: dict) -> str:
    """Where a stage trained: the CPU script, or the lent GPU by name (training/device-train.sh)."""
    device = trained.get("device", "cpu")
    return "`training/train-default-pack.sh`" if device == "cpu" else f"on an {device}, `training/device-train.sh`"


def _in_context_uses(manifest: dict) -> str:
    marked = [f"{t['id']}: {' and '.join(t['in_context'])}" for t in manifest["tasks"] if t.get("in_context")]
    return "; ".join(marked) if marked else "no task"


def _moved_line(moved: dict | None) -> str:
    if not moved:
        return "- The other tasks were not compared with the pack before (`--before`)."
    figures = ", ".join(f"{k} {v:.1e}" for k, v in moved.items())
    return f"- The other tasks against the pack before the picture's paths (relative RMS difference, same seed): {figures}."


def _training(pack: Path) -> dict:
    return json.loads((pack / "training.json").read_text()) if (pack / "training.json").exists() else {}


def _update_section(pack: Path, manifest: dict, begin: str, end: str, section: str) -> Path:
    """Replaces (or adds, before the licence) one marked section of the card, and brings its title, description, sizes
    and credits up to the manifest (a session added to a pack changes those and nothing else)."""
    path = pack / "MODEL_CARD.md"
    card = path.read_text()
    rest = card.split("\n", 1)[1]
    _, after_description = rest.lstrip("\n").split("\n", 1)
    card = f"# Model card: {manifest['name']} {manifest['pack_version']}\n\n{manifest['description']}\n{after_description}"
    head, sizes_on = card.split("## Sizes\n", 1)
    card = head + "## Sizes\n" + _sizes(manifest) + "\n\n## " + sizes_on.split("\n\n## ", 1)[1]
    if begin in card:
        head, rest = card.split(begin, 1)
        card = head + section + rest.split(end, 1)[1]
    else:
        head, tail = card.split("\n## Licence", 1)
        card = head.rstrip("\n") + "\n\n" + section + "\n\n## Licence" + tail
    # The credits close the card: the clips a newly added session was trained on join them.
    card = card.split("\n## Credits\n", 1)[0] + "\n## Credits\n" + "".join(f"- {c}\n" for c in manifest["credits"])
    path.write_text(card)
    return path


def detector_section(result: dict, training: dict, settings: dict) -> str:
    det = training.get("detector", {})
    results = result["results"]
    real = next((v for k, v in results.items() if k.startswith("real recordings")), {})
    beds = next((v for k, v in results.items() if k.startswith("real beds")), {})
    per_label = real.get("top3_by_label", {})
    return "\n".join(
        [
            DETECTOR_BEGIN,
            "## Understanding: the sound event detector",
            f"- Log-mel -> four convolution stages -> dilated convolutions over 40 ms frames -> a per-frame embedding scored against "
            f"each label's words (the MiniLM states of its descriptions through a small projection): {det.get('parameters', 0) / 1e6:.1f} M "
            f"parameters, trained {_separator_training(det)}, on mixtures labelled by construction: a bed over the whole clip and one to three events, each labelled "
            "where it is audible (`python -m omni_model.train.train_detector`). Each step names every label with one of its descriptions at random.",
            f"- The studio brings the selection to {settings['input_dbfs']} dBFS with one gain, runs 10 s windows with "
            f"{settings['context_seconds']} s of context, smooths each label's probabilities by a running median over "
            f"{settings.get('smooth_seconds', 0.0)} s, and keeps a region where the probability reaches {settings['threshold']} "
            f"for as long as it stays at {settings.get('release', settings['threshold'])} or over, joining pauses up to "
            f"{settings['bridge_seconds']} s and dropping regions under {settings['min_seconds']} s (chosen on the validation split by "
            "event F1: `python -m omni_model.evaluation.tune_detector_regions`)"
            + (f"; frames quieter than {settings['silence_dbfs']} dBFS before the gain hold nothing." if "silence_dbfs" in settings else "."),
            f"- Vocabulary: {len(settings['labels'])} labels ({', '.join(label['name'] for label in settings['labels'])}). Ask takes "
            "words no label has by meaning: the text encoder's mean-pooled states, the vocabulary's mean taken away, cosine at least "
            f"{settings.get('match_similarity', 0.45)} (`bench/qa-bench.ts` measures the answers).",
            "- Evaluation (`python -m omni_model.evaluation.evaluate_detector --pack public/models/omni-small`, int8, the studio's path): "
            "event-based F1 (onset collar 200 ms, offset 200 ms or 20 %), segment-based F1 (1 s), tagging mAP and top-3 tagging "
            "(the event's label among the clip's three most likely) with sed_eval. Real: the Wesnoth beds (labelled bird, fire or "
            "drums where they hold one; night, morning and ship hold none of ours) with one Hedgewars event (evaluation only). "
            "Controls: top-3 by chance; the event's label against a label of a sound the clip does not hold (a detector deaf to "
            "the sound scores 0 and 0.5); the real beds alone (below); the real events alone on the digital silence around them "
            "(a sound effect as a user imports it).",
            "",
            detector_table(results),
            "",
            f"- On the real beds alone, {beds.get('false_alarm_seconds_per_minute', '?')} s per minute are labelled with something "
            "the bed does not hold.",
            _speech_line(results),
            "- How often it recognises real events, per label (top-3): " + (", ".join(f"{k} {v}" for k, v in per_label.items()) or "none"),
            DETECTOR_END,
        ]
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pack", type=Path, required=True)
    parser.add_argument("--evaluation", type=Path)
    parser.add_argument("--ablation", type=Path)
    parser.add_argument("--notes", default="")
    parser.add_argument("--edits", type=Path, help="evaluate_edits JSON: writes (or replaces) only the separator's section of the card")
    parser.add_argument("--detector", type=Path, help="evaluate_detector JSON: writes (or replaces) only the detector's section")
    parser.add_argument("--video", type=Path, help="evaluate_sync JSON: writes (or replaces) only the video section")
    parser.add_argument(
        "--in-context", type=Path, nargs="+", help="saved outputs of continue-bench and regenerate-bench: the music-in-context section"
    )
    args = parser.parse_args(argv)
    if args.in_context:
        print(update_in_context_section(args.pack, args.in_context))
        return
    if args.detector:
        print(update_detector_section(args.pack, args.detector))
        return
    if args.video:
        print(update_video_section(args.pack, args.video))
        return
    if args.edits:
        print(update_edits_section(args.pack, args.edits))
        return
    print(write_card(args.pack, args.evaluation, args.ablation, args.notes))


if __name__ == "__main__":
    main()
