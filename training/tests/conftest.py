import json
from pathlib import Path

import pytest

from omni_data.build import build
from omni_data.config import load_config

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
def rows(built_slice):
    return [json.loads(line) for meta in sorted(built_slice.glob("*/shard-*/metadata.jsonl")) for line in meta.read_text().splitlines()]
