"""Every stage's settings file is read by its stage, and the command line wins over it."""

import argparse
import json
from pathlib import Path

import pytest

from omni_model.train import finetune_vocoder, train_autoencoder, train_detector, train_dit, train_separator, train_video
from omni_model.train.recipe import RECIPES, parse_with_recipe

STAGES = {
    "autoencoder": train_autoencoder,
    "dit": train_dit,
    "vocoder": finetune_vocoder,
    "separator": train_separator,
    "detector": train_detector,
    "video": train_video,
}


@pytest.mark.parametrize("recipe", sorted(RECIPES.glob("*.json")), ids=lambda p: p.stem)
def test_every_recipe_names_only_settings_of_its_stage(recipe: Path):
    stage = STAGES[recipe.stem.split("-")[0]]
    argv = ["train"] if stage is train_autoencoder else []
    with pytest.raises(SystemExit) as exit:  # --help: the recipe was applied (an unknown key fails first, with 2)
        stage.main([*argv, "--recipe", str(recipe), "--help"])
    assert exit.value.code == 0
    assert json.loads(recipe.read_text())["why"]  # each says why its settings are what they are


def test_a_recipe_sets_defaults_and_the_command_line_wins(tmp_path: Path):
    def parser() -> argparse.ArgumentParser:
        p = argparse.ArgumentParser()
        p.add_argument("--data", type=Path, required=True)
        p.add_argument("--lr", type=float, default=1e-3)
        p.add_argument("--crop-frames", type=int, default=100)
        return p

    recipe = tmp_path / "stage.json"
    recipe.write_text(json.dumps({"why": "a test", "data": "x.json", "lr": 5e-4, "crop_frames": 250}))
    args = parse_with_recipe(parser(), ["--recipe", str(recipe)])
    assert (args.data, args.lr, args.crop_frames) == (Path("x.json"), 5e-4, 250)
    assert parse_with_recipe(parser(), ["--recipe", str(recipe), "--lr", "1e-4"]).lr == 1e-4
    recipe.write_text(json.dumps({"learning_rate": 1.0}))
    with pytest.raises(SystemExit):
        parse_with_recipe(parser(), ["--recipe", str(recipe)])
