"""The sound event detector's labels, model, training, pack export and evaluation path, on the test slice and pack."""

import json
import random

import numpy as np
import pytest
import torch
from conftest import nearly_equal

from omni_data.detection import DetectionSampler, audible_spans, frame_labels
from omni_data.separation import SeparationSampler
from omni_model.cli import TEST_PACK_CONFIG, TEST_PACK_DIR
from omni_model.evaluation.evaluate import OnnxPack
from omni_model.evaluation.evaluate_detector import Clip, StudioDetector, evaluate
from omni_model.model.config import load_model_config
from omni_model.model.detector import Detector
from omni_model.model.sound_events import SoundEvent, clip_tags, silence_gated, sound_events
from omni_model.packing.recover import detector_from_pack
from omni_model.train.train_detector import MAX_BANDS, MAX_MEL_FRAMES, spec_augment, train
from omni_model.train.train_separator import source_catalogue

RATE = 16000


def burst(seconds: float, at: float, length: float) -> np.ndarray:
    x = np.zeros(int(seconds * RATE), np.float32)
    x[int(at * RATE) : int((at + length) * RATE)] = 0.1
    return x


def test_an_event_is_labelled_where_it_is_heard_and_short_pauses_do_not_split_it():
    steps = burst(3.0, 0.5, 0.4) + burst(3.0, 1.0, 0.3)  # a 0.1 s pause
    assert audible_spans(steps, RATE) == [pytest.approx((0.5, 1.3), abs=0.011)]
    apart = burst(3.0, 0.5, 0.4) + burst(3.0, 2.0, 0.3)  # 1.1 s apart: two events
    assert len(audible_spans(apart, RATE)) == 2
    assert audible_spans(np.zeros(RATE, np.float32), RATE) == []


def test_frame_labels_cover_the_frames_whose_centre_is_inside_an_event():
    from omni_data.detection import LabelledEvent

    labels = frame_labels((LabelledEvent("dog", 0.1, 0.3), LabelledEvent("rain", 0.0, 0.4)), ["dog", "rain", "bird"], 10, 0.04)
    assert labels[:, 0].tolist() == [0, 0, 1, 1, 1, 1, 1, 0, 0, 0]  # centres 0.10 ... 0.26 s
    assert labels[:, 1].tolist() == [1] * 10 and not labels[:, 2].any()


def test_mixtures_carry_their_bed_over_the_whole_clip_and_each_event_inside_it(built_slice):
    sampler = DetectionSampler(SeparationSampler(source_catalogue(built_slice), "train", seconds=2.0))
    rng = random.Random(3)
    for _ in range(5):
        mix = sampler.sample(rng)
        assert mix.mixture.shape == (2 * RATE,)
        assert mix.events[0].start == 0.0 and mix.events[0].end == pytest.approx(2.0)
        assert all(0.0 <= e.start < e.end <= 2.0 + 1e-9 for e in mix.events)


def test_a_share_of_scenes_can_be_a_bed_alone_labelled_with_its_bed_only(built_slice):
    catalogue = source_catalogue(built_slice)
    alone = DetectionSampler(SeparationSampler(catalogue, "train", seconds=2.0, p_bed_only=1.0))
    rng = random.Random(4)
    for _ in range(3):
        mix = alone.sample(rng)
        assert len(mix.events) == 1 and (mix.events[0].start, mix.events[0].end) == (0.0, pytest.approx(2.0))
    usual = DetectionSampler(SeparationSampler(catalogue, "train", seconds=2.0))
    assert all(len(usual.sample(rng).events) >= 2 for _ in range(5))  # the bed and at least one event, as before


def test_quiet_scenes_are_labelled_nothing_where_they_are_silent(built_slice):
    from omni_data.detection import Scene, gapped, scene_events

    rng = random.Random(5)
    sampler = DetectionSampler(SeparationSampler(source_catalogue(built_slice), "train", seconds=2.0))
    scene = sampler.scenes.scene(rng)
    while not scene.events:
        scene = sampler.scenes.scene(rng)
    quiet, events = gapped(scene, RATE, rng)
    mixture = quiet.mixture()
    silent = np.abs(mixture) == 0.0
    assert silent.sum() >= 0.5 * RATE  # at least one gap of 0.5 s or more
    frames = frame_labels(events, sorted({e.category for e in events}), 50, 0.04)
    centres = ((np.arange(50) + 0.5) * 0.04 * RATE).astype(int)
    assert not frames[silent[centres]].any()  # a frame whose centre is in a gap holds no label
    assert frames[~silent[centres]].any(axis=1).all()  # the bed is labelled everywhere else
    alone = scene.without_bed()
    events = scene_events(alone, RATE)
    assert not alone.background.any() and scene.bed_category not in {e.category for e in events}
    assert {e.category for e in events} <= {c for c, _ in scene.events}
    assert isinstance(alone, Scene)


