import json
import math
from pathlib import Path

import pytest

from omni_data.build import build
from omni_data.catalogue import Catalogue
from omni_data.config import load_config
from omni_data.gather import build_catalogue

CONFIG = Path(__file__).resolve().parent.parent / "configs" / "data-test.json"


@pytest.fixture(scope="session")
def slice_cfg():
    return load_config(CONFIG)


@pytest.fixture(scope="session")
def built_slice(tmp_path_factory, slice_cfg):
    """The small test slice, built once per session (seconds)."""
    out = tmp_path_factory.mktemp("slice")
    build(slice_cfg, out, workers=2, progress=False)
    return out


@pytest.fixture(scope="session")
def catalogue(built_slice, slice_cfg) -> Catalogue:
    """The test slice's source clips with their audio."""
    return build_catalogue(slice_cfg, built_slice / "catalogue", progress=False)


@pytest.fixture(scope="session")
def rows(built_slice):
    return [json.loads(line) for meta in sorted(built_slice.glob("*/shard-*/metadata.jsonl")) for line in meta.read_text().splitlines()]


def nearly_equal(a, b, rel: float = 1e-4) -> bool:
    """JSON-like values equal, floats within `rel` of each other: PyTorch's float results differ in the last digits
    between CPUs (an AMD EPYC against the Intel machine that wrote the shared fixtures)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(nearly_equal(a[k], b[k], rel) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(nearly_equal(x, y, rel) for x, y in zip(a, b))
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)
    return a == b
