"""The export path: every session in ONNX Runtime matches PyTorch, the manifest is complete, and the committed test
pack is exactly what the export produces (so Python and TypeScript cannot drift apart silently)."""

import base64
import json
from pathlib import Path

import numpy as np
import pytest

from omni_model.cli import TEST_PACK_DIR, export_test_pack
from omni_model.model.text import tokenize
from omni_model.packing.export import check_goldens, encode_chars

MANIFEST_SCHEMA = Path(__file__).resolve().parents[2] / "src" / "modelpack" / "manifest.schema.json"

ROLES = {
    "text_encoder",
    "transcript_encoder",
    "mel_frontend",
    "mel_encoder",
    "sync_encoder",
    "dit",
    "vae_encoder",
    "vae_decoder",
    "vocoder",
    "separator",
    "detector",
}


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pack")
    export_test_pack(out)
    return out


def test_every_session_matches_pytorch_in_onnx_runtime(pack):
    errors = check_goldens(pack, tolerance=1e-4)
    assert set(errors) == ROLES
    goldens = {r: json.loads((pack / "goldens" / f"{r}.json").read_text()) for r in ROLES}
    # The outputs are not trivially zero (random weights, zero-initialised layers filled), so a broken export shows.
    for role, g in goldens.items():
        out = next(iter(g["outputs"].values()))
        assert np.abs(np.frombuffer(base64.b64decode(out["data"]), dtype=out["dtype"])).max() > 1e-6, role


def test_the_half_precision_variant_matches_pytorch_at_half_the_bytes(pack):
    from omni_model.packing.export import FP16_ROLES

    errors = check_goldens(pack, dtype="fp16")
    assert set(errors) == FP16_ROLES and max(errors.values()) < 1e-2
    sessions = json.loads((pack / "manifest.json").read_text())["sessions"]
    assert sessions["dit"]["dtypes"]["fp16"]["bytes"] < 0.8 * sessions["dit"]["dtypes"]["fp32"]["bytes"]
    assert "fp16" not in sessions["text_encoder"]["dtypes"] and "fp16" not in sessions["mel_frontend"]["dtypes"]


def test_the_manifest_describes_sessions_flow_sampler_and_tasks(pack):
    m = json.loads((pack / "manifest.json").read_text())
    assert m["format"] == "omni-studio-pack" and m["version"] == 1
    assert set(m["sessions"]) == ROLES
    for s in m["sessions"].values():
        assert (pack / s["file"]).stat().st_size == s["bytes"] and len(s["sha256"]) == 64
    assert m["flow"]["time"] == "1->0" and m["flow"]["prediction"] == "velocity"
    assert m["audio"]["latent_rate"] == 25.0 and m["audio"]["sample_rate"] == 16000
    assert {t["id"] for t in m["tasks"]} >= {"t2a", "t2m", "add", "remove", "extract", "style"}
    assert m["model_config"]["dit"]["depth"] == 2
    assert m["separation"]["tasks"] == ["remove", "extract"] and m["separation"]["hop"] == m["model_config"]["separator"]["hop"]


def test_every_manifest_holds_exactly_what_the_studio_reads(pack):
    """src/modelpack/manifest.schema.json is generated from the studio's zod schema (npx tsx
    scripts/write-manifest-schema.ts): a field it lacks would be dropped silently, a wrong type refused at load."""
    import jsonschema

    schema = json.loads(MANIFEST_SCHEMA.read_text())
    for manifest in [pack / "manifest.json", *sorted(TEST_PACK_DIR.parent.glob("*/manifest.json"))]:
        jsonschema.validate(json.loads(manifest.read_text()), schema, cls=jsonschema.Draft202012Validator)


def test_token_ids_and_transcript_bytes_in_the_goldens_are_the_tokenizers(pack):
    m = json.loads((pack / "manifest.json").read_text())
    golden = json.loads((pack / "goldens" / "text_encoder.json").read_text())
    ids = np.frombuffer(base64.b64decode(golden["inputs"]["input_ids"]["data"]), dtype=np.int64)
    expected, _ = tokenize([m["golden_text"]["prompt"]], 64)
    assert ids.tolist() == expected[0].tolist()
    assert ids[0] == 101 and ids[-1] == 102  # [CLS] ... [SEP]
    assert encode_chars("Aé", 10).tolist() == [[66, 196, 170]]


def weights_of(path: Path) -> dict[str, np.ndarray]:
    import onnx
    from onnx import numpy_helper

    return {t.name: numpy_helper.to_array(t) for t in onnx.load(str(path)).graph.initializer}


