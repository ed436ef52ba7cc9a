"""The separator's data, training, export into a pack and evaluation path, on the test slice and the test pack."""

import json
import random
import shutil
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
import torch

from omni_data.catalogue import VALIDATION_ONLY_PACKAGES, Catalogue, RefusedSource, SourceClip
from omni_data.queries import DESCRIPTIONS, held_out, training_descriptions
from omni_data.separation import SeparationSampler, another_room, clashes, layered, vary
from omni_data.sources.packaged import PackagedSet, read
from omni_model.cli import TEST_PACK_CONFIG, TEST_PACK_DIR
from omni_model.evaluation.evaluate import OnnxPack
from omni_model.evaluation.evaluate_edits import StudioSeparator, add_summary, mask_share, score, score_add, summary, synthetic_cases
from omni_model.model.separator import INPUT_DBFS, Separator, input_gain
from omni_model.packing.export import check_goldens
from omni_model.packing.pack import add_separator
from omni_model.packing.recover import separator_from_pack
from omni_model.train.train_separator import SNR_CAP_DB, load_earlier, snr_db, train


@pytest.mark.parametrize("package", sorted(VALIDATION_ONLY_PACKAGES))
def test_the_real_validation_packages_are_refused_as_training_sources(package):
    clip = SourceClip(id=f"{package}/bee", source=package, group=f"{package}/bee", category="impact", caption="bee", licence="GPL-2", credit="x")
    with pytest.raises(RefusedSource, match="validation"):
        Catalogue(16000).add(clip, np.zeros(1600, np.float32), (0.8, 0.1, 0.1))


def test_a_clip_another_package_took_from_a_validation_game_is_refused_and_left_out_when_read(tmp_path):
    clip = SourceClip(
        id="kart-data/anvil",
        source="kart-data",
        group="kart-data/anvil",
        category="impact",
        caption="anvil",
        licence="GPL-2",
        credit="Battle for Wesnoth team",
    )
    with pytest.raises(RefusedSource, match="validation"):
        Catalogue(16000).add(clip, np.zeros(1600, np.float32), (0.8, 0.1, 0.1))
    tone = (0.5 * np.sin(np.arange(8000) * 2 * np.pi * 440 / 16000)).astype(np.float32)
    for name in ("anvil", "clang"):
        sf.write(tmp_path / f"{name}.wav", tone, 16000)
    (tmp_path / "copyright").write_text(
        "Files: *\nCopyright: 2020 Kart Authors\nLicense: GPL-2+\n\nFiles: anvil.wav\nCopyright: Battle for Wesnoth team\nLicense: GPL-2+\n"
    )
    packaged = PackagedSet("kart-data", tmp_path, "*.wav", tmp_path / "copyright", "", "Kart", names=((r".", "impact"),))
    with pytest.warns(UserWarning, match="anvil.wav is credited to a game kept for validation"):
        read_back = [clip.id for clip, _ in read(packaged, 16000)]
    assert read_back == ["kart-data/clang"]


def test_no_clip_of_the_built_data_comes_from_the_validation_packages(catalogue):
    assert catalogue.clips and not any(c.source in VALIDATION_ONLY_PACKAGES for c in catalogue.clips.values())


def test_the_real_validation_set_is_stereo_44k_at_a_normal_level_with_the_event_inside():
    from omni_data import real_validation

    examples = real_validation.build(6)
    for e in examples:
        assert e.mixture.shape[1] == 2 and e.mixture.shape[0] == int(real_validation.SECONDS * real_validation.RATE)
        level = 20 * np.log10(np.sqrt(np.mean(e.mixture.astype(np.float64) ** 2)))
        assert level == pytest.approx(real_validation.LEVEL_DBFS, abs=0.1) or np.max(np.abs(e.mixture)) >= 0.98
        assert np.allclose(e.mixture, e.bed + e.event, atol=1e-6)
        span = e.event[e.onset : e.onset + e.length]
        snr = 10 * np.log10(np.sum(span.astype(np.float64) ** 2) / np.sum(e.bed[e.onset : e.onset + e.length].astype(np.float64) ** 2))
        assert -0.01 <= snr <= 3.01 and e.wrong_description != e.description
    assert len({e.id.split("-")[2] for e in examples}) > 1  # several beds


