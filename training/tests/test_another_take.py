"""Another take of an edit: another recording of the asked-for sound, in the same place and at the same level."""

import json

import numpy as np
import soundfile as sf

from omni_model.evaluation.another_take import AnotherTake, another_recipe, other_soundfont


def _rows(built_slice, task):
    rows = []
    for meta in sorted(built_slice.glob("*/shard-*/metadata.jsonl")):
        for line in meta.read_text().splitlines():
            row = json.loads(line)
            if row["task"] == task:
                row["dir"] = str(meta.parent)
                rows.append(row)
    return rows


def test_another_take_swaps_the_added_recording_for_one_of_its_category(built_slice):
    take = AnotherTake(built_slice)
    cat = take.catalogue
    rows = [r for r in _rows(built_slice, "add") if another_recipe(r["recipe"], cat)]
    assert rows, "the slice holds an add whose category has a second clip"
    row = rows[0]
    recipe = another_recipe(row["recipe"], cat)
    old, new = row["recipe"]["mix"]["events"][0], recipe["mix"]["events"][0]
    assert new["clip"] != old["clip"] and cat.clips[new["clip"]].category == cat.clips[old["clip"]].category
    assert cat.clips[new["clip"]].split == cat.clips[old["clip"]].split
    assert (new["onset"], new["snr_db"]) == (old["onset"], old["snr_db"])
    assert new["crop_start"] + new["crop_length"] <= len(cat.audio[new["clip"]])

    source = sf.read(f"{row['dir']}/{row['files']['input']}", dtype="float32")[0]
    target = sf.read(f"{row['dir']}/{row['files']['output']}", dtype="float32")[0]
    other = take(row, source)
    assert other.shape == target.shape and not np.allclose(other, target)
    # Outside the event both takes are the unchanged input.
    onset = old["onset"]
    assert np.abs(other[: onset - 1] - source[: onset - 1]).max() < 2e-3


def test_a_song_in_one_soundfont_has_no_other_take(built_slice):
    take = AnotherTake(built_slice)
    for row in _rows(built_slice, "style_music"):
        assert other_soundfont(take.catalogue, row["recipe"]["output"], row["id"]) is None  # the slice renders one soundfont
        assert take(row, np.zeros(10, np.float32)) is None
    assert another_recipe({"task": "remove", "id": "x"}, take.catalogue) is None