def test_a_share_of_training_scenes_hold_silence_and_the_rest_are_as_before(built_slice):
    catalogue = source_catalogue(built_slice)
    rng = random.Random(6)
    quiet = DetectionSampler(SeparationSampler(catalogue, "train", seconds=2.0), p_quiet=1.0)
    for _ in range(6):
        mix = quiet.sample(rng)
        frames = mix.mixture[: len(mix.mixture) // 640 * 640].reshape(-1, 640)
        loudness = 10 * np.log10(np.mean(frames.astype(np.float64) ** 2, axis=1) + 1e-30)
        assert loudness.max() - loudness.min() > 40  # somewhere it is silent, or all but (a faint noise floor)
        first = mix.events[0] if mix.events else None
        assert first is None or not (first.start == 0.0 and first.end == pytest.approx(2.0))  # no label over it all
    usual = DetectionSampler(SeparationSampler(catalogue, "train", seconds=2.0), p_quiet=0.0)
    assert all(usual.sample(rng).events[0].end == pytest.approx(2.0) for _ in range(4))


def test_regions_join_pauses_drop_blips_and_tags_rank_labels():
    p = np.zeros((20, 2), np.float32)
    p[2:6, 0], p[7:9, 0], p[15, 1] = 0.9, 0.8, 0.99  # a pause of one frame; a one-frame blip
    events = sound_events(p, ["dog", "bell"], 0.05, {"threshold": 0.5, "bridge_seconds": 0.05, "min_seconds": 0.1})
    assert events == [SoundEvent("dog", pytest.approx(0.1), pytest.approx(0.45), pytest.approx(0.9))]
    assert [t for t, _ in clip_tags(p, ["dog", "bell"])] == ["bell", "dog"]


def test_frames_quieter_than_the_silence_level_hold_nothing():
    # The case of src/understanding/sound-events.test.ts: digital silence, -80 dBFS, -20 dBFS; two labels at 0.9.
    source = np.array([0, 0, 0, 0, 1e-4, -1e-4, 1e-4, -1e-4, 0.1, -0.1, 0.1, -0.1], np.float32)
    p = np.full((3, 2), 0.9, np.float32)
    assert silence_gated(p, source, 4, -70.0).tolist() == [[0, 0], [0, 0], [pytest.approx(0.9)] * 2]
    assert silence_gated(p, source, 4, None) is p


def test_the_detector_gives_unit_embeddings_per_frame_and_scores_words():
    cfg = load_model_config(TEST_PACK_CONFIG)
    detector = Detector(cfg).eval()
    frames = detector(0.1 * torch.randn(2, 12800))
    assert frames.shape == (2, 12800 // (cfg.audio.hop * cfg.detector.pool_time), cfg.detector.embedding)
    assert torch.allclose(frames.norm(dim=-1), torch.ones(2, frames.shape[1]), atol=1e-5)
    labels = detector.embed_words(torch.randn(3, cfg.text.hidden))
    assert detector.logits(frames, labels).shape == (2, frames.shape[1], 3)


def test_the_detector_trains_and_resumes(built_slice, tmp_path):
    train(TEST_PACK_CONFIG, built_slice, tmp_path, minutes=10, batch_size=2, seconds=1.0, max_steps=2, snapshot_every=2)
    state = torch.load(tmp_path / "detector-weights.pt", weights_only=False)
    assert state["step"] == 2 and state["classes"] and "detector" in state
    assert torch.load(tmp_path / "detector-step2.pt", weights_only=False)["step"] == 2  # kept to choose on real_dev
    best = torch.load(tmp_path / "detector-best-weights.pt", weights_only=False)
    assert best["step"] == 2 and best["valid_loss"] > 0  # the lowest valid loss so far, kept apart
    train(TEST_PACK_CONFIG, built_slice, tmp_path, minutes=10, batch_size=2, seconds=1.0, max_steps=3)
    log = [json.loads(line) for line in (tmp_path / "log.jsonl").read_text().splitlines()]
    assert [row["step"] for row in log] == [2, 3]
    assert sorted(p.name for p in tmp_path.glob("detector-step*.pt")) == ["detector-step2.pt"]


def test_spec_augment_masks_bands_and_short_stretches_never_a_whole_event():
    features = torch.randn(4, 80, 500)
    masked = spec_augment(features, torch.Generator().manual_seed(3))
    zeroed = (masked == 0) & (features != 0)
    whole_frames = zeroed.all(dim=1)  # a time stretch: every band of a frame
    whole_bands = zeroed.all(dim=2)
    assert whole_bands.sum(dim=1).max() <= 2 * MAX_BANDS and whole_bands.any()
    for row in whole_frames:  # two stretches of at most MAX_MEL_FRAMES each: under an event's shortest 0.12 s
        runs = np.diff(np.flatnonzero(np.diff(np.concatenate([[0], row.int().numpy(), [0]]))))[::2]
        assert all(r <= 2 * MAX_MEL_FRAMES for r in runs)
    assert torch.equal(masked[~zeroed], features[~zeroed])  # the rest is untouched


def test_a_fresh_machine_reads_the_packs_detector_back_and_continues_training_it(built_slice, tmp_path):
    read = detector_from_pack(TEST_PACK_DIR, "fp32", fit_steps=30)
    assert read["golden_error"] < 1e-5  # the audio path exactly, its folded batch norms as identity
    assert read["frozen_norms"] and read["classes"]
    torch.save(read, tmp_path / "shipped.pt")
    train(TEST_PACK_CONFIG, built_slice, tmp_path / "run", minutes=10, batch_size=2, seconds=1.0, max_steps=1, init=tmp_path / "shipped.pt")
    state = torch.load(tmp_path / "run" / "detector-weights.pt", weights_only=False)
    assert state["frozen_norms"] and state["earlier"][-1]["data"] == read["data"]  # says where it came from
    detector = Detector(load_model_config(TEST_PACK_CONFIG))
    detector.load_state_dict(state["detector"])
    detector.frozen_norms = True
    detector.train()
    assert detector.input_norm.training and not any(stage.norm.training for stage in detector.stages)


def test_the_test_pack_describes_its_detector_and_the_evaluation_scores_it():
    manifest = json.loads((TEST_PACK_DIR / "manifest.json").read_text())
    settings = manifest["understanding"]["detector"]
    assert len(settings["labels"]) == manifest["sessions"]["detector"]["outputs"][0]["shape"][-1]
    assert all(label["words"] for label in settings["labels"])
    detector = StudioDetector(OnnxPack(TEST_PACK_DIR, "fp32", threads=1))
    detector.settings = {**detector.settings, "threshold": 0.0}  # random weights: every frame holds every label
    clip = Clip("c", 0.1 * np.sin(np.arange(3 * RATE) / 9).astype(np.float32), [SoundEvent("dog", 0.5, 1.5, 1.0)], "dog")
    result = evaluate(detector, [clip])
    assert result["at_pack_threshold"]["event_f1"] < 0.1  # 38 labels over the whole clip: one right onset at best
    assert result["top3_clips"] == 1 and "by_threshold" in result


def test_the_detector_fixture_shared_with_typescript_is_current():
    from omni_model.packing.parity import DETECT_FIXTURE, compute_detect

    assert nearly_equal(json.loads(DETECT_FIXTURE.read_text()), compute_detect()), "run: python -m omni_model.packing.parity"


def test_speech_spans_start_high_end_low_join_pauses_and_drop_blips():
    from omni_model.model.speech import FRAME_SECONDS, speech_spans

    p = np.array([0, 0.6, 0.4, 0.4, 0.1, 0.1, 0.9, 0.9, 0.9] + [0] * 9 + [0.8, 0], np.float32)
    spans = speech_spans(p, {"on": 0.5, "off": 0.35, "bridge_seconds": 0.1, "min_seconds": 0.1})
    assert [(round(a / FRAME_SECONDS), round(b / FRAME_SECONDS)) for a, b, _ in spans] == [(1, 9)]


def test_the_speech_fixture_shared_with_typescript_is_current():
    from omni_model.model.speech import SILERO_PATH
    from omni_model.packing.parity import SPEECH_FIXTURE, compute_speech

    if not SILERO_PATH.exists():
        pytest.skip("the Silero VAD comes with the studio's npm packages (bash scripts/setup.sh); Vitest checks the fixture too")
    assert json.loads(SPEECH_FIXTURE.read_text()) == compute_speech(), "run: python -m omni_model.packing.parity"


def test_the_card_section_states_the_figures_and_how_often_each_label_is_recognised():
    from omni_model.packing.card import detector_section

    scores = {"event_f1": 0.2, "event_precision": 0.3, "event_recall": 0.15, "segment_f1": 0.4}
    result = {
        "results": {
            "real recordings (44.1 kHz stereo, -20 dBFS)": {
                "at_pack_threshold": scores,
                "tagging_map": 0.3,
                "top3": 0.25,
                "top3_chance": 0.079,
                "top3_clips": 37,
                "right_minus_wrong": 0.01,
                "right_above_wrong": 0.51,
                "top3_by_label": {"explosion": "1/4", "speech": "5/7"},
            },
            "real beds alone": {"clips": 8, "false_alarm_seconds_per_minute": 12.5},
        }
    }
    settings = {
        "input_dbfs": -25.0,
        "context_seconds": 1.0,
        "threshold": 0.5,
        "bridge_seconds": 0.2,
        "min_seconds": 0.12,
        "labels": [{"name": "dog"}],
    }
    section = detector_section(result, {"detector": {"step": 10, "minutes": 1.0, "parameters": 1_000_000}}, settings)
    assert "| real recordings (44.1 kHz stereo, -20 dBFS) | 0.2 | 0.3 | 0.15 | 0.4 | 0.3 | 0.25 (0.079; 37 clips) | 0.01 | 0.51 |" in section
    assert "12.5 s per minute" in section and "explosion 1/4, speech 5/7" in section
    assert "quieter than" not in section  # a pack without a silence level says nothing of one
    gated = detector_section(result, {"detector": {"step": 10}}, {**settings, "silence_dbfs": -70.0})
    assert "frames quieter than -70.0 dBFS before the gain hold nothing" in gated


def test_weights_between_two_runs_of_one_stage(tmp_path):
    from omni_model.train.soup import soup

    start = {"detector": {"w": torch.zeros(3), "count": torch.tensor(1)}, "classes": ["a"], "step": 1}
    end = {"detector": {"w": torch.ones(3), "count": torch.tensor(7)}, "classes": ["a"], "step": 9}
    torch.save(start, tmp_path / "start.pt")
    torch.save(end, tmp_path / "end.pt")
    half = soup(tmp_path / "start.pt", tmp_path / "end.pt", 0.25)
    assert half["detector"]["w"].tolist() == [0.25] * 3 and half["detector"]["count"].item() == 7 and half["step"] == 9
    assert half["soup"]["share"] == 0.25
    torch.save({**end, "classes": ["b"]}, tmp_path / "other.pt")
    with pytest.raises(ValueError, match="different classes"):
        soup(tmp_path / "start.pt", tmp_path / "other.pt", 0.5)
    with pytest.raises(ValueError, match="within 0..1"):
        soup(tmp_path / "start.pt", tmp_path / "end.pt", 1.5)


def test_a_packs_detector_takes_new_settings_without_new_weights(tmp_path):
    import shutil

    from omni_model.packing.pack import refresh_detector_settings

    pack = tmp_path / "pack"
    shutil.copytree(TEST_PACK_DIR, pack)
    before = json.loads((pack / "manifest.json").read_text())
    before["understanding"]["detector"]["threshold"] = 0.65  # chosen for this pack's detector: kept
    before["understanding"]["detector"].pop("silence_dbfs", None)
    (pack / "manifest.json").write_text(json.dumps(before))
    after = refresh_detector_settings(pack, "9.9.9")
    detector = after["understanding"]["detector"]
    assert detector["silence_dbfs"] == -70.0 and detector["threshold"] == 0.65 and after["pack_version"] == "9.9.9"
    assert detector["labels"] == before["understanding"]["detector"]["labels"] and after["sessions"] == before["sessions"]
    assert json.loads((pack / "manifest.json").read_text()) == after
