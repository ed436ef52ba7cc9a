"""The dataset card: what is in the data set, how it was made, and whose sound it is."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from .catalogue import Catalogue
from .config import DataConfig
from .taxonomy import family


def write_card(path: Path, cfg: DataConfig, catalogue: Catalogue, rows: list[dict]) -> None:
    by_task: dict[str, Counter] = defaultdict(Counter)
    seconds: Counter = Counter()
    categories: Counter = Counter()
    used: Counter = Counter()
    for row in rows:
        by_task[row["task"]][row["split"]] += 1
        seconds[row["split"]] += row["seconds"]
        categories[row.get("target_category", "-")] += 1
        used.update(row["clips"])
    m = cfg.mix
    lines = [
        f"# Dataset card: {cfg.name}",
        "",
        "AudioEdit-style (instruction, source, target) examples for Omni Studio, synthesised by `training/omni_data` from freely "
        "licensed sound in Debian packages"
        + (
            f" and sound effects designed by omni_data ({cfg.sources.designed_per_category} per category, CC0)"
            if cfg.sources.designed_per_category
            else ""
        )
        + ", with the Audio-Omni paper's synthetic-branch recipe. Every example's full recipe "
        "(sources, offsets, gains, shifts, seed) is in its shard's `metadata.jsonl`, so it can be rendered again byte for byte.",
        "",
        f"- Audio: mono, {cfg.sample_rate} Hz, 16-bit WAV; edit and music clips {cfg.clip_seconds:g} s; speech at its own length (voice prompts <= 6 s).",
        f"- Total audio (targets and inputs): {sum(seconds.values()) / 3600:.2f} h ("
        + ", ".join(f"{s}: {seconds[s] / 3600:.2f} h" for s in ("train", "valid", "test"))
        + ").",
        f"- Seed {cfg.seed}; splits by source recording (hash of the source file, song or sentence): {cfg.split_fractions}.",
        "",
        "## Parameters (the paper's ranges)",
        f"- SNR of event over background: {m.snr_db[0]} to {m.snr_db[1]} dB (power over the event's span)",
        f"- Pitch shift: {m.pitch_semitones[0]} to {m.pitch_semitones[1]} semitones; time stretch {m.stretch[0]} to {m.stretch[1]}",
        f"- Events {m.min_event_seconds} to {m.max_event_seconds} s at a uniform onset; background RMS {m.background_gain_db[0]} to {m.background_gain_db[1]} dBFS",
        "- mixture = target + residual exactly, sample for sample (16-bit, no dither, peak under -1 dBFS)",
        "",
        "## Examples per task and split",
        "| task | train | valid | test |",
        "|---|---|---|---|",
        *(f"| {t} | {c['train']} | {c['valid']} | {c['test']} |" for t, c in sorted(by_task.items())),
        "",
        "## Target categories",
        "| category | family | examples |",
        "|---|---|---|",
        *(f"| {c} | {family(c) if c != '-' else '-'} | {n} |" for c, n in categories.most_common()),
        "",
        "## Sources, licences and credits",
        "Each row is a source as used by at least one example; the clip count is how many of its clips appear.",
        "",
        "| source | licence | credit | clips used |",
        "|---|---|---|---|",
    ]
    credits: Counter = Counter()
    for clip_id in used:
        clip = catalogue.clips[clip_id]
        credits[(clip.source, clip.licence, clip.credit)] += 1
    lines += [f"| {s} | {lic} | {cred} | {n} |" for (s, lic, cred), n in sorted(credits.items())]
    lines += [
        "",
        "Share-alike sources (CC-BY-SA-3.0) make the data set and derived audio share-alike; attribution is owed to every credit above.",
        "",
    ]
    path.write_text("\n".join(lines))
