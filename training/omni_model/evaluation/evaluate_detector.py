"""The sound event detector as the studio runs it (the pack's ONNX session in ONNX Runtime, the engine's input gain and
windows, the studio's regions), scored with sed_eval on our test split and on real recordings never trained on.

    python -m omni_model.evaluation.evaluate_detector --pack public/models/omni-small --out training/data/runs/detector.json

Event-based F1 (onset collar 200 ms, offset within 200 ms or 20 % of the event's length), segment-based F1 (1 s),
tagging mAP (each label's highest probability in the clip), and top-3 tagging (the event's label among the clip's
three most likely). Real: `wesnoth-1.16-data` beds (labelled where they hold a category of ours) with one
`hedgewars-data` event, 44.1 kHz stereo at -20 dBFS. Controls: the same clips with the event's label absent from
the vocabulary's answers (chance tagging), the beds alone (what the detector finds where only the bed is), and the
events alone on digital silence (a sound effect as imported: what it makes of silence). `--dev N` adds the real
development set (omni_data/real_dev.py: Red Eclipse's recordings, held out of training, for choosing checkpoints;
refused for a pack trained on them)."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soxr

from omni_model.evaluation.evaluate import OnnxPack, studio_path_arguments
from omni_model.evaluation.evaluate_edits import model_input
from omni_model.model.separator import input_gain
from omni_model.model.sound_events import SoundEvent, clip_tags, silence_gated, sound_events
from omni_model.paths import TRAINING_DIR

# Thresholds each clip's regions are kept at, so the pack's threshold can be chosen from one run.
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


class StudioDetector:
    """src/engine/detect.ts in numpy: one input gain, windows of whole frames with context on both sides; speech from
    the Silero VAD where it is on this machine (node_modules, as the studio serves it), else from the detector."""

    def __init__(self, pack: OnnxPack, use_vad: bool = True) -> None:
        from omni_model.model.speech import SILERO_PATH, VoiceActivity

        self.vad = VoiceActivity() if use_vad and SILERO_PATH.exists() else None
        self.session = pack.sessions["detector"]
        self.settings = pack.manifest["understanding"]["detector"]
        self.labels = [label["id"] for label in self.settings["labels"]]
        self.rate = pack.manifest["audio"]["sample_rate"]
        self.frame = round(self.settings["frame_seconds"] * self.rate)  # samples per frame

    def probabilities(self, source: np.ndarray) -> np.ndarray:
        """[frames, labels] for a mono clip at the pack's rate; frames = samples // frame."""
        s = self.settings
        frames = len(source) // self.frame
        window = max(1, round(s["window_seconds"] * self.rate / self.frame))
        context = round(s["context_seconds"] * self.rate / self.frame)
        scaled = (source * input_gain(source, s["input_dbfs"])).astype(np.float32)
        out = np.zeros((frames, len(self.labels)), np.float32)
        for first in range(0, frames, window):
            last = min(frames, first + window)
            start, end = max(0, first - context), min(frames, last + context)
            p = self.session.run(None, {"waveform": scaled[None, start * self.frame : end * self.frame]})[0][0]
            out[first:last] = p[first - start : last - start]
        return silence_gated(out, source, self.frame, s.get("silence_dbfs"))

    def speech_probabilities(self, source: np.ndarray) -> np.ndarray | None:
        """The VAD's per-frame speech probabilities (None without the VAD)."""
        from omni_model.model.speech import RATE

        if self.vad is None:
            return None
        audio = source if self.rate == RATE else soxr.resample(source, self.rate, RATE).astype(np.float32)
        return self.vad.probabilities(audio)

    def speech(self, source: np.ndarray, settings: dict | None = None) -> tuple[list[SoundEvent], float] | None:
        """The VAD's speech spans and peak probability (None without the VAD)."""
        return speech_from(self.speech_probabilities(source), settings)

    def events(self, probabilities: np.ndarray, speech, settings: dict) -> list[SoundEvent]:
        found = sound_events(probabilities, self.labels, self.settings["frame_seconds"], settings)
        if speech is None:
            return found
        return sorted([e for e in found if e.label != "speech"] + speech[0], key=lambda e: e.start)

    def tags(self, probabilities: np.ndarray, speech) -> list[tuple[str, float]]:
        tags = clip_tags(probabilities, self.labels)
        if speech is None:
            return tags
        return sorted([t for t in tags if t[0] != "speech"] + [("speech", speech[1])], key=lambda t: -t[1])


