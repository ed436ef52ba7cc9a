"""A training stage's settings as a file (training/configs/recipes/*.json), so the hyperparameters of every shipped
stage are read in one place instead of argparse defaults and a shell script: a recipe's keys are the stage's long
options ("crop_frames" for --crop-frames); what the command line gives wins over the recipe, the recipe over the
defaults. A key "why" holds the reason for the settings and is not an option."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from omni_model.paths import TRAINING_DIR

RECIPES = TRAINING_DIR / "configs" / "recipes"


def parse_with_recipe(parser: argparse.ArgumentParser, argv: Sequence[str] | None = None, target: argparse.ArgumentParser | None = None):
    """Parses `argv` with `--recipe FILE` added to `target` (the parser, or the subcommand's parser the recipe fills)."""
    target = target or parser
    target.add_argument("--recipe", type=Path, help="a JSON file of this stage's settings (see omni_model/train/recipe.py)")
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--recipe", type=Path)
    known, _ = pre.parse_known_args(argv)
    if known.recipe is not None:
        apply(target, json.loads(known.recipe.read_text()), known.recipe)
    return parser.parse_args(argv)


def apply(parser: argparse.ArgumentParser, recipe: dict, source: Path) -> None:
    """Makes a recipe's values the parser's defaults (converted as the options convert them); unknown keys fail."""
    actions = {a.dest: a for a in parser._actions if a.option_strings}
    values = {k: v for k, v in recipe.items() if k != "why"}
    unknown = sorted(set(values) - set(actions))
    if unknown:
        parser.error(f"{source}: not a setting of this stage: {', '.join(unknown)}")
    for key, value in values.items():
        action = actions[key]
        action.default = action.type(value) if action.type is not None and value is not None else value
        action.required = False


def recipe_path(name: str) -> Path:
    return RECIPES / f"{name}.json"
