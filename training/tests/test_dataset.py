"""The built test slice: exact mixtures, reproducibility, splits by source, licences on every example."""

import hashlib
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from omni_data.build import build
from omni_data.catalogue import Catalogue, SourceClip, split_of
from omni_data.config import DataConfig
from omni_data.gather import build_catalogue
from omni_data.tasks import Planner, render


def read(path: Path) -> np.ndarray:
    return sf.read(str(path), dtype="int16")[0]


def digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.glob("*/shard-*/*"))}


def test_every_task_is_present_with_its_files(rows, built_slice):
    assert {r["task"] for r in rows} == {"add", "remove", "extract", "style_sfx", "style_music", "style_speech", "t2a", "t2m", "tts"}
    for row in rows:
        shard = next(built_slice.glob(f"{row['split']}/shard-*/{row['id']}_output.wav")).parent
        for name in row["files"].values():
            info = sf.info(str(shard / name))
            assert info.samplerate == 16000 and info.channels == 1 and info.subtype == "PCM_16"


def test_edit_pairs_are_exact_mixtures(rows, built_slice, slice_cfg):
    """For every edit example, rendering its recipe as each edit gives target, residual and mixture: m == t + r."""
    catalogue = build_catalogue(slice_cfg, built_slice / "catalogue", progress=False)
    edits = [r for r in rows if r["task"] in ("add", "remove", "extract")]
    assert edits
    for row in edits:
        recipe = row["recipe"]
        as_task = lambda task, recipe=recipe: render({**recipe, "task": task}, catalogue.audio, slice_cfg)
        residual, mixture = as_task("add")["input"], as_task("add")["output"]
        target = as_task("extract")["output"]
        assert np.array_equal(mixture.astype(np.int32), target.astype(np.int32) + residual.astype(np.int32))
        stored = next(built_slice.glob(f"{row['split']}/shard-*/{row['id']}_output.wav"))
        assert np.array_equal(read(stored), as_task(row["task"])["output"])


def test_instructions_use_the_paper_templates_and_paraphrases(rows):
    edits = [r["instruction"] for r in rows if r["task"] in ("add", "remove", "extract", "style_sfx", "style_music", "style_speech")]
    assert any(i.startswith(("Add the sound of '", "Remove the sound of '", "Extract the sound of '", "Change the sound of '")) for i in edits)
    assert len(set(i.split("'")[0] for i in edits)) > 4


def test_the_same_seed_gives_byte_identical_output(built_slice, slice_cfg, tmp_path):
    build(slice_cfg, tmp_path, workers=1, progress=False)
    assert digest(tmp_path) == digest(built_slice)


def test_a_source_recording_never_appears_in_two_splits(rows, built_slice, slice_cfg):
    catalogue = build_catalogue(slice_cfg, built_slice / "catalogue", progress=False)
    groups_by_split: dict[str, set[str]] = {}
    for row in rows:
        groups_by_split.setdefault(row["split"], set()).update(catalogue.clips[c].group for c in row["clips"])
    assert not groups_by_split["train"] & groups_by_split["test"]
    assert not groups_by_split["train"] & groups_by_split["valid"]
    assert not groups_by_split["valid"] & groups_by_split["test"]


def test_every_example_has_licence_and_credit(rows):
    for row in rows:
        assert row["licences"] and all(row["licences"])
        assert row["credits"] and all(c.strip() for c in row["credits"])


def test_splits_are_stable_hashes():
    assert split_of("opensfx/03", (0.8, 0.1, 0.1)) == split_of("opensfx/03", (0.8, 0.1, 0.1))
    counts = {s: 0 for s in ("train", "valid", "test")}
    for i in range(3000):
        counts[split_of(f"g{i}", (0.8, 0.1, 0.1))] += 1
    assert 2250 < counts["train"] < 2550 and 200 < counts["test"] < 400


def test_the_card_names_counts_hours_licences_and_ranges(built_slice):
    card = (built_slice / "DATASET_CARD.md").read_text()
    for needle in ("| add |", "Total audio", "CC-BY-SA-3.0", "espeak-ng", "-3.0 to 3.0 semitones", "0.8 to 1.2", "0.0 to 3.0 dB"):
        assert needle in card


def test_an_interrupted_build_resumes_at_the_missing_shard(built_slice, slice_cfg, tmp_path):
    import shutil

    shutil.copytree(built_slice, tmp_path / "copy")
    copy = tmp_path / "copy"
    shards = sorted(copy.glob("*/shard-*"))
    kept, lost = shards[0], shards[-1]
    kept_mtime = (kept / "metadata.jsonl").stat().st_mtime_ns
    shutil.rmtree(lost)
    (lost.parent / (lost.name + ".partial")).mkdir()  # what a crash mid-shard leaves behind
    build(slice_cfg, copy, workers=1, progress=False)
    assert (kept / "metadata.jsonl").stat().st_mtime_ns == kept_mtime  # untouched
    assert not (lost.parent / (lost.name + ".partial")).exists()
    assert digest(copy) == digest(built_slice)


def test_regenerate_renders_a_stored_example_again(built_slice, rows):
    from omni_data.build import regenerate

    row = next(r for r in rows if r["task"] == "style_sfx")
    audio = regenerate(built_slice, row["id"])
    for kind, samples in audio.items():
        assert np.array_equal(read(next(built_slice.glob(f"{row['split']}/shard-*/{row['id']}_{kind}.wav"))), samples)


def test_a_music_only_set_needs_no_sound_effects_and_a_mixing_set_does():
    catalogue = Catalogue(16000)
    for song in range(20):
        clip = SourceClip(f"music/song{song}/12/fluid", "fluid", f"music/song{song}", "music", "slow marimba melody in A minor, 70 bpm", "MIT", "x")
        catalogue.add(clip, np.zeros(16000, np.float32), (0.8, 0.1, 0.1))
    assert Planner(replace(DataConfig(), tasks=("t2m",)), catalogue, "train").music
    with pytest.raises(ValueError, match="no backgrounds or no foreground"):
        Planner(DataConfig(), catalogue, "train")
