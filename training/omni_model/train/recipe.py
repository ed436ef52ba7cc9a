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


def mixture_stage_arguments(doc: str | None, what: str, minutes: float, batch: int, seconds: float, lr: float) -> argparse.ArgumentParser:
    """The options of a stage trained on mixtures made on the fly from a catalogue (the separator, the detector)."""
    p = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--config", type=Path, required=True)
    p.add_argument("--data", type=Path, required=True, help="a built data set folder or a data config .json (its sources are mixed)")
    p.add_argument("--run", type=Path, required=True)
    p.add_argument("--minutes", type=float, default=minutes)
    p.add_argument("--batch", type=int, default=batch)
    p.add_argument("--seconds", type=float, default=seconds, help="length of the training mixtures")
    p.add_argument("--lr", type=float, default=lr)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--steps", type=int, help="stop after this many steps (else the minutes decide)")
    p.add_argument("--init", type=Path, help=f"{what} weights to start from (a fresh optimiser and schedule)")
    p.add_argument("--workers", type=int, default=0, help="processes that mix the training batches (0: this one)")
    p.add_argument("--phrases", type=Path, help="the phrases' language-model states: read if there and current, else written")
    return p
