"""Source readers: captions, licences, categories, MIDI."""

import subprocess
import zipfile
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from omni_data.audio import load
from omni_data.licences import Licence, dep5_licence, spdx
from omni_data.sources import c4group
from omni_data.sources.midi import Note, Segment, write_midi
from omni_data.sources.music import SongPlan
from omni_data.sources.opensfx import parse_entry
from omni_data.sources.packaged import GAME_SETS, PackagedSet, caption_from_name, category_of, group_of, read
from omni_data.taxonomy import TAXONOMY, classify


def test_opensfx_names_give_caption_credit_and_licence():
    caption, credit, licence = parse_entry(
        '"Ferry horn". Original "msfinmarken_Bergen.aif" by Leon Milo. Edited by Wuzzy. License: Creative Commons Attribution 3.0 Unported.'
    )
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
    assert spdx("LGPL-3.0-or-later") == "LGPL-3.0-or-later"
    assert spdx("CC-BY-SA-3") == "CC-BY-SA-3.0"  # Scorched 3D's spelling


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
    assert caption_from_name("wp_gun_fire-01") == "wp gun fire"
    assert group_of("wp_gun_fire-01") == group_of("wp_gun_fire-03") != group_of("wp_shotty_fire-01")
    widelands = GAME_SETS["widelands"].variant_suffix
    assert group_of("animals_bird1_00", widelands) == group_of("animals_bird1_02", widelands) != group_of("animals_bird2_00", widelands)


def test_game_sets_name_categories_by_file_pattern_where_keywords_would_mislead():
    teeworlds, lmms = GAME_SETS["teeworlds"], GAME_SETS["lmms"]
    assert category_of(teeworlds, "wp gun fire", "wp_gun_fire-01") == "weapon"  # the keyword rules say "fire"
    assert category_of(teeworlds, "foley foot left", "foley_foot_left-02") == "footsteps"
    assert category_of(teeworlds, "sfx pickup gun", "sfx_pickup_gun") is None  # a UI pickup: left out
    assert category_of(lmms, "drums bassdrum01", "drums_bassdrum01") == "drums"  # the keyword rules say "bass"
    assert category_of(lmms, "instruments piano01", "instruments_piano01") == "music"
    assert category_of(lmms, "shapes moog", "shapes_moog") is None
    scorched, apoc = GAME_SETS["scorched3d"], GAME_SETS["scorched3d-apoc"]
    assert category_of(scorched, "misc f16 1", "misc_f16_1") == "aircraft"
    assert category_of(scorched, "misc thunder", "misc_thunder") is None  # no category of ours: left out
    assert category_of(apoc, "explosions thud", "explosions_thud") == "impact"  # not an explosion, whatever its folder
    assert category_of(apoc, "misc carhorn1", "misc_carhorn1") == "car_horn"
    widelands, warzone = GAME_SETS["widelands"], GAME_SETS["warzone2100"]
    assert category_of(widelands, "animals bird1", "animals_bird1_00") == "bird"
    assert category_of(widelands, "saw sawing", "saw_sawing_01") == "power_tool"
    assert category_of(widelands, "taverns inn", "taverns_inn_00") is None  # a mix of sounds: left out
    assert category_of(warzone, "tutorial tut01", "tutorial_tut01") == "speech"
    assert category_of(warzone, "weapons mgbar1", "weapons_mgbar1") == "weapon"
    assert category_of(warzone, "weapons build1", "weapons_build1") is None  # a construction jingle, not a gun
    redeclipse, kart = GAME_SETS["redeclipse"], GAME_SETS["supertuxkart"]
    assert category_of(redeclipse, "announcer headshot", "announcer_headshot") == "speech"
    assert category_of(redeclipse, "voice haha2", "voice_haha2") == "voice"
    assert category_of(redeclipse, "ambience forest2", "ambience_forest2") == "bird"
    assert category_of(redeclipse, "rifle explode2", "rifle_explode2") == "explosion"  # its shot's blast, not the gun
    assert category_of(redeclipse, "plasma primary", "plasma_primary") is None  # a sci-fi weapon: left out
    assert category_of(kart, "exotic birds 2", "exotic-birds_2") == "bird"
    assert category_of(kart, "bubblegum explode", "bubblegum_explode") is None  # a cartoon effect: left out
    clonk = GAME_SETS["openclonk"]
    assert category_of(clonk, "Fire Blast3alt", "Fire_Blast3alt") == "explosion"
    assert category_of(clonk, "Fire Fuse", "Fire_Fuse") is None  # a fuse, not fire: left out
    assert category_of(clonk, "Steampunk Laughter2", "Steampunk_Laughter2") == "voice"
    assert category_of(clonk, "Mooq Snort1", "Mooq_Snort1") is None  # a fantasy creature: left out
    glest = GAME_SETS["megaglest"]
    assert category_of(glest, "fernland day", "fernland_day") == "bird"
    assert category_of(glest, "desert2 day", "desert2_day") is None  # no birdsong in it: left out
    assert category_of(glest, "birch forest night", "birch_forest_night") is None  # crickets: no label the real set shares
    assert category_of(glest, "winter forest wind", "winter_forest_wind") == "wind"
    assert all(category in TAXONOMY for s in GAME_SETS.values() for _, category in s.names)


