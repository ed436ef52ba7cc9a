"""Remove and extract as the studio does them with a pack's separator, scored on real recordings and on our test split,
with the controls that catch a model ignoring its words. Runs the pack's ONNX files (ONNX Runtime on the CPU), the
engine's windows and input gain (src/engine/separate.ts) and the studio's mask application at the project's rate
(preserve.apply_separation, tied to src/dsp/spectral-edit.ts by a parity fixture); a sound that is not found leaves the
clip unchanged, as in the studio.

    python -m omni_model.evaluation.evaluate_edits --pack public/models/omni-small --out training/data/runs/edits.json

Real: 44.1 kHz stereo mixtures at -20 dBFS of a `wesnoth-1.16-data` bed and a `hedgewars-data` event (never trained
on). Synthetic: 10 s test-split mixtures of one to three events over a bed (omni_data.separation), at 16 kHz.
Per example: remove (SI-SDR improvement over the clip against the bed, how far the event goes down, damaged clips
where the improvement is under -3 dB), extract (SI-SDR improvement against the event), the same remove with another
category's words (wrong description), and the bed alone asked for the event (absent sound: how much the clip changes,
and whether the user is told)."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soxr

from omni_data.queries import DESCRIPTIONS, held_out
from omni_model.evaluation.evaluate import OnnxPack, studio_path_arguments
from omni_model.model.preserve import apply_separation, stft
from omni_model.model.separator import input_gain
from omni_model.model.text import tokenize
from omni_model.paths import TRAINING_DIR

DAMAGED_DB = -3.0
# The event alone counts as recognised when the right words' mask takes this much more of it than the wrong words'.
ALONE_MARGIN = 0.1


class StudioSeparator:
    """src/engine/separate.ts in numpy: one input gain, windows with context on both sides (even frame counts), the
    presence decision from the pack's threshold."""

    def __init__(self, pack: OnnxPack) -> None:
        self.pack = pack
        self.settings = pack.manifest["separation"]
        self.rate = pack.manifest["audio"]["sample_rate"]

    def _even(self, seconds: float) -> int:
        return 2 * int(np.floor(seconds * self.rate / self.settings["hop"] / 2 + 0.5))

    def __call__(self, description: str, source: np.ndarray) -> tuple[np.ndarray, bool, float]:
        mask, logits = self.mask_and_logits(description, source)
        present = self.present_seconds(logits, self.settings["presence_threshold"])
        return mask, present >= self.settings["min_present_seconds"], present

    def present_seconds(self, logits: np.ndarray, threshold: float) -> float:
        return float(np.sum(1 / (1 + np.exp(-logits)) >= threshold) * self.settings["hop"] / self.rate)

    def mask_and_logits(self, description: str, source: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        s, hop = self.settings, self.settings["hop"]
        ids, mask = tokenize([description], self.pack.cfg.text.max_tokens)
        states = self.pack.run("text_encoder", input_ids=ids.numpy(), attention_mask=mask.numpy())
        text_mask = mask.numpy().astype(np.float32)
        frames = len(source) // hop + 1
        window, context = max(2, self._even(s["window_seconds"])), self._even(s["context_seconds"])
        scaled = (source * input_gain(source)).astype(np.float32)
        out_mask, logits = np.zeros((frames, s["n_fft"] // 2 + 1), np.float32), np.zeros(frames, np.float32)
        for first in range(0, frames, window):
            last = min(frames, first + window)
            start, end = max(0, first - context) * hop, min(len(source), (last + context) * hop)
            m, p = self.pack.sessions["separator"].run(None, {"waveform": scaled[None, start:end], "text_states": states, "text_mask": text_mask})
            offset = start // hop
            out_mask[first:last], logits[first:last] = m[0, first - offset : last - offset], p[0, first - offset : last - offset]
        return out_mask, logits


# Presence thresholds whose present seconds each row keeps, so the pack's rule can be chosen from one run.
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def model_input(clip: np.ndarray, rate: int, model_rate: int) -> np.ndarray:
    """A clip [samples] or [samples, channels] at `rate` as the studio feeds the model: mono, at the model's rate."""
    mono = clip.mean(axis=1) if clip.ndim == 2 else clip
    return mono if rate == model_rate else soxr.resample(mono, rate, model_rate, quality="HQ").astype(np.float32)


def studio_mask(separator: StudioSeparator, description: str, clip: np.ndarray, rate: int) -> tuple[np.ndarray, bool, dict]:
    """The separator's mask for a clip [samples, channels] at `rate` as the studio feeds it, whether the sound counts
    as found, and its present seconds at each of THRESHOLDS."""
    source = model_input(clip, rate, separator.rate)
    mask, logits = separator.mask_and_logits(description, source)
    found = separator.present_seconds(logits, separator.settings["presence_threshold"]) >= separator.settings["min_present_seconds"]
    return mask, found, {str(t): separator.present_seconds(logits, t) for t in THRESHOLDS}


def studio_edit(separator: StudioSeparator, kind: str, mask: np.ndarray, found: bool, clip: np.ndarray, rate: int) -> np.ndarray:
    """The studio's result: the mask on every channel of the clip, or the clip unchanged when nothing was found."""
    return apply_separation(kind, clip, mask, separator.rate, rate) if found else clip


def mask_share(mask: np.ndarray, sound: np.ndarray) -> float:
    """How much of a sound (mono, at the model's rate) a mask takes: its mean over the STFT cells, weighted by the
    sound's power there (1: all of it, 0: none)."""
    power = np.abs(stft(sound)[:, : mask.shape[1]]) ** 2
    n = min(len(power), len(mask))
    return float(np.sum(mask[:n] * power[:n]) / (np.sum(power[:n]) + 1e-20))


def si_sdr(estimate: np.ndarray, reference: np.ndarray) -> float:
    e, r = estimate.astype(np.float64).ravel(), reference.astype(np.float64).ravel()
    scale = np.dot(e, r) / (np.dot(r, r) + 1e-12)
    target = scale * r
    return float(10 * np.log10((np.sum(target**2) + 1e-12) / (np.sum((e - target) ** 2) + 1e-12)))


def db(num: float, den: float) -> float:
    return float(10 * np.log10((num + 1e-20) / (den + 1e-20)))


@dataclass
class Case:
    id: str
    mixture: np.ndarray
    event: np.ndarray
    bed: np.ndarray
    span: tuple[int, int]
    rate: int
    description: str
    wrong_description: str


def score(separator: StudioSeparator, case: Case) -> dict:
    lo, hi = case.span
    energy = lambda x: float(np.sum(np.square(x[lo:hi], dtype=np.float64)))  # noqa: E731
    edit = lambda kind, mask, found, clip: studio_edit(separator, kind, mask, found, clip, case.rate)  # noqa: E731
    row: dict = {"id": case.id, "description": case.description}
    # The edits are linear in the signal: what remains of the event is the event through the mixture's gains.
    mask, found, row["present_right"] = studio_mask(separator, case.description, case.mixture, case.rate)
    row["found"] = found
    row["remove_sisdri"] = si_sdr(edit("remove", mask, found, case.mixture), case.bed) - si_sdr(case.mixture, case.bed)
    row["remove_event_db"] = db(energy(edit("remove", mask, found, case.event)), energy(case.event))
    row["extract_sisdri"] = si_sdr(edit("extract", mask, found, case.mixture), case.event) - si_sdr(case.mixture, case.event)
    # The mask's own quality, as if the sound had been found (what the presence decision then keeps or drops).
    row["remove_sisdri_ungated"] = si_sdr(edit("remove", mask, True, case.mixture), case.bed) - si_sdr(case.mixture, case.bed)
    row["remove_event_db_ungated"] = db(energy(edit("remove", mask, True, case.event)), energy(case.event))
    row["extract_sisdri_ungated"] = si_sdr(edit("extract", mask, True, case.mixture), case.event) - si_sdr(case.mixture, case.event)
    wrong_mask, wrong_found, row["present_wrong"] = studio_mask(separator, case.wrong_description, case.mixture, case.rate)
    row["wrong_event_db_ungated"] = db(energy(edit("remove", wrong_mask, True, case.event)), energy(case.event))
    row["wrong_found"] = wrong_found
    row["wrong_event_db"] = db(energy(edit("remove", wrong_mask, wrong_found, case.event)), energy(case.event))
    # The event alone, asked for with the right and with the wrong words: does the separator recognise the sound?
    alone = model_input(case.event, case.rate, separator.rate)
    for name, words in (("alone_right", case.description), ("alone_wrong", case.wrong_description)):
        row[name] = mask_share(studio_mask(separator, words, case.event, case.rate)[0], alone)
    absent_mask, absent_found, row["present_absent"] = studio_mask(separator, case.description, case.bed, case.rate)
    change = edit("remove", absent_mask, absent_found, case.bed) - case.bed
    row["absent_told"] = not absent_found
    row["absent_change_db"] = max(
        -120.0, db(float(np.sum(np.square(change, dtype=np.float64))), float(np.sum(np.square(case.bed, dtype=np.float64))))
    )
    return row


# What the add evaluation asks for over the real beds: categories of ours, in a user's words.
ADD_PROMPTS = ("a dog barking", "footsteps", "an explosion", "a bell ringing", "glass breaking", "a door closing", "hammering", "a man speaking")


def score_add(pack: OnnxPack, separator: StudioSeparator, bed: np.ndarray, rate: int, description: str, seed: int, level_db: float = 0.0) -> dict:
    """Add as the studio does it (diffusion model, untouched sound kept), as drawn and at the asked level: where the
    added sound's loudest second lands against the bed there, and whether the separator then finds the asked sound
    (and found it in the bed before: the identity control)."""
    from omni_model.model.preserve import loudest_window, preserve

    source = model_input(bed, rate, separator.rate)
    steps, guidance = pack.manifest["sampler"]["steps"], pack.manifest["sampler"]["guidance_scale"]
    model = pack.generate(f"Edit: Add the sound of '{description}'", len(source) / separator.rate, source, steps, guidance, seed)
    recon = pack.round_trip(source)
    row: dict = {"description": description}
    for name, level in (("drawn", None), ("leveled", level_db)):
        result = preserve("add", source, model, recon, add_level_db=level, rate=separator.rate)
        added = result - source
        at, size = loudest_window(added, separator.rate)
        row[f"{name}_level_db"] = db(
            float(np.sum(np.square(added[at : at + size], dtype=np.float64))), float(np.sum(np.square(source[at : at + size], dtype=np.float64)))
        )
        row[f"{name}_found"] = bool(separator(description, result)[1])
    row["identity_found"] = bool(separator(description, source)[1])
    return row


def add_summary(rows: list[dict], level_db: float = 0.0) -> dict:
    return {
        "examples": len(rows),
        "asked_level_db": level_db,
        **{f"{k}_level_db_median": float(np.median([r[f"{k}_level_db"] for r in rows])) for k in ("drawn", "leveled")},
        **{f"{k}_within_6db": float(np.mean([abs(r[f"{k}_level_db"] - level_db) <= 6 for r in rows])) for k in ("drawn", "leveled")},
        **{f"{k}_found": float(np.mean([r[f"{k}_found"] for r in rows])) for k in ("drawn", "leveled", "identity")},
    }


def add_table(s: dict) -> str:
    return "\n".join(
        [
            "| add over real beds | n | added sound's loudest second vs the bed (median) | within 6 dB of the asked level | separator finds the asked sound |",
            "|---|---|---|---|---|",
            f"| bed unchanged (identity) | {s['examples']} | - | - | {100 * s['identity_found']:.0f} % |",
            f"| as the model draws it (0.2.1's studio) | {s['examples']} | {s['drawn_level_db_median']:+.1f} dB | {100 * s['drawn_within_6db']:.0f} % | {100 * s['drawn_found']:.0f} % |",
            f"| at the asked level ({s['asked_level_db']:+.0f} dB, the studio's default) | {s['examples']} | {s['leveled_level_db_median']:+.1f} dB | "
            f"{100 * s['leveled_within_6db']:.0f} % | {100 * s['leveled_found']:.0f} % |",
        ]
    )


def real_cases(count: int) -> list[Case]:
    from omni_data import real_validation

    return [
        Case(e.id, e.mixture, e.event, e.bed, (e.onset, e.onset + e.length), real_validation.RATE, e.description, e.wrong_description)
        for e in real_validation.build(count)
    ]


def synthetic_cases(data: Path, count: int, seconds: float = 10.0) -> list[Case]:
    """Test-split mixtures of the separator's sources (`data`: a data config or a built data set), as recorded (no
    other takes), with the event's span known; the query asks in the held-out words half the time."""
    from omni_data.separation import SeparationSampler
    from omni_model.train.train_separator import source_catalogue

    sampler = SeparationSampler(source_catalogue(data), "test", seconds=seconds, p_absent=0.0, p_bed_query=0.0, level_dbfs=(-20.0, -20.0), p_vary=0.0)
    catalogue = sampler.catalogue
    rng, cases = random.Random(20261202), []
    while len(cases) < count:
        mix = sampler.sample(rng)
        active = np.flatnonzero(np.abs(mix.target) > 1e-6)
        if active.size == 0:
            continue
        words = held_out(mix.category) if len(cases) % 2 else mix.query
        wrong = rng.choice([c for c in DESCRIPTIONS if c != mix.category and c not in {"speech", "voice", "ambience"}])
        cases.append(
            Case(
                f"synthetic-{len(cases):03d}-{mix.category}",
                mix.mixture,
                mix.target,
                mix.mixture - mix.target,
                (int(active[0]), int(active[-1]) + 1),
                catalogue.rate,
                words,
                DESCRIPTIONS[wrong][0],
            )
        )
    return cases


def summary(rows: list[dict]) -> dict:
    med = lambda k: float(np.median([r[k] for r in rows]))  # noqa: E731
    return {
        "examples": len(rows),
        "remove_sisdri_median": med("remove_sisdri"),
        "remove_event_db_median": med("remove_event_db"),
        "damaged_share": float(np.mean([r["remove_sisdri"] < DAMAGED_DB for r in rows])),
        "found_share": float(np.mean([r["found"] for r in rows])),
        "extract_sisdri_median": med("extract_sisdri"),
        "wrong_event_db_median": med("wrong_event_db"),
        "wrong_found_share": float(np.mean([r["wrong_found"] for r in rows])),
        "right_minus_wrong_db_median": float(np.median([r["wrong_event_db"] - r["remove_event_db"] for r in rows])),
        "absent_told_share": float(np.mean([r["absent_told"] for r in rows])),
        "absent_change_db_median": med("absent_change_db"),
        **{f"{k}_median": med(k) for k in ("remove_sisdri_ungated", "remove_event_db_ungated", "extract_sisdri_ungated", "wrong_event_db_ungated")},
        **{f"{k}_median": med(k) for k in ("alone_right", "alone_wrong")},
        "alone_recognised_share": float(np.mean([r["alone_right"] > r["alone_wrong"] + ALONE_MARGIN for r in rows])),
    }


def table(results: dict) -> str:
    lines = [
        "| set | n | remove SI-SDRi | event down | damaged | extract SI-SDRi | wrong words: event down | right - wrong | absent: told | absent: change |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, s in results.items():
        lines.append(
            f"| {name} | {s['examples']} | {s['remove_sisdri_median']:.1f} dB | {-s['remove_event_db_median']:.1f} dB | {100 * s['damaged_share']:.0f} % | "
            f"{s['extract_sisdri_median']:.1f} dB | {-s['wrong_event_db_median']:.1f} dB | {s['right_minus_wrong_db_median']:.1f} dB | "
            f"{100 * s['absent_told_share']:.0f} % | {s['absent_change_db_median']:.1f} dB |"
        )
    lines += [
        "",
        "The masks alone (every sound taken as found):",
        "",
        "| set | remove SI-SDRi | event down | extract SI-SDRi | wrong words: event down | found (right words) | found (wrong words) |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, s in results.items():
        lines.append(
            f"| {name} | {s['remove_sisdri_ungated_median']:.1f} dB | {-s['remove_event_db_ungated_median']:.1f} dB | {s['extract_sisdri_ungated_median']:.1f} dB | "
            f"{-s['wrong_event_db_ungated_median']:.1f} dB | {100 * s['found_share']:.0f} % | {100 * s['wrong_found_share']:.0f} % |"
        )
    lines += [
        "",
        f"The event alone (no bed): the share of it the mask takes, asked with the right and the wrong words; recognised when right > wrong + {ALONE_MARGIN}:",
        "",
        "| set | right words | wrong words | recognised |",
        "|---|---|---|---|",
    ]
    for name, s in results.items():
        lines.append(f"| {name} | {s['alone_right_median']:.2f} | {s['alone_wrong_median']:.2f} | {100 * s['alone_recognised_share']:.0f} % |")
    return "\n".join(lines)


def main() -> None:
    p = studio_path_arguments(__doc__, TRAINING_DIR / "configs" / "data-separator.json", "separator")
    p.add_argument("--synthetic", type=int, default=40)
    p.add_argument("--adds", type=int, default=40, help="adds over real beds (0: none)")
    args = p.parse_args()
    pack = OnnxPack(args.pack, args.dtype)
    separator = StudioSeparator(pack)
    sets = {"real recordings (44.1 kHz stereo, -20 dBFS)": real_cases(args.real)} if args.real else {}
    if args.synthetic:
        sets["test split (16 kHz, 1-3 events)"] = synthetic_cases(args.data, args.synthetic)
    rows = {name: [score(separator, c) for c in cases] for name, cases in sets.items()}
    results = {name: summary(r) for name, r in rows.items()}
    print(table(results))
    out = {"pack": str(args.pack), "dtype": args.dtype, "summary": results, "rows": rows}
    if args.adds:
        beds = real_cases(args.adds)
        add_rows = [score_add(pack, separator, c.bed, c.rate, ADD_PROMPTS[i % len(ADD_PROMPTS)], seed=i) for i, c in enumerate(beds)]
        out["add"], out["add_rows"] = add_summary(add_rows), add_rows
        print()
        print(add_table(out["add"]))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(out, indent=1, default=float))


if __name__ == "__main__":
    main()
