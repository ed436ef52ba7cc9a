"""The designed sound effects: every category makes audible, finite, distinct clips, the same ones for one seed."""

import numpy as np
import pytest

from omni_data.catalogue import refuse_validation_source
from omni_data.sources.designed import DESIGNS, design, read
from omni_data.taxonomy import TAXONOMY

RATE = 16000


@pytest.mark.parametrize("category", sorted(DESIGNS))
def test_each_design_is_a_new_audible_instance(category):
    first, second = design(category, 0, RATE, seed=1), design(category, 1, RATE, seed=1)
    for clip in (first, second):
        assert np.isfinite(clip).all()
        assert 0.1 * RATE <= len(clip) <= 20 * RATE
        assert np.max(np.abs(clip)) == pytest.approx(0.5, abs=1e-3)
    assert len(first) != len(second) or not np.allclose(first, second)
    assert np.array_equal(first, design(category, 0, RATE, seed=1))


def test_designs_name_categories_of_the_taxonomy_and_are_credited():
    assert set(DESIGNS) <= set(TAXONOMY)
    clips = list(read(RATE, per_category=2, seed=3))
    assert len(clips) == 2 * len(DESIGNS)
    for clip, audio in clips:
        refuse_validation_source(clip)  # a source of ours, never the validation packages
        assert clip.licence == "CC0-1.0" and "omni_data" in clip.credit
        assert audio.dtype == np.float32