def test_every_category_has_words_to_train_on_and_one_held_out():
    for category, words in DESCRIPTIONS.items():
        assert held_out(category) not in training_descriptions(category)
        assert len(training_descriptions(category)) >= 3, category
        assert len(words) == len(set(words)), category


def test_mixtures_name_a_present_sound_or_an_absent_one_and_keep_the_others(catalogue):
    sampler = SeparationSampler(catalogue, "train", seconds=2.0, p_absent=0.3)
    rng = random.Random(3)
    mixes = [sampler.sample(rng) for _ in range(60)]
    levels = [20 * np.log10(np.sqrt(np.mean(m.mixture.astype(np.float64) ** 2))) for m in mixes]
    assert all(sampler.level_dbfs[0] - 0.01 <= lv <= sampler.level_dbfs[1] + 0.01 or np.max(np.abs(m.mixture)) > 0.98 for lv, m in zip(levels, mixes))
    absent = [m for m in mixes if not m.present]
    present = [m for m in mixes if m.present]
    assert 5 <= len(absent) <= 35 and present
    for m in absent:
        assert not m.target.any()  # nothing matches: the target is silence
    for m in present:
        rest = m.mixture - m.target
        assert np.sum(m.target.astype(np.float64) ** 2) > 0 and np.sum(rest.astype(np.float64) ** 2) > 0  # the other sounds stay
    for m in mixes:
        assert m.query in training_descriptions(m.category) and len(m.mixture) == 32000


def test_scenes_without_a_bed_hold_their_events_alone_and_name_one_of_them(catalogue):
    sampler = SeparationSampler(catalogue, "train", seconds=2.0, p_no_bed=1.0, p_absent=0.0)
    scene = sampler.scene(random.Random(9)).without_bed()
    assert scene.bed_category is None and not scene.background.any() and scene.events
    rng = random.Random(5)
    mixes = [sampler.sample(rng) for _ in range(20)]
    assert all(m.present and m.category in sampler.events for m in mixes)  # never the bed: there is none
    assert any(not np.any(np.abs(m.mixture - m.target) > 1e-6) for m in mixes)  # a lone event: nothing else is there


def test_twins_ask_one_mixture_for_a_sound_it_holds_and_for_one_it_lacks(catalogue):
    sampler = SeparationSampler(catalogue, "train", seconds=2.0)
    rng = random.Random(4)
    for _ in range(10):
        named, twin = sampler.sample_twins(rng)
        assert named.present and np.sum(named.target.astype(np.float64) ** 2) > 0
        assert np.array_equal(named.mixture, twin.mixture) and not twin.present and not twin.target.any()
        assert twin.category != named.category and not clashes(twin.category, named.category)
        assert twin.query in training_descriptions(twin.category)


def test_another_take_of_a_sound_changes_its_speed_and_colour_within_bounds():
    rng = random.Random(5)
    sound = np.random.default_rng(0).standard_normal(16000).astype(np.float32) * 0.1
    for _ in range(10):
        faster_or_slower = vary(sound, rng, speed=True)
        assert 16000 / 2 ** (3 / 12) - 2 <= len(faster_or_slower) <= 16000 * 2 ** (3 / 12) + 2
        recoloured = vary(sound, rng, speed=False)
        assert len(recoloured) == 16000 and np.isfinite(recoloured).all()
        assert 0.2 < np.std(recoloured) / np.std(sound) < 3.0


def test_another_room_keeps_the_length_and_the_sound_but_changes_its_chain():
    rng, sound = random.Random(3), np.random.default_rng(3).standard_normal(16000).astype(np.float32) * 0.1
    sound[8000:] = 0  # a sound that stops: a room lets it ring on
    takes = [another_room(sound, rng) for _ in range(20)]
    assert all(t.shape == sound.shape and t.dtype == np.float32 and np.all(np.isfinite(t)) for t in takes)
    ringing = [float(np.sqrt(np.mean(t[8000:9600] ** 2))) for t in takes]
    assert sum(r > 1e-3 for r in ringing) >= 8  # most takes are in a room: the sound's tail rings past its end
    # Always the same sound: the take stays correlated with the dry recording.
    assert all(np.corrcoef(t[:8000], sound[:8000])[0, 1] > 0.3 for t in takes)


