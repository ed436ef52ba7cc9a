"""Source readers: captions, licences, categories, MIDI."""
import subprocess
from pathlib import Path

from omni_data.licences import dep5_licence, spdx
from omni_data.sources.midi import Note, Segment, write_midi
from omni_data.sources.music import SongPlan
from omni_data.sources.opensfx import parse_entry
from omni_data.sources.packaged import caption_from_name, group_of
from omni_data.taxonomy import TAXONOMY, classify


def test_opensfx_names_give_caption_credit_and_licence():
    caption, credit, licence = parse_entry('"Ferry horn". Original "msfinmarken_Bergen.aif" by Leon Milo. Edited by Wuzzy. License: Creative Commons Attribution 3.0 Unported.')
    assert caption == "Ferry horn"
    assert "Leon Milo" in credit and "Wuzzy" in credit
    assert licence == "CC-BY-3.0"
    assert parse_entry('"Level crossing". By X. License: Creative Commons Zero 1.0.')[2] == "CC0-1.0"


def test_licence_spellings_become_spdx_identifiers():
    assert spdx("Creative Commons Attribution 3.0") == "CC-BY-3.0"
    assert spdx("Creative Commons Attribution-ShareAlike 3.0 Unported") == "CC-BY-SA-3.0"
    assert spdx("CC0") == spdx("CC0-1.0") == "CC0-1.0"
    assert spdx("Expat") == "MIT"
    assert spdx("GPL-3.0-or-later") == "GPL-3.0-or-later"
    assert spdx("cc-by ==> http://creativecommons.org/licenses/by/3.0/") == "CC-BY-3.0"
    assert spdx("Attribution-Share Alike 3.0 United States") == "CC-BY-SA-3.0-US"
    assert spdx("This drumkit is distributed under the GPL version 2 license") == "GPL-2.0-only"


def test_dep5_takes_the_last_matching_stanza(tmp_path: Path):
    copyright_file = tmp_path / "copyright"
    copyright_file.write_text(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n"
        "Files: *\nCopyright: 2020 Someone\nLicense: MIT\n\n"
        "Files: sounds/*.ogg\nCopyright: 2021 Sound Person\n           2022 Another\nLicense: CC-BY-SA-3.0\n"
    )
    assert dep5_licence(str(copyright_file), "code/x.c").licence == "MIT"
    found = dep5_licence(str(copyright_file), "sounds/rain.ogg")
    assert found.licence == "CC-BY-SA-3.0"
    assert "Sound Person" in found.credit and "Another" in found.credit


def test_file_names_become_captions_and_variants_share_a_group():
    assert caption_from_name("default_gravel_footstep.2") == "gravel footstep"
    assert group_of("default_gravel_footstep.2") == group_of("default_gravel_footstep.3")


def test_taxonomy_classifies_captions_and_knows_every_category():
    assert classify("Lumber mill: Chainsaw") == "power_tool"
    assert classify("gravel footstep") == "footsteps"
    assert classify("Ferry horn") == "ship_horn"
    assert classify("nothing we know") is None
    assert all(classify(w) in TAXONOMY for (_, ws) in TAXONOMY.values() for w in ws if classify(w))


def test_song_captions_say_instrument_key_and_tempo():
    plan = SongPlan("s", 70, 9, True, 4, "melody", 1)
    assert plan.caption(0) == "slow piano melody in A minor, 70 bpm"
    assert SongPlan("s", 130, 0, False, 4, "drum groove with bass", 1).caption(33) == "upbeat drum groove with bass in C major, 130 bpm"


def test_midi_files_play_for_the_planned_time(tmp_path: Path):
    song = Segment(120, {0: 0}, [Note(0, 1, 60, 100, 0), Note(3, 1, 64, 100, 0)], 4)
    midi, spans = write_midi([song, song], gap_seconds=1.0)
    assert spans == [(0.0, 2.0), (3.0, 5.0)]
    path = tmp_path / "x.mid"
    path.write_bytes(midi)
    # fluidsynth, which renders the songs, reads the file back and plays all of it.
    wav = tmp_path / "x.wav"
    subprocess.run(["fluidsynth", "-ni", "-r", "16000", "-F", str(wav), "/usr/share/sounds/sf2/TimGM6mb.sf2", str(path)], check=True, capture_output=True)
    import soundfile as sf

    assert sf.info(str(wav)).duration >= 5.0