def test_the_committed_test_pack_is_what_the_export_produces(pack):
    committed = json.loads((TEST_PACK_DIR / "manifest.json").read_text())
    fresh = json.loads((pack / "manifest.json").read_text())
    assert committed["sessions"].keys() == fresh["sessions"].keys()
    for role, session in committed["sessions"].items():
        if session["sha256"] == fresh["sessions"][role]["sha256"]:
            continue
        # Not byte for byte where the export computes constants in float (the detector's label embeddings), whose last
        # digits differ between CPUs: then the same weights, to float precision.
        old, new = weights_of(TEST_PACK_DIR / session["file"]), weights_of(pack / fresh["sessions"][role]["file"])
        assert old.keys() == new.keys(), f"{role}: re-export the test pack: .venv/bin/omni-model export-test-pack"
        for name in old:
            np.testing.assert_allclose(new[name], old[name], rtol=1e-4, atol=1e-6, err_msg=f"{role}: re-export the test pack")


def test_a_pack_can_ship_only_int8_weights(pack, tmp_path):
    import shutil

    from omni_model.packing.pack import keep_variants

    small = tmp_path / "int8"
    shutil.copytree(pack, small)
    m = keep_variants(small, {"int8"})
    assert set(m["sessions"]["dit"]["dtypes"]) == {"int8"} and not (small / "dit.onnx").exists()
    assert set(m["sessions"]["mel_frontend"]["dtypes"]) == {"fp32"}  # never quantised, so it keeps its float file
    files = sum((small / s["file"]).stat().st_size for s in m["sessions"].values())
    assert m["bytes"] == files + (small / "tokenizer.json").stat().st_size + (small / "tokenizer_config.json").stat().st_size
    check_goldens(small, tolerance=5e-2, dtype="int8")


def test_the_latent_scale_is_baked_into_the_vae_sessions():
    import torch

    from omni_model.model.autoencoder import VaeDecoder, VaeEncoder
    from omni_model.model.config import load_model_config
    from omni_model.model.factory import build_autoencoder

    ae = build_autoencoder(load_model_config(Path(__file__).resolve().parent.parent / "configs" / "model-test-pack.json"))
    mel = torch.randn(1, ae.vae.encoder[0].in_channels, 16)
    z = ae.vae.encode(mel)[0]
    assert torch.allclose(VaeEncoder(ae.vae, 2.5)(mel), 2.5 * z)
    assert torch.allclose(VaeDecoder(ae.vae, 2.5)(2.5 * z), ae.vae.decode(z), atol=1e-6)


def test_keeping_the_untouched_sound_returns_the_original_where_the_model_changed_nothing():
    from omni_model.model.preserve import istft, preserve, stft

    rng = np.random.default_rng(0)
    x = (0.1 * rng.standard_normal(16000) + 0.3 * np.sin(np.arange(16000) * 2 * np.pi * 1000 / 16000)).astype(np.float32)
    assert np.abs(istft(stft(x), len(x)) - x)[256:-256].max() < 1e-6
    assert np.abs(preserve("remove", x, x, x) - x)[256:-256].max() < 1e-4
    assert np.abs(preserve("add", x, x, x) - x).max() < 1e-3
    # A beep in the middle of a noise bed; the model's output is another, quieter take of the bed without the beep.
    bed = (0.05 * rng.standard_normal(32000)).astype(np.float32)
    beep = np.zeros(32000, np.float32)
    beep[14000:18000] = 0.3 * np.sin(np.arange(4000) * 2 * np.pi * 1000 / 16000)
    model = (0.02 * rng.standard_normal(32000)).astype(np.float32)
    removed = preserve("remove", bed + beep, model, bed + beep)
    level = lambda x: np.abs(np.fft.rfft(x[14500:17500]))[int(1000 * 3000 / 16000)]  # noqa: E731
    assert level(removed) < 0.25 * level(bed + beep)  # over 12 dB down
    outside = np.r_[0:12000, 20000:32000]
    assert abs(np.std(removed[outside]) / np.std(bed[outside]) - 1) < 0.1  # the bed keeps its level: the model's is matched


def test_the_spectral_edit_fixture_shared_with_typescript_is_current():
    from omni_model.packing.parity import FIXTURE, compute

    assert json.loads(FIXTURE.read_text()) == compute(), "run: python -m omni_model.packing.parity"


def test_the_sampler_fixture_shared_with_typescript_is_current():
    from omni_model.packing.parity import SAMPLER_FIXTURE, compute_sampler

    assert json.loads(SAMPLER_FIXTURE.read_text()) == compute_sampler(), "run: python -m omni_model.packing.parity"


def test_the_separator_fixture_shared_with_typescript_is_current():
    from omni_model.packing.parity import SEPARATE_FIXTURE, compute_separate

    assert json.loads(SEPARATE_FIXTURE.read_text()) == compute_separate(), "run: python -m omni_model.packing.parity"