def test_a_layered_sound_is_as_long_as_the_first_and_holds_the_second_under_it():
    rng = random.Random(7)
    first = np.zeros(8000, np.float32)
    first[:4000] = 0.1
    second = np.full(12000, 0.5, np.float32)
    level = float(np.sqrt(np.mean(first**2)))
    for _ in range(10):
        sound = layered(first, second, rng)
        assert sound.shape == first.shape and sound.dtype == np.float32
        # The second joins 0-80 ms in, 0-9 dB under the first by RMS: never louder than it, always heard.
        added = sound - first
        assert level * 10 ** (-9 / 20) * 0.99 <= float(np.max(added)) <= level * 1.01
        assert np.all(added[1281:] > 0)


def test_layering_builds_events_from_two_recordings_of_their_category(catalogue, monkeypatch):
    import omni_data.separation as separation

    pairs: list[tuple[np.ndarray, np.ndarray]] = []
    monkeypatch.setattr(separation, "layered", lambda a, b, rng: pairs.append((a, b)) or a + b)
    sampler = SeparationSampler(catalogue, "train", p_layer=1.0)
    for seed in range(5):
        before = len(pairs)
        scene = sampler.scene(random.Random(seed))
        assert len(pairs) - before == len(scene.events)  # every event of the scene is two recordings
    assert all(len(a) == len(b) for a, b in pairs)
    assert SeparationSampler(catalogue, "train").p_layer == 0.0  # off unless a run asks for it


def test_confusable_sounds_are_never_mixed_or_asked_for_one_another():
    assert clashes("speech", "voice") and clashes("drums", "tabla") and not clashes("dog", "rain")


def test_the_input_gain_brings_a_clip_to_the_models_level_and_leaves_silence():
    x = 0.5 * np.sin(np.arange(16000) / 5).astype(np.float32)
    assert 20 * np.log10(np.sqrt(np.mean((x * input_gain(x)) ** 2))) == pytest.approx(INPUT_DBFS, abs=1e-6)
    assert input_gain(np.zeros(100)) == 1.0