def speech_from(p: np.ndarray | None, settings: dict | None = None) -> tuple[list[SoundEvent], float] | None:
    """Speech spans (at the studio's settings unless others are given) and the peak, from VAD probabilities."""
    from omni_model.model.speech import SETTINGS, speech_spans

    if p is None:
        return None
    return [SoundEvent("speech", a, b, peak) for a, b, peak in speech_spans(p, settings or SETTINGS)], float(p.max(initial=0.0))


@dataclass
class Clip:
    id: str
    audio: np.ndarray  # mono at the model's rate
    reference: list[SoundEvent]  # confidence 1
    event_label: str | None  # the clip's foreground event, for top-3 tagging


def real_clips(count: int, rate: int) -> list[Clip]:
    from omni_data import real_validation as rv

    return mixtures(rv.build(count), rate)


def mixtures(examples: list, rate: int) -> list[Clip]:
    """Real mixtures (real_validation.RealExample) as the detector hears them, the bed labelled where it holds a category."""
    from omni_data.real_validation import RATE

    clips = []
    for e in examples:
        seconds = len(e.mixture) / RATE
        reference = [SoundEvent(e.category, e.onset / RATE, (e.onset + e.length) / RATE, 1.0)]
        if e.bed_category:
            reference.append(SoundEvent(e.bed_category, 0.0, seconds, 1.0))
        clips.append(Clip(e.id, model_input(e.mixture, RATE, rate), reference, e.category))
    return clips


