"""The training loop the separator and the detector share: resumable from a checkpoint, budgeted in minutes (or
steps), warm-up then cosine learning rate, gradients clipped, a log row every 50 steps with the validation losses
every 250, the weights saved every two minutes and at the end; `--init` runs remember the runs they continue."""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

LOG_EVERY, VALID_EVERY, SAVE_SECONDS = 50, 250, 120


@dataclass
class Progress:
    step: int = 0
    elapsed: float = 0.0  # seconds of training, across resumes


def learning_rate(step: int, progress: float, peak: float, warmup: int = 200) -> float:
    if step < warmup:
        return peak * (step + 1) / warmup
    return peak * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, progress))))


def earlier_runs(weights: dict) -> list[dict]:
    """The runs a set of weights came from, oldest first, itself last: what a run started from them (`--init`) keeps."""
    return [
        *weights.get("earlier", []),
        {"step": weights["step"], "minutes": round(weights.get("minutes", 0.0), 1), "data": weights.get("data", "?")},
    ]


def cpu_state(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    """The model's weights on the CPU, as a weights file keeps them wherever it trained."""
    return {k: v.cpu() for k, v in model.state_dict().items()}


def resume(checkpoint: Path, model: torch.nn.Module, opt: torch.optim.Optimizer) -> Progress:
    if not checkpoint.exists():
        return Progress()
    state = torch.load(checkpoint, map_location="cpu", weights_only=False)
    model.load_state_dict(state["model"])
    opt.load_state_dict(state["opt"])
    print(f"resumed at step {state['step']} ({state['elapsed'] / 60:.1f} min)")
    return Progress(state["step"], state["elapsed"])


def save_checkpoint(checkpoint: Path, model: torch.nn.Module, opt: torch.optim.Optimizer, progress: Progress) -> None:
    state = {"model": model.state_dict(), "opt": opt.state_dict(), "step": progress.step, "elapsed": progress.elapsed}
    torch.save(state, checkpoint.with_suffix(".tmp"))
    checkpoint.with_suffix(".tmp").replace(checkpoint)


def keep_best(path: Path, weights: Callable[[], dict]) -> Callable[[dict], None]:
    """An `on_valid` that saves the weights whenever the validation loss is the lowest so far (across resumes): a few
    hundred source clips are soon overfitted, so the weights at the lowest valid loss are kept beside the last ones."""
    best = {"loss": torch.load(path, weights_only=False)["valid_loss"] if path.exists() else float("inf")}

    def on_valid(row: dict) -> None:
        if row["valid_loss"] < best["loss"]:
            best["loss"] = row["valid_loss"]
            torch.save({**weights(), "valid_loss": best["loss"]}, path)

    return on_valid


def keep_every(run: Path, stem: str, weights: Callable[[], dict], every: int) -> Callable[[dict], None]:
    """An `on_valid` that keeps the weights every `every` steps as `<stem>-step<N>.pt`: on real recordings a run's best
    weights came long before its synthetic valid loss's lowest (the detectors' real event F1 peaked near step 1,000),
    so they are chosen afterwards on the real development set (omni_data/real_dev.py)."""

    def on_valid(row: dict) -> None:
        if every > 0 and row["step"] % every == 0:
            torch.save(weights(), run / f"{stem}-step{row['step']}.pt")

    return on_valid


def each(*callbacks: Callable[[dict], None]) -> Callable[[dict], None]:
    def on_valid(row: dict) -> None:
        for callback in callbacks:
            callback(row)

    return on_valid


def train_for(
    model: torch.nn.Module,
    opt: torch.optim.Optimizer,
    progress: Progress,
    *,
    minutes: float,
    max_steps: int | None,
    peak_lr: float,
    train_losses: Callable[[], dict[str, torch.Tensor]],
    valid_losses: Callable[[], list[dict[str, torch.Tensor]]],
    log_path: Path,
    save: Callable[[], None],
    on_valid: Callable[[dict], None] | None = None,
) -> None:
    """Steps until the budget is spent; `save` runs every two minutes and at the end, `on_valid` gets each row with
    validation losses (valid_<name>, averaged over the validation batches)."""
    budget, last_save, start = minutes * 60, time.time(), time.time() - progress.elapsed
    while progress.elapsed < budget and (max_steps is None or progress.step < max_steps):
        model.train()
        for group in opt.param_groups:
            group["lr"] = learning_rate(progress.step, progress.elapsed / budget, peak_lr)
        out = train_losses()
        opt.zero_grad()
        out["loss"].backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        progress.step += 1
        progress.elapsed = time.time() - start
        last = progress.step == max_steps
        if progress.step % LOG_EVERY == 0 or last:
            row = {"step": progress.step, "minutes": round(progress.elapsed / 60, 2), **{k: round(float(v.detach()), 4) for k, v in out.items()}}
            if progress.step % VALID_EVERY == 0 or last:
                model.eval()
                with torch.no_grad():
                    vals = valid_losses()
                row.update({f"valid_{k}": round(float(np.mean([float(v[k]) for v in vals])), 4) for k in vals[0]})
                if on_valid is not None:
                    on_valid(row)
            with log_path.open("a") as f:
                f.write(json.dumps(row) + "\n")
            print(json.dumps(row), flush=True)
        if time.time() - last_save > SAVE_SECONDS:
            save()
            last_save = time.time()
    save()