def test_the_separator_is_level_free_at_its_input_and_gives_a_mask_per_frame():
    from omni_model.model.config import load_model_config

    model = Separator(load_model_config(TEST_PACK_CONFIG)).eval()
    wav = torch.randn(1, 16000) * 0.05
    states, mask = torch.randn(1, 4, 32), torch.ones(1, 4)
    m, p = model(wav, states, mask)
    assert m.shape == (1, 16000 // 128 + 1, 257) and p.shape == (1, 16000 // 128 + 1)
    assert float(m.min()) >= 0 and float(m.max()) <= 1


def test_the_snr_loss_prefers_a_committed_mask_to_a_hedging_one_and_is_capped():
    torch.manual_seed(0)
    sound, rest = torch.rand(2, 257, 40) * (torch.rand(2, 257, 40) > 0.8), torch.rand(2, 257, 40) * 0.1
    mix = sound + rest
    ideal = sound / (mix + 1e-9)
    hedging = 0.35 * ideal  # the shipped separator's habit: a third of the sound's energy
    committed, hedged = snr_db(ideal * mix, sound), snr_db(hedging * mix, sound)
    assert bool(torch.all(committed > hedged + 3))
    assert bool(torch.all(committed <= SNR_CAP_DB)) and float(snr_db(sound, sound).max()) == SNR_CAP_DB


@pytest.fixture(scope="module")
def trained(built_slice, tmp_path_factory) -> Path:
    run = tmp_path_factory.mktemp("separator")
    train(TEST_PACK_CONFIG, built_slice, run, minutes=10, batch_size=4, seconds=1.0, max_steps=3, snr_weight=1.0, room=0.5)
    return run


def test_the_separator_trains_and_resumes(trained, built_slice):
    state = torch.load(trained / "checkpoint.pt", weights_only=False)
    assert state["step"] == 3
    train(TEST_PACK_CONFIG, built_slice, trained, minutes=10, batch_size=4, seconds=1.0, max_steps=5)
    assert torch.load(trained / "checkpoint.pt", weights_only=False)["step"] == 5
    rows = [json.loads(line) for line in (trained / "log.jsonl").read_text().splitlines()]
    assert rows[-1]["step"] == 5 and np.isfinite(rows[-1]["loss"]) and "valid_loss" in rows[-1]


def test_training_can_start_from_earlier_weights(trained, built_slice, tmp_path):
    earlier = torch.load(trained / "separator-weights.pt", weights_only=False)["separator"]
    train(TEST_PACK_CONFIG, built_slice, tmp_path, minutes=10, batch_size=2, seconds=1.0, max_steps=1, init=trained / "separator-weights.pt")
    state = torch.load(tmp_path / "checkpoint.pt", weights_only=False)
    assert state["step"] == 1  # a fresh schedule, not the earlier run's
    later = torch.load(tmp_path / "separator-weights.pt", weights_only=False)["separator"]
    # The query statistics are measured afresh from the phrase states (the test pack's text encoder is not pretrained).
    learned = [k for k in earlier if not k.startswith("query_")]
    assert [k for k in learned if not torch.allclose(earlier[k], later[k], atol=1e-3)] == []


def test_a_trained_separator_joins_a_pack_and_its_int8_goldens_hold(trained, built_slice, tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(TEST_PACK_DIR, pack)
    before = json.loads((pack / "manifest.json").read_text())
    manifest = add_separator(pack, trained / "separator-weights.pt", built_slice, "9.9.9")
    assert manifest["pack_version"] == "9.9.9" and manifest["separation"]["tasks"] == ["remove", "extract"]
    # Every variant the pack ships but half precision, which would blur the separator's STFT (as the mel front end's).
    assert set(manifest["sessions"]["separator"]["dtypes"]) == set(before["variant_bytes"]) - {"fp16"}
    for role in before["sessions"]:
        if role != "separator":
            assert manifest["sessions"][role] == before["sessions"][role]  # the rest of the pack is untouched
    check_goldens(pack, dtype="int8")
    # A fresh machine continues from the pack: its weights read back, exactly from fp32, within rounding from int8.
    trained_state = torch.load(trained / "separator-weights.pt", weights_only=False)["separator"]
    for dtype, tolerance in (("fp32", 1e-6), ("int8", 1e-2)):
        read = separator_from_pack(pack, dtype)
        assert read["golden_error"] <= tolerance * 5
        for key, value in trained_state.items():
            assert torch.allclose(read["separator"][key], value, atol=tolerance * float(value.abs().max()) + 1e-7), (dtype, key)


def test_an_ear_starts_silent_so_earlier_weights_continue_where_they_were():
    from dataclasses import replace

    from omni_model.model.config import load_model_config

    cfg = load_model_config(TEST_PACK_CONFIG)
    torch.manual_seed(0)
    earlier = Separator(cfg).eval()
    with_ear = Separator(replace(cfg, separator=replace(cfg.separator, ear=(4, 8)))).eval()
    load_earlier(with_ear, earlier.state_dict())
    wav, states, mask = torch.randn(1, 16000) * 0.05, torch.randn(1, 4, 32), torch.ones(1, 4)
    for before, after in zip(earlier(wav, states, mask), with_ear(wav, states, mask), strict=True):
        assert torch.equal(before, after)
    missing = {k: v for k, v in earlier.state_dict().items() if not k.startswith("mask_head.")}
    with pytest.raises(ValueError, match="does not fit"):
        load_earlier(with_ear, missing)


def test_a_separator_with_an_ear_trains_from_earlier_weights_and_joins_a_pack(trained, built_slice, tmp_path):
    run, pack = tmp_path / "ear", tmp_path / "pack"
    train(TEST_PACK_CONFIG, built_slice, run, minutes=10, batch_size=2, seconds=1.0, max_steps=2, init=trained / "separator-weights.pt", ear=(4, 8))
    shutil.copytree(TEST_PACK_DIR, pack)
    manifest = add_separator(pack, run / "separator-weights.pt", built_slice, "9.9.9")
    assert manifest["model_config"]["separator"]["ear"] == [4, 8]
    check_goldens(pack, dtype="int8")
    # The exporter folds the ear's batch norms into its convolutions; the weights still read back for `--init`.
    assert separator_from_pack(pack, "fp32")["golden_error"] <= 5e-6


def test_the_evaluation_windows_join_without_a_seam():
    separator = StudioSeparator(OnnxPack(TEST_PACK_DIR, "fp32", threads=1))
    source = (0.2 * np.sin(np.arange(7 * 16000 + 77) / 7)).astype(np.float32)
    whole, _, _ = separator("a dog barking", source)
    separator.settings = {**separator.settings, "window_seconds": 2.0}
    windowed, _, _ = separator("a dog barking", source)
    assert whole.shape == (len(source) // 128 + 1, 257)
    assert np.max(np.abs(whole - windowed)) < 1e-4


def test_the_evaluation_scores_the_studios_path_with_its_controls(built_slice):
    separator = StudioSeparator(OnnxPack(TEST_PACK_DIR, "int8", threads=1))
    cases = synthetic_cases(built_slice, 2, seconds=3.0)
    rows = [score(separator, c) for c in cases]
    s = summary(rows)
    for key in ("remove_sisdri_median", "extract_sisdri_median", "wrong_event_db_median", "absent_change_db_median", "damaged_share"):
        assert np.isfinite(s[key])
    assert 0 <= s["alone_recognised_share"] <= 1
    for row in rows:
        assert 0 <= row["alone_right"] <= 1 and 0 <= row["alone_wrong"] <= 1
        if not row["found"]:  # the studio leaves a clip alone when the sound is not found
            assert row["remove_sisdri"] == pytest.approx(0.0, abs=1e-6) and row["remove_event_db"] == pytest.approx(0.0, abs=1e-6)


def test_the_mask_share_is_the_share_of_the_sounds_power_a_mask_takes():
    sound = np.random.default_rng(0).standard_normal(16000)
    frames = len(sound) // 128 + 1
    assert mask_share(np.ones((frames, 257)), sound) == pytest.approx(1.0)
    assert mask_share(np.zeros((frames, 257)), sound) == 0.0
    half = np.zeros((frames, 257))
    half[:, :129] = 1.0  # the lower half of the band holds half of white noise's power
    assert mask_share(half, sound) == pytest.approx(0.5, abs=0.03)


def test_an_addition_lands_at_the_asked_level_over_the_background_or_at_most_30_db_up():
    from omni_model.model.preserve import loudest_window, preserve

    rate, n = 16000, 3 * 16000
    bed = (0.1 * np.random.default_rng(4).standard_normal(n)).astype(np.float32)
    chirp = np.where((np.arange(n) > rate) & (np.arange(n) < 2 * rate), 0.3 * np.sin(np.arange(n) * 0.3), 0.0).astype(np.float32)
    energy = lambda x: float(np.sum(x.astype(np.float64) ** 2))  # noqa: E731
    drawn = preserve("add", bed, bed + chirp, bed, rate=rate) - bed
    assert energy(drawn) > 0
    added = preserve("add", bed, bed + chirp, bed, add_level_db=-6.0, rate=rate) - bed
    at, size = loudest_window(added, rate)
    assert 10 * np.log10(energy(added[at : at + size]) / energy(bed[at : at + size])) == pytest.approx(-6.0, abs=0.1)
    # +40 dB over the bed is more than the +30 dB an addition may be raised by: it stops there.
    loud = preserve("add", bed, bed + chirp, bed, add_level_db=40.0, rate=rate) - bed
    assert 10 * np.log10(energy(loud) / energy(drawn)) == pytest.approx(30.0, abs=0.1)


def test_the_add_evaluation_scores_the_drawn_and_the_leveled_addition():
    pack = OnnxPack(TEST_PACK_DIR, "int8", threads=1)
    separator = StudioSeparator(pack)
    bed = (0.05 * np.random.default_rng(1).standard_normal((2 * 44100, 2))).astype(np.float32)
    rows = [score_add(pack, separator, bed, 44100, "a dog barking", seed=s, level_db=-6.0) for s in range(2)]
    s = add_summary(rows, -6.0)
    assert s["examples"] == 2 and 0 <= s["leveled_within_6db"] <= 1 and np.isfinite(s["drawn_level_db_median"])
    assert all(isinstance(r["identity_found"], bool) for r in rows)


def test_the_card_counts_every_run_a_separator_continued():
    from omni_model.packing.card import _separator_training

    said = _separator_training(
        {"step": 4000, "minutes": 100.0, "data": "data-separator.json", "earlier": [{"step": 6330, "minutes": 82.0, "data": "default"}]}
    )
    assert said.startswith("6,330 steps (82.0 min, sources of default) then 4,000 steps (100.0 min, sources of data-separator.json)")
