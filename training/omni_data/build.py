"""Writes the data set: sharded audio plus a metadata table per shard, resumable, deterministic from the seed."""

from __future__ import annotations

import json
import multiprocessing
import shutil
from pathlib import Path

from tqdm import tqdm

from .audio import write_int16
from .card import write_card
from .catalogue import Catalogue
from .config import DataConfig
from .gather import build_catalogue
from .tasks import Planner, recipe_clips, render

# Set before the worker processes fork, so they share the decoded sources instead of copying them.
_STATE: dict = {}


def example_row(recipe: dict, catalogue: Catalogue, audio: dict, rate: int) -> dict:
    clips = recipe_clips(recipe)
    return {
        "id": recipe["id"],
        "task": recipe["task"],
        "split": recipe["split"],
        "instruction": recipe.get("instruction"),
        "caption": recipe.get("caption"),
        "transcript": recipe.get("transcript"),
        "target_category": recipe.get("target_category"),
        "files": {k: f"{recipe['id']}_{k}.wav" for k in audio},
        "seconds": sum(len(a) for a in audio.values()) / rate,
        "clips": clips,
        "licences": sorted({catalogue.clips[c].licence for c in clips}),
        "credits": sorted({catalogue.clips[c].credit for c in clips}),
        "recipe": recipe,
    }


def _write_shard(job: tuple[str, int, int, str]) -> int:
    split, first, last, shard_dir = job
    cfg: DataConfig = _STATE["cfg"]
    catalogue: Catalogue = _STATE["catalogue"]
    planner = Planner(cfg, catalogue, split)
    final = Path(shard_dir)
    partial = final.with_name(final.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    with (partial / "metadata.jsonl").open("w") as meta:
        for index in range(first, last):
            recipe = planner.plan(index)
            audio = render(recipe, catalogue.audio, cfg)
            for kind, samples in audio.items():
                write_int16(partial / f"{recipe['id']}_{kind}.wav", samples, cfg.sample_rate)
            meta.write(json.dumps(example_row(recipe, catalogue, audio, cfg.sample_rate)) + "\n")
    partial.rename(final)  # a shard exists only once it is complete: an interrupted build resumes here
    return last - first


def shard_jobs(cfg: DataConfig, out: Path) -> list[tuple[str, int, int, str]]:
    jobs = []
    for split, count in cfg.examples.items():
        for first in range(0, count, cfg.examples_per_shard):
            jobs.append((split, first, min(count, first + cfg.examples_per_shard), str(out / split / f"shard-{first // cfg.examples_per_shard:05d}")))
    return jobs


def build(cfg: DataConfig, out: Path, workers: int = 1, progress: bool = True) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    (out / "config.json").write_text(json.dumps(cfg.to_json(), indent=2))
    catalogue = build_catalogue(cfg, out / "catalogue", progress)
    _STATE.update(cfg=cfg, catalogue=catalogue)
    todo = [j for j in shard_jobs(cfg, out) if not (Path(j[3]) / "metadata.jsonl").exists()]
    total = sum(j[2] - j[1] for j in todo)
    with tqdm(total=total, desc="examples", disable=not progress) as bar:
        if workers > 1 and len(todo) > 1:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for done in pool.imap_unordered(_write_shard, todo):
                    bar.update(done)
        else:
            for job in todo:
                bar.update(_write_shard(job))
    rows = [json.loads(line) for j in shard_jobs(cfg, out) for line in (Path(j[3]) / "metadata.jsonl").read_text().splitlines()]
    write_card(out / "DATASET_CARD.md", cfg, catalogue, rows)
    return out / "DATASET_CARD.md"


def regenerate(out: Path, example_id: str) -> dict:
    """Renders one example again from its stored recipe (for audits): returns its audio."""
    from .config import load_config

    cfg = load_config(out / "config.json")
    catalogue = build_catalogue(cfg, out / "catalogue", progress=False)
    for meta in sorted(out.glob("*/shard-*/metadata.jsonl")):
        for line in meta.read_text().splitlines():
            row = json.loads(line)
            if row["id"] == example_id:
                return render(row["recipe"], catalogue.audio, cfg)
    raise KeyError(f"no example {example_id} under {out}")
