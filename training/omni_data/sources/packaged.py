"""Sound files shipped as plain files in Debian packages (Minetest, Sonic Pi, and the game and desktop packages of
`GAME_SETS`), licensed per file by DEP-5 copyright."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..audio import load, trim_silence
from ..catalogue import SourceClip
from ..licences import dep5_licence
from ..taxonomy import classify


@dataclass(frozen=True)
class PackagedSet:
    package: str
    root: Path
    glob: str
    copyright_file: Path
    # How the copyright file spells a path: the installed path with `root` replaced by this prefix.
    copyright_prefix: str
    credit_prefix: str
    # (file-name pattern, category) in order; when given, they alone decide and unmatched files are left out.
    names: tuple[tuple[str, str], ...] = ()
    # The folder names the kind of sound ('drums/kick01', 'instruments/piano01') and tells same-named files apart.
    folder_names: bool = False


MINETEST = PackagedSet(
    "minetest-data",
    Path("/usr/share/games/minetest/games/minetest_game"),
    "mods/*/sounds/*.ogg",
    Path("/usr/share/doc/minetest-data/copyright"),
    "mtg/",
    "Minetest Game",
)
SONIC_PI = PackagedSet(
    "sonic-pi-samples",
    Path("/usr/share/sonic-pi/samples"),
    "*.flac",
    Path("/usr/share/doc/sonic-pi-samples/copyright"),
    "etc/samples/",
    "Sonic Pi samples",
)

# Game and desktop packages whose sound effects widen the separator's events (guns, drums, instruments, UI signals).
# Their file names defeat the caption keyword rules ('gun_fire' is not fire, 'bassdrum' is not bass), so each set
# names its categories by file-name patterns; files no pattern matches (UI pickups, synth waveforms) are left out.
GAME_SETS: dict[str, PackagedSet] = {
    "teeworlds": PackagedSet(
        "teeworlds-data",
        Path("/usr/share/games/teeworlds/data"),
        "audio/*.wv",
        Path("/usr/share/doc/teeworlds-data/copyright"),
        "data/",
        "Teeworlds",
        names=(
            (r"foley_body|foley_land|sfx_hit", "impact"),
            (r"foley_foot", "footsteps"),
            (r"vo_teefault", "voice"),
            (r"flump_explo", "explosion"),
            (r"(gun|shotty)_fire|ninja", "weapon"),
            (r"hammer_hit", "hand_tool"),
            (r"sfx_msg", "beep"),
            (r"music_menu", "music"),
        ),
    ),
    "lmms": PackagedSet(
        "lmms-common",
        Path("/usr/share/lmms/samples"),
        "*/*.ogg",
        Path("/usr/share/doc/lmms-common/copyright"),
        "data/samples/",
        "LMMS samples",
        folder_names=True,
        names=(
            (r"^bass|bassslap|nasty_bass", "bass"),
            (r"^(beats|drums)_", "drums"),
            (r"explode", "explosion"),
            (r"scratch", "vinyl"),
            (r"chimes|dong|bell_choir", "bell"),
            (r"guitar", "guitar"),
            (r"applause|crowd", "applause"),
            (r"ping|metronome", "beep"),
            (r"misc_hit", "impact"),
            (r"drone|ambient", "ambience"),
            (r"^instruments_|latin_brass|^stringsnpads_", "music"),
        ),
    ),
    "oxygen": PackagedSet(
        "oxygen-sounds",
        Path("/usr/share/sounds"),
        "Oxygen-*.ogg",
        Path("/usr/share/doc/oxygen-sounds/copyright"),
        "",
        "KDE Oxygen sounds",
        names=((r"^Oxygen-", "beep"),),
    ),
    "tuxpaint": PackagedSet(
        "tuxpaint-data",
        Path("/usr/share/tuxpaint/sounds"),
        "*.wav",
        Path("/usr/share/doc/tuxpaint-data/copyright"),
        "data/sounds/",
        "Tux Paint",
        names=((r"^bubble", "water"), (r"typewriterbell", "bell"), (r"giggle", "voice"), (r"^harp", "music"), (r"bleep", "beep")),
    ),
    # Scorched 3D's sounds, sorted by folder (explosions/, shoot/, misc/, movement/): its own (GPL-2+) and its
    # Apocalypse mod's (CC-BY-SA-3.0), two sets because both hold an explosions/tank.wav. Thunder, sirens, lasers,
    # shields and bees have no category of ours and stay out.
    "scorched3d": PackagedSet(
        "scorched3d-data",
        Path("/usr/share/games/scorched3d/data/globalmods/none/data/wav"),
        "*/*.wav",
        Path("/usr/share/doc/scorched3d-data/copyright"),
        "data/globalmods/none/data/wav/",
        "Scorched 3D",
        folder_names=True,
        names=(
            (r"^explosions_(large|medium|small|xlarge|tank|napalm|crunch)", "explosion"),
            (r"^shoot_(large|medium|small|xlarge|launch|flare|tracer)", "weapon"),
            (r"^misc_apache", "helicopter"),
            (r"^misc_(f16|f18|jet|t38)", "aircraft"),
            (r"^misc_(birdchirp|birds|gull)", "bird"),
            (r"^misc_wolf", "wild_animal"),
            (r"^misc_lava", "lava"),
            (r"^misc_(oceanwaves|splash)", "water"),
            (r"^misc_rain", "rain"),
            (r"^misc_beep", "beep"),
            (r"^movement_tankmove", "road_vehicle"),
        ),
    ),
    "scorched3d-apoc": PackagedSet(
        "scorched3d-data",
        Path("/usr/share/games/scorched3d/data/globalmods/apoc/data/wav"),
        "*/*.wav",
        Path("/usr/share/doc/scorched3d-data/copyright"),
        "data/globalmods/apoc/data/wav/",
        "Scorched 3D, Apocalypse mod",
        folder_names=True,
        names=(
            (r"^explosions_(exp|tank|shockwave|meteor|dirt)$", "explosion"),
            (r"^explosions_(thud|bhit)$", "impact"),
            (r"^shoot_", "weapon"),
            (r"^misc_carhorn", "car_horn"),
            (r"^misc_cessna", "aircraft"),
            (r"^misc_helicopter", "helicopter"),
            (r"^misc_cheeringloop", "applause"),
            (r"^misc_(cows|moo|sheep|rooster)", "farm_animal"),
            (r"^misc_dog", "dog"),
            (r"^misc_factoryloop", "machine"),
            (r"^misc_scream", "voice"),
        ),
    ),
}


def caption_from_name(stem: str) -> str:
    """'default_gravel_footstep.2' -> 'gravel footstep'; 'ambi_glass_hum' -> 'ambi glass hum'; 'wp_gun_fire-01' -> 'wp gun fire'."""
    words = re.sub(r"[-.]\d+$", "", stem).replace("default_", "").replace("env_sounds_", "").split("_")
    return " ".join(w for w in words if w and not w.isdigit())


def group_of(stem: str) -> str:
    """Numbered variants of one sound ('x.1', 'x.2', 'x-01') are one source: they share a split."""
    return re.sub(r"[-.]\d+$", "", stem)


def category_of(packaged: PackagedSet, caption: str, name: str) -> str | None:
    if packaged.names:
        return next((category for pattern, category in packaged.names if re.search(pattern, name)), None)
    return classify(caption) or classify(name)


def read(packaged: PackagedSet, rate: int) -> Iterator[tuple[SourceClip, object]]:
    for path in sorted(packaged.root.glob(packaged.glob)):
        name = f"{path.parent.name}_{path.stem}" if packaged.folder_names else path.stem
        caption = caption_from_name(name)
        category = category_of(packaged, caption, name)
        if category is None:
            continue
        relative = packaged.copyright_prefix + str(path.relative_to(packaged.root))
        licence = dep5_licence(str(packaged.copyright_file), relative)
        try:
            audio = trim_silence(load(path, rate))
        except RuntimeError as error:  # a broken file in a package (LMMS's kick04.ogg) costs one clip, said aloud
            warnings.warn(f"left out: {error}", stacklevel=1)
            continue
        if len(audio) < rate // 10:
            continue
        yield (
            SourceClip(
                id=f"{packaged.package}/{name}",
                source=packaged.package,
                group=f"{packaged.package}/{group_of(name)}",
                category=category,
                caption=caption,
                licence=licence.licence,
                credit=f"{packaged.credit_prefix}: {licence.credit}",
            ),
            audio,
        )
