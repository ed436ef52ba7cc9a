"""Trains the text-queried separator on mixtures made on the fly (omni_data.separation) from a catalogue of source
clips (a built data set's, or one gathered from a data config): resumable (checkpoint every few minutes), budgeted in
minutes; `--init` starts from earlier weights with a fresh optimiser and schedule.

    python -m omni_model.train.train_separator --config training/configs/model-small.json \
        --data training/configs/data-separator.json --run training/data/runs/separator --minutes 80
"""

from __future__ import annotations

import random
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from omni_data.catalogue import Catalogue
from omni_data.gather import catalogue_for
from omni_data.queries import all_training_phrases
from omni_data.separation import SeparationSampler
from omni_model.model.config import ModelConfig, load_model_config
from omni_model.model.separator import Separator
from omni_model.train.batches import batches, to_device, training_device
from omni_model.train.loop import cpu_state, earlier_runs, keep_best, resume, save_checkpoint, train_for
from omni_model.train.recipe import mixture_stage_arguments, parse_with_recipe

# Where catalogues gathered from a data config (not from a built data set) are cached, keyed by their sources.
COMPRESS = 0.3  # magnitudes are compared after a power law, so quiet parts count too
SNR_CAP_DB = 30.0


class PhraseStates:
    """The frozen language model's states for every phrase, computed once (the phrases are a fixed vocabulary), or read
    from the file an earlier run wrote them to (`file`): a machine without the language model's package trains so."""

    def __init__(self, cfg: ModelConfig, phrases: list[str], file: Path | None = None) -> None:
        saved = torch.load(file, weights_only=False) if file is not None and file.exists() else None
        if saved is not None and saved["text"] == asdict(cfg.text) and set(phrases) <= saved["states"].keys():
            self.states = {p: saved["states"][p] for p in phrases}
            return
        self.states = encoded_phrases(cfg, phrases)
        if file is not None:
            file.parent.mkdir(parents=True, exist_ok=True)
            torch.save({"text": asdict(cfg.text), "states": self.states}, file)

    def to(self, device: str) -> PhraseStates:
        self.states = {p: (s.to(device), m.to(device)) for p, (s, m) in self.states.items()}
        return self

    def pooled(self) -> torch.Tensor:
        """Every phrase's mean-pooled states [phrases, hidden], as the separator pools them."""
        return torch.stack([s.mean(0) for s, _ in self.states.values()])

    def batch(self, phrases: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
        longest = max(self.states[p][0].shape[0] for p in phrases)
        first = next(iter(self.states.values()))[0]
        states = torch.zeros(len(phrases), longest, first.shape[1], device=first.device)
        mask = torch.zeros(len(phrases), longest, device=first.device)
        for i, p in enumerate(phrases):
            s, m = self.states[p]
            states[i, : len(m)], mask[i, : len(m)] = s, m
        return states, mask


def encoded_phrases(cfg: ModelConfig, phrases: list[str]) -> dict[str, tuple[torch.Tensor, torch.Tensor]]:
    from omni_model.model.text import TextEncoder, tokenize  # here alone: a GPU machine reads the states from a file

    encoder = TextEncoder(cfg.text)
    states = {}
    with torch.no_grad():
        for i in range(0, len(phrases), 64):
            chunk = phrases[i : i + 64]
            ids, mask = tokenize(chunk, cfg.text.max_tokens)
            hidden = encoder(ids, mask)
            for k, p in enumerate(chunk):
                n = int(mask[k].sum())
                states[p] = (hidden[k, :n].clone(), torch.ones(n))
    return states


def make_batch(sampler: SeparationSampler, rng: random.Random, size: int, twins: int = 0) -> dict:
    """`size` mixtures, of which `twins` pairs are one mixture asked for a sound it holds and for one it does not."""
    mixes = [m for _ in range(twins) for m in sampler.sample_twins(rng)]
    mixes += [sampler.sample(rng) for _ in range(size - len(mixes))]
    return {
        "mixture": torch.from_numpy(np.stack([m.mixture for m in mixes])),
        "target": torch.from_numpy(np.stack([m.target for m in mixes])),
        "query": [m.query for m in mixes],
        "present": torch.tensor([m.present for m in mixes], dtype=torch.float32),
    }


def snr_db(estimate: torch.Tensor, reference: torch.Tensor) -> torch.Tensor:
    """Per example [B]: the magnitude-domain SNR of `estimate` against `reference` [B, bins, frames], capped at
    SNR_CAP_DB so that examples already well separated stop pulling."""
    power = torch.sum(reference**2, dim=(1, 2))
    error = torch.sum((estimate - reference) ** 2, dim=(1, 2))
    return torch.clamp(10 * torch.log10((power + 1e-10) / (error + 1e-10)), max=SNR_CAP_DB)


def losses(model: Separator, batch: dict, phrases: PhraseStates, snr_weight: float = 0.0) -> dict[str, torch.Tensor]:
    states, mask = phrases.batch(batch["query"])
    est_mask, presence = model(batch["mixture"], states, mask)
    mask_t = est_mask.transpose(1, 2)  # [B, bins, frames]
    xr, xi = model.spectrum(batch["mixture"])
    tr, ti = model.spectrum(batch["target"])
    mix = torch.sqrt(xr**2 + xi**2 + 1e-12)
    target = torch.sqrt(tr**2 + ti**2 + 1e-12)
    residual = torch.sqrt((xr - tr) ** 2 + (xi - ti) ** 2 + 1e-12)
    ref = torch.sqrt(torch.mean(mix**2, dim=(1, 2), keepdim=True) + 1e-12)
    c = lambda m: (m / ref) ** COMPRESS  # noqa: E731
    extract = torch.mean(torch.abs(c(mask_t * mix) - c(target)))
    remove = torch.mean(torch.abs(c((1 - mask_t) * mix) - c(residual)))
    # The ideal ratio mask, cell by cell, weighted by how much each cell is heard: a per-cell target that trains far
    # faster than the reconstructions alone, whose "mask everything out" start is hard to leave.
    ideal = (target / (target + residual)).clamp(0, 1)
    weight = c(mix)
    ratio = torch.sum(weight * F.binary_cross_entropy(mask_t.clamp(1e-6, 1 - 1e-6), ideal, reduction="none")) / torch.sum(weight)
    # A frame holds the sound where the target carries at least a tenth of the mixture's power there.
    frame_target, frame_mix = (target**2).sum(1), (mix**2).sum(1)
    label = ((frame_target > 0.1 * frame_mix) & (frame_target > 1e-10)).float() * batch["present"][:, None]
    presence_loss = F.binary_cross_entropy_with_logits(presence, label)
    # Magnitude SNR of the extracted sound against the mixture's, over the examples whose sound is there (monitoring).
    present = batch["present"] > 0
    snri = (snr_db(mask_t * mix, target) - snr_db(mix, target))[present].median() if present.any() else torch.tensor(0.0)
    # Uncompressed SNRs in dB weigh the loud cells, where the sound is: the compressed terms above let a mask hedge
    # (the shipped one passes a third of the asked sound's energy on the test split), these make it commit. Remove
    # counts for every example (a sound not there: keep the mixture), extract where the sound is there.
    removed_snr = snr_db((1 - mask_t) * mix, residual).mean()
    extracted_snr = snr_db(mask_t * mix, target)[present].mean() if present.any() else torch.tensor(0.0)
    snr_loss = -(removed_snr + extracted_snr) / SNR_CAP_DB
    return {
        "loss": ratio + extract + remove + 0.2 * presence_loss + snr_weight * snr_loss,
        "removed_snr": removed_snr.detach(),
        "extracted_snr": extracted_snr.detach(),
        "ratio": ratio,
        "extract": extract,
        "remove": remove,
        "presence": presence_loss,
        "presence_acc": ((presence > 0).float() == label).float().mean(),
        "snri": snri.detach(),
    }


def source_catalogue(data: Path) -> Catalogue:
    """The clips to mix: a built data set's catalogue, or the one a data config (.json) gathers."""
    return catalogue_for(data)


def train(
    config: Path,
    data: Path,
    run: Path,
    minutes: float,
    batch_size: int = 16,
    seconds: float = 3.0,
    lr: float = 1e-3,
    seed: int = 0,
    max_steps: int | None = None,
    init: Path | None = None,
    twins: int = 0,
    snr_weight: float = 0.0,
    room: float = 0.0,
    layer: float = 0.0,
    ear: tuple[int, ...] = (),
    workers: int = 0,
    phrases_file: Path | None = None,
    no_bed: float = 0.0,
) -> Path:
    cfg = load_model_config(config)
    if ear:
        cfg = replace(cfg, separator=replace(cfg.separator, ear=ear))
    catalogue = source_catalogue(data)
    train_sampler = SeparationSampler(catalogue, "train", seconds=seconds, p_room=room, p_layer=layer, p_no_bed=no_bed)
    valid_sampler = SeparationSampler(catalogue, "valid", seconds=seconds)
    device = training_device()
    phrases = PhraseStates(cfg, all_training_phrases(), phrases_file).to(device)
    torch.manual_seed(seed)
    model = Separator(cfg)
    # Runs this one continues (`--init`), oldest first: what the card counts as the separator's whole training.
    earlier: list[dict] = []
    if init is not None:
        start = torch.load(init, map_location="cpu", weights_only=False)
        load_earlier(model, start["separator"])
        earlier = earlier_runs(start)
    model.to(device)
    model.set_query_statistics(phrases.pooled())
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    run.mkdir(parents=True, exist_ok=True)
    checkpoint = run / "checkpoint.pt"
    progress = resume(checkpoint, model, opt)
    train_batches = batches(lambda rng: make_batch(train_sampler, rng, batch_size, twins), seed * 1_000_003 + progress.step, workers, device)
    valid = [to_device(make_batch(valid_sampler, random.Random(10_000 + i), batch_size), device) for i in range(4 if max_steps is None else 1)]

    def weights() -> dict:
        trained = {
            "step": progress.step,
            "minutes": progress.elapsed / 60,
            "data": data.name,
            "earlier": earlier,
            "twins": twins,
            "snr_weight": snr_weight,
            "room": room,
            "layer": layer,
            "no_bed": no_bed,
        }
        return {"separator": cpu_state(model), "config": cfg.to_json(), **trained}

    def save() -> None:
        save_checkpoint(checkpoint, model, opt, progress)
        torch.save(weights(), run / "separator-weights.pt")

    train_for(
        model,
        opt,
        progress,
        minutes=minutes,
        max_steps=max_steps,
        peak_lr=lr,
        train_losses=lambda: losses(model, next(train_batches), phrases, snr_weight),
        valid_losses=lambda: [losses(model, b, phrases, snr_weight) for b in valid],
        log_path=run / "log.jsonl",
        save=save,
        on_valid=keep_best(run / "separator-best-weights.pt", weights),
    )
    return run / "separator-weights.pt"


def channels(text: str) -> tuple[int, ...]:
    return tuple(int(c) for c in text.split(",") if c)


def load_earlier(model: Separator, state: dict) -> None:
    """Earlier weights into the model; an ear they lack starts silent (Ear's zero output), so they continue unchanged."""
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or any(not k.startswith("ear.") for k in missing):
        raise ValueError(f"the earlier separator does not fit this one: missing {missing}, unexpected {unexpected}")


def main(argv: list[str] | None = None) -> None:
    p = mixture_stage_arguments(__doc__, "separator", minutes=80.0, batch=16, seconds=3.0, lr=1e-3)
    p.add_argument("--twins", type=int, default=0, help="pairs per batch of one mixture asked for a sound it holds and one it lacks")
    p.add_argument("--snr-weight", type=float, default=0.0, help="weight of the uncompressed remove and extract SNR loss")
    p.add_argument("--room", type=float, default=0.0, help="share of training sounds put through another room and recording chain")
    p.add_argument("--layer", type=float, default=0.0, help="share of events layered from two recordings of their category")
    p.add_argument("--ear", type=channels, default=(), help="channels of the ear's stages, e.g. 16,32,48,64 (none by default)")
    p.add_argument("--no-bed", type=float, default=0.0, help="share of training scenes whose events are alone on silence")
    args = parse_with_recipe(p, argv)
    print(
        train(
            args.config,
            args.data,
            args.run,
            args.minutes,
            args.batch,
            args.seconds,
            args.lr,
            args.seed,
            args.steps,
            args.init,
            args.twins,
            args.snr_weight,
            args.room,
            args.layer,
            args.ear,
            args.workers,
            args.phrases,
            args.no_bed,
        )
    )


if __name__ == "__main__":
    main()