def beds_alone(examples: list, rate: int) -> list[Clip]:
    """The real beds alone (the control: what is found where no event is), eight of the mixtures' beds."""
    from omni_data.real_validation import RATE

    return [
        Clip(
            f"{e.id}-bed",
            model_input(e.bed, RATE, rate),
            [SoundEvent(e.bed_category, 0.0, len(e.bed) / RATE, 1.0)] if e.bed_category else [],
            None,
        )
        for e in examples[:: max(1, len(examples) // 8)]
    ]


def events_alone(examples: list, rate: int) -> list[Clip]:
    """The real events alone, on the digital silence around them: a sound effect as a user imports it (the control
    for what the detector makes of silence)."""
    from omni_data.real_validation import RATE

    return [
        Clip(
            f"{e.id}-alone",
            model_input(e.event, RATE, rate),
            [SoundEvent(e.category, e.onset / RATE, (e.onset + e.length) / RATE, 1.0)],
            e.category,
        )
        for e in examples
    ]


def dev_examples(pack: Path, count: int) -> list:
    """The real development set (omni_data/real_dev.py), refused for a pack trained on its source."""
    from omni_data import real_dev

    require_held_out(pack)
    return real_dev.build(count)


def require_held_out(pack: Path) -> None:
    from omni_data import real_dev

    real_dev.require_held_out(json.loads((pack / "manifest.json").read_text())["credits"])


def test_clips(data: Path, count: int, seconds: float = 10.0, split: str = "test") -> list[Clip]:
    from omni_data.detection import DetectionSampler
    from omni_data.separation import SeparationSampler
    from omni_model.train.train_separator import source_catalogue

    scenes = SeparationSampler(source_catalogue(data), split, seconds=seconds, level_dbfs=(-20.0, -20.0), p_vary=0.0)
    sampler, rng = DetectionSampler(scenes), random.Random(20261202)
    clips = []
    for i in range(count):
        mix = sampler.sample(rng)
        reference = [SoundEvent(e.category, e.start, e.end, 1.0) for e in mix.events]
        clips.append(Clip(f"{split}-{i:03d}", mix.mixture, reference, mix.events[1].category if len(mix.events) > 1 else None))
    return clips


def sed_scores(reference: list[list[SoundEvent]], estimated: list[list[SoundEvent]], labels: list[str]) -> dict:
    import dcase_util
    import sed_eval

    def events(clips: list[list[SoundEvent]]) -> list:
        return [
            dcase_util.containers.MetaDataContainer(
                [{"filename": f"clip{i}", "event_label": e.label, "onset": e.start, "offset": e.end} for e in clip]
            )
            for i, clip in enumerate(clips)
        ]

    event_metric = sed_eval.sound_event.EventBasedMetrics(labels, t_collar=0.2, percentage_of_length=0.2)
    segment_metric = sed_eval.sound_event.SegmentBasedMetrics(labels, time_resolution=1.0)
    for ref, est in zip(events(reference), events(estimated)):
        event_metric.evaluate(ref, est)
        segment_metric.evaluate(ref, est)
    ev, seg = event_metric.results_overall_metrics(), segment_metric.results_overall_metrics()
    speech = {}
    if "speech" in labels:  # the spans the studio's "someone speaks" rests on
        speech = {
            "speech_event_f1": round(float(event_metric.results_class_wise_metrics()["speech"]["f_measure"]["f_measure"]), 3),
            "speech_segment_f1": round(float(segment_metric.results_class_wise_metrics()["speech"]["f_measure"]["f_measure"]), 3),
        }
    return {
        **speech,
        "event_f1": round(float(ev["f_measure"]["f_measure"]), 3),
        "event_precision": round(float(ev["f_measure"]["precision"]), 3),
        "event_recall": round(float(ev["f_measure"]["recall"]), 3),
        "segment_f1": round(float(seg["f_measure"]["f_measure"]), 3),
        "segment_error_rate": round(float(seg["error_rate"]["error_rate"]), 3),
    }


def tagging(clips: list[Clip], tags: list[list[tuple[str, float]]], labels: list[str]) -> dict:
    from sklearn.metrics import average_precision_score

    peaks = np.array([[dict(t)[label] for label in labels] for t in tags])
    truth = np.zeros_like(peaks)
    for i, c in enumerate(clips):
        for e in c.reference:
            if e.label in labels:
                truth[i, labels.index(e.label)] = 1
    aps = [average_precision_score(truth[:, k], peaks[:, k]) for k in range(len(labels)) if truth[:, k].any()]
    tops = [c.event_label in [name for name, _ in t[:3]] for c, t in zip(clips, tags) if c.event_label in labels]
    # The wrong-words control: the event's label against a label of a sound the clip does not hold (drawn per clip),
    # by their highest probability in the clip. A detector that ignored the sound would score them alike.
    rng, margins = random.Random(11), []
    for i, c in enumerate(clips):
        absent = [k for k in range(len(labels)) if not truth[i, k]]
        if c.event_label in labels and absent:
            margins.append(peaks[i, labels.index(c.event_label)] - peaks[i, rng.choice(absent)])
    return {
        "tagging_map": round(float(np.mean(aps)), 3) if aps else None,
        "top3": round(float(np.mean(tops)), 3) if tops else None,
        "top3_chance": round(3 / len(labels), 3),
        "top3_clips": len(tops),
        "right_minus_wrong": round(float(np.median(margins)), 3) if margins else None,
        "right_above_wrong": round(float(np.mean(np.array(margins) > 0)), 3) if margins else None,
    }


def evaluate(detector: StudioDetector, clips: list[Clip]) -> dict:
    probabilities = [detector.probabilities(c.audio) for c in clips]
    speech = [detector.speech(c.audio) for c in clips]
    known = [[e for e in c.reference if e.label in detector.labels] for c in clips]
    by_threshold = {}
    for t in sorted({*THRESHOLDS, detector.settings["threshold"]}):
        settings = {**detector.settings, "threshold": t}
        estimated = [detector.events(p, s, settings) for p, s in zip(probabilities, speech)]
        by_threshold[str(t)] = sed_scores(known, estimated, detector.labels)
    chosen = by_threshold[str(detector.settings["threshold"])]
    tags = [detector.tags(p, s) for p, s in zip(probabilities, speech)]
    per_label: dict[str, list[bool]] = {}
    for c, t in zip(clips, tags):
        if c.event_label in detector.labels:
            per_label.setdefault(c.event_label, []).append(c.event_label in [name for name, _ in t[:3]])
    return {
        "clips": len(clips),
        "speech_from": "silero-vad" if detector.vad is not None else "detector",
        "unknown_reference_events": sum(len(c.reference) - len(k) for c, k in zip(clips, known)),
        "at_pack_threshold": chosen,
        "by_threshold": by_threshold,
        **tagging(clips, tags, detector.labels),
        "top3_by_label": {k: f"{sum(v)}/{len(v)}" for k, v in sorted(per_label.items())},
    }


def bed_alarms(detector: StudioDetector, clips: list[Clip]) -> dict:
    """Seconds per minute of bed-only audio labelled with something the bed does not hold."""
    seconds, alarms = 0.0, 0.0
    for c in clips:
        truth = {e.label for e in c.reference}
        found = detector.events(detector.probabilities(c.audio), detector.speech(c.audio), detector.settings)
        alarms += sum(e.end - e.start for e in found if e.label not in truth)
        seconds += len(c.audio) / detector.rate
    return {"clips": len(clips), "false_alarm_seconds_per_minute": round(60 * alarms / max(seconds, 1e-9), 2)}


def table(results: dict) -> str:
    lines = [
        "| set | event F1 | precision | recall | segment F1 | tagging mAP | top-3 (chance) | right - wrong label | right above wrong |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        if "at_pack_threshold" not in r:
            continue
        s = r["at_pack_threshold"] or {}
        lines.append(
            f"| {name} | {s.get('event_f1')} | {s.get('event_precision')} | {s.get('event_recall')} | {s.get('segment_f1')} | {r['tagging_map']} "
            f"| {r['top3']} ({r['top3_chance']}; {r['top3_clips']} clips) | {r['right_minus_wrong']} | {r['right_above_wrong']} |"
        )
    return "\n".join(lines)


def main() -> None:
    p = studio_path_arguments(__doc__, TRAINING_DIR / "configs" / "data-detector.json", "detector")
    p.add_argument("--test", type=int, default=60)
    p.add_argument("--dev", type=int, default=0, help="clips of the real development set (held out of training; for choosing checkpoints)")
    args = p.parse_args()
    pack = OnnxPack(args.pack, args.dtype)
    detector = StudioDetector(pack)
    results = {}
    if args.real:
        from omni_data import real_validation

        real = real_validation.build(args.real)
        results["real recordings (44.1 kHz stereo, -20 dBFS)"] = evaluate(detector, mixtures(real, detector.rate))
        results["real beds alone"] = bed_alarms(detector, beds_alone(real, detector.rate))
        results["real events alone, on silence"] = evaluate(detector, events_alone(real, detector.rate))
    if args.dev:
        dev = dev_examples(args.pack, args.dev)
        results["real development set (Red Eclipse, held out)"] = evaluate(detector, mixtures(dev, detector.rate))
        results["development beds alone"] = bed_alarms(detector, beds_alone(dev, detector.rate))
    if args.test:
        results["test split (16 kHz, bed + 1-3 events)"] = evaluate(detector, test_clips(args.data, args.test))
    print(table(results))
    print(json.dumps({k: {kk: vv for kk, vv in v.items() if kk != "by_threshold"} for k, v in results.items()}, indent=1))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"pack": str(args.pack), "dtype": args.dtype, "results": results}, indent=1))


if __name__ == "__main__":
    main()
