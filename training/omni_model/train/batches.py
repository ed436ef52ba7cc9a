"""Training batches of mixtures made on the fly, in worker processes when asked (a GPU steps faster than one core
mixes scenes), and the device the separator and the detector train on."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator

import torch
from torch.utils.data import DataLoader, IterableDataset


def training_device() -> str:
    return "cuda" if torch.cuda.is_available() else "cpu"


class _Endless(IterableDataset):
    """Batches from `make`, each worker with its own random stream."""

    def __init__(self, make: Callable[[random.Random], dict], seed: int) -> None:
        self.make, self.seed = make, seed

    def __iter__(self) -> Iterator[dict]:
        worker = torch.utils.data.get_worker_info()
        torch.set_num_threads(1)  # the workers mix in numpy; the model's threads stay free
        rng = random.Random(self.seed * 1_009 + (worker.id if worker else 0))
        while True:
            yield self.make(rng)


def batches(make: Callable[[random.Random], dict], seed: int, workers: int = 0, device: str = "cpu") -> Iterator[dict]:
    """Endless batches from `make(rng)` on `device`: made in this process (workers 0, one stream seeded with `seed`) or
    in `workers` processes that keep a few batches ready."""
    if workers == 0:
        rng = random.Random(seed)
        while True:
            yield to_device(make(rng), device)
    loader = DataLoader(_Endless(make, seed), batch_size=None, num_workers=workers, prefetch_factor=4, pin_memory=device == "cuda")
    for batch in loader:
        yield to_device(batch, device)


def to_device(batch: dict, device: str) -> dict:
    return {k: v.to(device, non_blocking=True) if isinstance(v, torch.Tensor) else v for k, v in batch.items()}
