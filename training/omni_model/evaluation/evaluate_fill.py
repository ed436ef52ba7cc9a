"""Remove by filling: the event's span regenerated from the audio around it (the studio's "Regenerate the selection",
src/engine/around.ts), against the separator's mask (the studio's Remove) and the input unchanged, on real
recordings and on our test split.

    python -m omni_model.evaluation.evaluate_fill --pack public/models/omni-small --out training/data/runs/fill.json

The span is the event's own (as a user who selects it, or Analyze's region of it, would give), widened by the join's
crossfade; the prompt names the bed where we know what it is ("ambience" otherwise). Over the event's span:
log-spectral distance to the bed alone (dB, floored 60 dB under the bed's peak; the input's own distance is the
identity control), and the detector's
peak probability for the event's label (the judge: does the sound still sound there?). Controls: what filling costs
where there is nothing to remove (the same span of the bed alone, filled), and the best any regenerated audio can
sound (the bed through the pack's VAE and vocoder). Outside the span the recording is kept by
construction. Measured at the pack's rate (16 kHz), where the model works."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from omni_model.evaluation.evaluate import OnnxPack, studio_path_arguments
from omni_model.evaluation.evaluate_detector import StudioDetector
from omni_model.evaluation.evaluate_edits import StudioSeparator, model_input, studio_edit, studio_mask
from omni_model.model.separator import input_gain
from omni_model.paths import TRAINING_DIR

# The engine's choices (src/engine/around.ts, src/app/extend.ts, src/protocol/engine-protocol.ts).
CONTEXT_SECONDS, AROUND_DBFS, MAX_MATCH_DB, JOIN_FADE_SECONDS = 5.0, -24.0, 12.0, 0.08


@dataclass
class FillCase:
    id: str
    mixture: np.ndarray  # mono at the pack's rate
    bed: np.ndarray
    span: tuple[int, int]
    category: str
    description: str
    bed_words: str


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64)))) if len(x) else 0.0


def fill(pack: OnnxPack, audio: np.ndarray, lo: int, hi: int, prompt: str, seed: int = 1) -> np.ndarray:
    """src/engine/around.ts generateAround for a part that fits one window: the window with up to CONTEXT_SECONDS of
    known audio either side, brought to AROUND_DBFS, sampled holding the known frames, brought back to the level of
    the context; the part [lo, hi) only."""
    a = pack.manifest["audio"]
    rate, unit = a["sample_rate"], a["hop"] * a["mel_frames_per_latent"]
    context = round(CONTEXT_SECONDS * rate)
    start, end = max(0, lo - context), min(len(audio), hi + context)
    if end - start > round(a["window_seconds"] * rate):
        raise ValueError("the part and its context must fit one window here")
    known_audio = np.concatenate([audio[start:lo], audio[hi:end]])
    gain = input_gain(known_audio, AROUND_DBFS)
    window = audio[start:end] * gain
    window[lo - start : hi - start] = 0
    frames = -(-(end - start) // unit)
    edges = start + np.arange(frames) * unit
    known = ((edges + unit <= end) & ((edges + unit <= lo) | (edges >= hi))).astype(np.float32)
    s = pack.manifest["sampler"]
    out = pack.generate(prompt, (end - start) / rate, None, s["steps"], s["guidance_scale"], seed, known=(window.astype(np.float32), known))
    part = out[lo - start : hi - start]
    limit = 10 ** (MAX_MATCH_DB / 20)
    back = 1 / gain if rms(part) == 0 or rms(known_audio) == 0 else min(limit / gain, max(1 / (limit * gain), rms(known_audio) / rms(part)))
    return part * back


def blend(original: np.ndarray, part: np.ndarray, lo: int, fade: int) -> np.ndarray:
    """The part into the recording at lo, equal-power crossfades at both edges (project/generated-ops.blendEdges)."""
    out = original.copy()
    n = len(part)
    f = max(0, min(fade, n // 4))
    w = np.sin(0.5 * np.pi * (np.arange(f) + 0.5) / max(f, 1))
    piece = part.copy()
    piece[:f] = original[lo : lo + f] * w[::-1] + part[:f] * w
    piece[n - f :] = original[lo + n - f : lo + n] * w + part[n - f :] * w[::-1]
    out[lo : lo + n] = piece
    return out


def lsd(a: np.ndarray, b: np.ndarray, size: int = 512, floor_db: float = 60.0) -> float:
    """Log-spectral distance (dB) of `a` from the reference `b`, Hann frames of `size` with half overlap, averaged
    over frames; both spectra floored `floor_db` under the reference's peak, so bins nobody hears do not decide it."""
    hop = size // 2
    n = 1 + max(0, (len(a) - size) // hop)
    idx = np.arange(size)[None] + hop * np.arange(n)[:, None]
    window = np.hanning(size)
    spec = lambda x: 10 * np.log10(np.abs(np.fft.rfft(x[idx] * window)) ** 2 + 1e-12)  # noqa: E731
    sa, sb = spec(a), spec(b)
    floor = sb.max() - floor_db
    return float(np.mean(np.sqrt(np.mean((np.maximum(sa, floor) - np.maximum(sb, floor)) ** 2, axis=1))))


def real_fill_cases(count: int, rate: int) -> list[FillCase]:
    from omni_data import real_validation as rv
    from omni_data.queries import DESCRIPTIONS

    cases = []
    for e in rv.build(count):
        scale = rate / rv.RATE
        span = (int(e.onset * scale), int((e.onset + e.length) * scale))
        words = DESCRIPTIONS[e.bed_category][0] if e.bed_category in DESCRIPTIONS else "ambience"
        cases.append(FillCase(e.id, model_input(e.mixture, rv.RATE, rate), model_input(e.bed, rv.RATE, rate), span, e.category, e.description, words))
    return cases


def test_fill_cases(data: Path, count: int) -> list[FillCase]:
    from omni_model.evaluation.evaluate_edits import synthetic_cases

    return [
        FillCase(c.id, c.mixture, c.bed, c.span, c.id.split("-", 2)[2], c.description, "ambience")
        for c in synthetic_cases(data, count)
        if c.span[1] - c.span[0] <= 4 * c.rate
    ]


def score(pack: OnnxPack, separator: StudioSeparator, detector: StudioDetector, case: FillCase) -> dict:
    rate = detector.rate
    lo, hi = case.span
    fade = round(JOIN_FADE_SECONDS * rate)
    a, b = max(0, lo - fade), min(len(case.mixture), hi + fade)
    filled = blend(case.mixture, fill(pack, case.mixture, a, b, case.bed_words), a, fade)
    bed_filled = blend(case.bed, fill(pack, case.bed, a, b, case.bed_words), a, fade)
    mask, found, _ = studio_mask(separator, case.description, case.mixture, rate)
    separated = studio_edit(separator, "remove", mask, found, case.mixture, rate)
    k = detector.labels.index(case.category) if case.category in detector.labels else None
    frame = detector.frame

    def heard(x: np.ndarray) -> float | None:
        if k is None:
            return None
        p = detector.probabilities(x.astype(np.float32))
        return float(p[lo // frame : max(lo // frame + 1, hi // frame), k].max())

    over = lambda x: lsd(x[lo:hi], case.bed[lo:hi])  # noqa: E731
    return {
        "id": case.id,
        "lsd_identity": over(case.mixture),
        "lsd_separator": over(separated),
        "lsd_fill": over(filled),
        "lsd_bed_filled": over(bed_filled),
        "lsd_round_trip": over(pack.round_trip(case.bed.astype(np.float32))[: len(case.bed)]),
        "heard_identity": heard(case.mixture),
        "heard_separator": heard(separated),
        "heard_fill": heard(filled),
        "heard_bed": heard(case.bed),
    }


def summary(rows: list[dict]) -> dict:
    med = lambda k: float(np.median([r[k] for r in rows if r[k] is not None]))  # noqa: E731
    return {"examples": len(rows), **{k: round(med(k), 3) for k in rows[0] if k != "id"}}


def table(results: dict) -> str:
    lines = [
        "| set | n | LSD to the bed over the event: input | separator remove | fill | the bed alone, filled | the bed's VAE round trip | event heard (detector): input | separator remove | fill | the bed alone |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, s in results.items():
        lines.append(
            f"| {name} | {s['examples']} | {s['lsd_identity']:.1f} dB | {s['lsd_separator']:.1f} dB | {s['lsd_fill']:.1f} dB | {s['lsd_bed_filled']:.1f} dB | {s['lsd_round_trip']:.1f} dB "
            f"| {s['heard_identity']:.2f} | {s['heard_separator']:.2f} | {s['heard_fill']:.2f} | {s['heard_bed']:.2f} |"
        )
    return "\n".join(lines)


def main() -> None:
    p = studio_path_arguments(__doc__, TRAINING_DIR / "configs" / "data-separator.json", "separator")
    p.add_argument("--test", type=int, default=40)
    args = p.parse_args()
    pack = OnnxPack(args.pack, args.dtype)
    separator, detector = StudioSeparator(pack), StudioDetector(pack, use_vad=False)
    sets = {}
    if args.real:
        sets["real recordings (-20 dBFS)"] = real_fill_cases(args.real, detector.rate)
    if args.test:
        sets["test split"] = test_fill_cases(args.data, args.test)
    rows = {name: [score(pack, separator, detector, c) for c in cases] for name, cases in sets.items()}
    results = {name: summary(r) for name, r in rows.items()}
    print(table(results))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"pack": str(args.pack), "results": results, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