def test_a_file_linked_under_another_name_in_the_set_is_read_once_named_by_its_top_folder(tmp_path: Path):
    tone = (0.5 * np.sin(np.arange(8000) * 2 * np.pi * 440 / 16000)).astype(np.float32)
    for tileset in ("birch", "pine"):
        (tmp_path / tileset / "sounds").mkdir(parents=True)
    sf.write(tmp_path / "birch" / "sounds" / "day.wav", tone, 16000)
    (tmp_path / "pine" / "sounds" / "day.wav").symlink_to(tmp_path / "birch" / "sounds" / "day.wav")
    packaged = PackagedSet(
        "glest-data",
        tmp_path,
        "*/sounds/*",
        tmp_path / "copyright",
        "",
        "Glest",
        names=((r"_day$", "bird"),),
        top_folder_names=True,
        licence=Licence("CC-BY-SA-3.0", "the Glest team"),
    )
    assert [clip.id for clip, _ in read(packaged, 16000)] == ["glest-data/birch_day"]  # else one recording in two splits


def test_sets_inside_an_archive_are_read_from_it_with_their_licence(tmp_path: Path):
    tone = (0.5 * np.sin(np.arange(8000) * 2 * np.pi * 440 / 16000)).astype(np.float32)
    sf.write(tmp_path / "beep1.wav", tone, 16000)
    with zipfile.ZipFile(tmp_path / "base.wz", "w") as archive:
        archive.write(tmp_path / "beep1.wav", "audio/interfce/beep1.wav")
        archive.writestr("audio/readme.txt", "not a sound")
    (tmp_path / "copyright").write_text("Files: *\nCopyright: 2020 Game Authors\nLicense: GPL-2+\n")
    packaged = PackagedSet(
        "game-data", tmp_path, "audio/*/*.wav", tmp_path / "copyright", "", "Game", names=((r"beep", "beep"),), folder_names=True, archive="base.wz"
    )
    [(clip, audio)] = list(read(packaged, 16000))
    assert clip.id == "game-data/interfce_beep1" and clip.category == "beep" and clip.licence == "GPL-2.0-or-later"
    assert "Game Authors" in clip.credit and np.max(np.abs(audio - tone[1 : 1 + len(audio)])) < 1e-3  # less the silent first sample


def test_openclonk_groups_are_read_with_their_subgroups_and_the_sets_own_licence(tmp_path: Path):
    tone = (0.5 * np.sin(np.arange(8000) * 2 * np.pi * 440 / 16000)).astype(np.float32)
    sf.write(tmp_path / "blast.wav", tone, 16000)
    c4group.write(tmp_path / "Sound.ocg", {"authors.txt": b"credits", "Fire.ocg": {"Blast1.wav": (tmp_path / "blast.wav").read_bytes()}})
    assert [str(p) for p, _ in c4group.files(tmp_path / "Sound.ocg")] == ["authors.txt", "Fire/Blast1.wav"]
    (tmp_path / "copyright").write_text("not a machine-readable copyright file")
    packaged = PackagedSet(
        "game-data",
        tmp_path,
        "*",
        tmp_path / "copyright",
        "",
        "Game",
        names=((r"^Fire_Blast\d$", "explosion"),),
        folder_names=True,
        archive="Sound.ocg",
        licence=Licence("CC-BY-3.0", "the game's recordists"),
    )
    [(clip, audio)] = list(read(packaged, 16000))
    assert clip.id == "game-data/Fire_Blast1" and clip.category == "explosion" and clip.licence == "CC-BY-3.0"
    assert clip.credit == "Game: the game's recordists" and np.max(np.abs(audio - tone[1 : 1 + len(audio)])) < 1e-3
    with pytest.raises(ValueError, match="not an OpenClonk group"):
        list(c4group.files(tmp_path / "blast.wav"))


def test_files_libsndfile_cannot_read_are_decoded_by_ffmpeg(tmp_path: Path):
    tone = (0.5 * np.sin(np.arange(16000) * 2 * np.pi * 440 / 16000)).astype(np.float32)
    sf.write(tmp_path / "tone.wav", tone, 16000)
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(tmp_path / "tone.wav"), "-c:a", "wavpack", str(tmp_path / "tone.wv")], check=True)
    decoded = load(tmp_path / "tone.wv", 16000)
    assert len(decoded) == len(tone) and np.max(np.abs(decoded - tone)) < 1e-3
    (tmp_path / "broken.ogg").write_bytes(b"RIFF\x00\x00\x00\x00WAVEfmt junk")
    with pytest.raises(RuntimeError, match="ffmpeg could not decode"):
        load(tmp_path / "broken.ogg", 16000)


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
    subprocess.run(
        ["fluidsynth", "-ni", "-r", "16000", "-F", str(wav), "/usr/share/sounds/sf2/TimGM6mb.sf2", str(path)], check=True, capture_output=True
    )
    import soundfile as sf

    assert sf.info(str(wav)).duration >= 5.0


def test_music_renders_carry_their_known_tempo_key_and_mode(built_slice, tmp_path: Path):
    import json

    import soundfile as sf

    from omni_data.music_renders import write_renders

    assert write_renders(built_slice, tmp_path, count=3) == 3
    truth = json.loads((tmp_path / "truth.json").read_text())
    song = truth["songs"][0]
    assert 40 <= song["bpm"] <= 200 and song["mode"] in ("major", "minor") and song["key"]
    info = sf.info(str(tmp_path / song["file"]))
    assert info.samplerate == truth["rate"] and info.frames > truth["rate"]
