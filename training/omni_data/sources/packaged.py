"""Sound files shipped as plain files in Debian packages (Minetest, Sonic Pi, and the game and desktop packages of
`GAME_SETS`), licensed per file by DEP-5 copyright."""

from __future__ import annotations

import fnmatch
import re
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath

import numpy as np

from ..audio import load, load_bytes, trim_silence
from ..catalogue import SourceClip, credited_to_validation_project
from ..licences import Licence, dep5_licence
from ..taxonomy import classify
from . import c4group


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
    # The top folder does instead of the file's own (MegaGlest's '<tileset>/sounds/day.ogg').
    top_folder_names: bool = False
    # An archive under `root` that holds the files: a zip (Warzone 2100's .wz) or an OpenClonk group (.ocg); `glob`
    # then matches paths inside it.
    archive: str | None = None
    # The set's licence where its copyright file is not machine-readable (OpenClonk's credits are in the group).
    licence: Licence | None = None
    # How numbered variants of one sound end (they share a split): 'x.1', 'x-01', and for Widelands 'x_00'.
    variant_suffix: str = r"[-.]\d+$"


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
    # Widelands (GPL-2+): birds and crickets like the beds people record outdoors, wild and farm animals, and the
    # workshops' hammering, sawing and chopping. Music, UI signals and the taverns' mixed sounds stay out.
    "widelands": PackagedSet(
        "widelands-data",
        Path("/usr/share/games/widelands/data/sound"),
        "**/*.ogg",
        Path("/usr/share/doc/widelands-data/copyright"),
        "data/sound/",
        "Widelands",
        folder_names=True,
        variant_suffix=r"[-._]\d+$",
        names=(
            (r"^animals_bird", "bird"),
            (r"^animals_crickets", "ambience"),
            (r"^animals_(boar|coyote|moose|stag|wolf)", "wild_animal"),
            (r"^animals_frog", "wild_animal"),
            (r"^farm_(donkey|farm_animal|horse|ox|sheep)", "farm_animal"),
            (r"^(hammering|smiths)_(geologist_hammer|hammering|smith|toolsmith)", "hand_tool"),
            (r"^woodcutting_(fast_woodcutting|woodcutting)", "hand_tool"),
            (r"^woodcutting_tree_falling", "crash"),
            (r"^(saw|sawmill)_(benchsaw|sawing|sawmill)", "power_tool"),
            (r"^(cutting|stonecutting)_stone", "hand_tool"),
            (r"^mill_mill_turning", "machine"),
            (r"^other_falling_tools", "impact"),
            (r"^metal_furnace", "fire"),
        ),
    ),
    # Warzone 2100 (GPL-2+), its sounds inside the base.wz zip: recorded radio voices (briefings, commanders, taunts)
    # as real speech beside the synthetic voices, guns, cannons, explosions, vehicles and beeps.
    "warzone2100": PackagedSet(
        "warzone2100-data",
        Path("/usr/share/games/warzone2100"),
        "audio/*/*.ogg",
        Path("/usr/share/doc/warzone2100-data/copyright"),
        "",
        "Warzone 2100",
        folder_names=True,
        archive="base.wz",
        names=(
            (r"^(tutorial|cmndrvoc|missmesg|taunt\d)_", "speech"),
            (r"^weapons_(mgbar\d|mgheavy|mgtower|asltmg|smlcan|medcan|lrgcan|hivelcan|rapdcan|rocket|mortar)$", "weapon"),
            (r"^weapons_flmthrow$", "fire"),
            (r"^weapons_splash$", "water"),
            (r"^explons_(lrgexpl|smlexpl|atnkexpl|mpodexpl)$", "explosion"),
            (r"^explons_bldfall$", "crash"),
            (r"^vehicle_(tread|tstart|con-move|cyber-move|hovmove)", "road_vehicle"),
            (r"^vehicle_(vtol-move|vtolland|vtoloff|tflight)", "aircraft"),
            (r"^misc_scream", "voice"),
            (r"^interfce_beep", "beep"),
            (r"^building_(oilpump|powerhum|steam)$", "machine"),
        ),
    ),
    # Red Eclipse (CC-BY-SA-3.0+, its ambiences CC-BY/CC-BY-SA from Freesound recordists): outdoor beds (wind, water,
    # crickets, forest birds, fire), footsteps, splashes, guns, explosions, and recorded voices (an announcer's calls,
    # players' phrases and laughs). Sci-fi weapons (plasma, zapper), UI and music stay out.
    "redeclipse": PackagedSet(
        "redeclipse-data",
        Path("/usr/share/games/redeclipse/data/sounds"),
        "**/*.ogg",
        Path("/usr/share/doc/redeclipse-data/copyright"),
        "data/sounds/",
        "Red Eclipse",
        folder_names=True,
        names=(
            (r"^(ambience_(blowwind|hollowwind|wastewind|wind)|morph_(wind\d|stormwind))$", "wind"),
            (r"^ambience_(water|river|creek|cavedrip|waterfall.*)$", "water"),
            (r"^(ambience_(nightcrickets|cycadas|hum))$", "ambience"),
            (r"^ambience_forest\d$", "bird"),
            (r"^ambience_fire$", "fire"),
            (r"^ambience_lava", "lava"),
            (r"^(ambience_(machine\d|pneumatic)|morph_machine\d+)$", "machine"),
            (r"^ambience_distant_cars$", "road_vehicle"),
            (r"^morph_(rain|stormrain)$", "rain"),
            (r"^morph_door$", "door"),
            (r"^player_(footstep|concstep)", "footsteps"),
            (r"^(player_swimstep|sfx_(splashin|splashout|splosh))", "water"),
            (r"^player_(pain|death)|^voice_(argh|haha)", "voice"),
            (r"^voice_(damnit|gogogo|hangon|luckyshot|niceshot|no|noproblem|sorry|suckit|thanks|yes)\d?$", "speech"),
            (r"^announcer_", "speech"),
            (r"^sfx_(burnfire|burning)$", "fire"),
            (r"^sfx_debris", "crash"),
            (r"^(player_land|weapons_(thud|thwack))", "impact"),
            (r"^(weapons|mine|rifle|shotgun)_explode", "explosion"),
            (r"^(pistol|rifle|shotgun|smg)_(primary|secondary)", "weapon"),
            (r"^sword_(primary|secondary)$", "weapon"),
            (r"^flamer_primary$", "fire"),
        ),
    ),
    # SuperTuxKart's effects (CC-BY/CC-BY-SA/CC0/GPL per file): a real airliner, engines, crashes, birds, rain,
    # rivers, a horn. Cartoon effects stay out, and so do its two sounds taken from Wesnoth (the guard in `read`).
    "supertuxkart": PackagedSet(
        "supertuxkart-data",
        Path("/usr/share/games/supertuxkart/data/sfx"),
        "*.ogg",
        Path("/usr/share/doc/supertuxkart-data/copyright"),
        "data/sfx/",
        "SuperTuxKart",
        variant_suffix=r"[-._]?\d+$",
        names=(
            (r"^airplane_", "aircraft"),
            (r"^crash\d?$", "crash"),
            (r"^explosion$", "explosion"),
            (r"^(engine_(large|small)|car_(accel|revup))$", "road_vehicle"),
            (r"^exotic-birds", "bird"),
            (r"^horn$", "car_horn"),
            (r"^metal_clang$", "impact"),
            (r"^rain$", "rain"),
            (r"^(river_loop|waterfall_loop_2|splash)$", "water"),
            (r"^machine_sound$", "machine"),
            (r"^(WilhelmScream|ugh)$", "voice"),
        ),
    ),
    # OpenClonk's sound effects, read from inside its Sound.ocg group: mostly Freesound recordings (CC-BY-3.0 unless
    # its authors.txt says CC0): blasts, a blunderbuss and a bow, recorded voices (laughs, screams, cries, short
    # words), footsteps, splashes and drips, chopping, digging and pickaxes, a drill, a sawmill, engines, hits on
    # wood, metal, rock and glass, doors, wind, birdsong and a propeller. Its fantasy creatures stay out.
    "openclonk": PackagedSet(
        "openclonk-data",
        Path("/usr/share/games/openclonk"),
        "*",
        Path("/usr/share/doc/openclonk-data/copyright"),
        "",
        "OpenClonk",
        folder_names=True,
        archive="Sound.ocg",
        licence=Licence(
            "CC-BY-3.0",
            "sound effects by the OpenClonk team and the Freesound recordists named in its Sound.ocg/authors.txt (CC-BY-3.0; some CC0-1.0)",
        ),
        variant_suffix=r"\d+(alt)?$",
        names=(
            (r"^Fire_(Blast\d|Blast3alt|BlastMetal|BlastFirework)$", "explosion"),
            (r"^Fire_(Fire|Inflame|Fireball)$", "fire"),
            (r"^Blunderbuss_(GunShoot|BulletShot)\d$", "weapon"),
            (r"^(Weapons_(WeaponHit|WeaponSwing)|Bow_Shoot|Arrow_Shoot|Shield_MetalHit)\d$", "weapon"),
            (r"^(Adventurer|Alchemist|Steampunk|Farmer)_(Laughter|Hurt|Die|Scream|Shock|Confirm|Decline|Doubt)\d$", "voice"),
            (r"^Movement_Step(Hard|Soft)\d$", "footsteps"),
            (r"^Liquids_(Splash|Swim|Waterdrop|Bubble)\d$", "water"),
            (r"^Environment_Waterfall$", "water"),
            (r"^Liquids_StereoRain$", "rain"),
            (r"^(Tree_Chop|Dig_Dig|Pickaxe_Clang)\d$|^Pickaxe_ClangHard1$", "hand_tool"),
            (r"^(Elevator_Drilling|Structures_SawmillRipcut)$", "power_tool"),
            (r"^(Structures_(SteamEngine|Pumpjack|FanLoop)|Elevator_Moving)$", "machine"),
            (r"^Glass_(GlassBreak|GlassShatter)$", "glass"),
            (r"^(Metal_(Dull|Light)MetalHit|Rock_RockHit|Wood_(Dull)?WoodHit|Hits_(GeneralHit|SoftHit|OrganicHit|BucketHit))\d$", "impact"),
            (r"^(Rock_Rockfall\d|Tree_Landing|Plane_PlaneCrash)$", "crash"),
            (r"^Structures_Door(Open|Close)\d$", "door"),
            (r"^(Environment_WindLoop|Windbag_Gust)$", "wind"),
            (r"^Environment_BirdsLoop$", "bird"),
            (r"^Plane_PropellerLoop$", "aircraft"),
            (r"^UI_(Tick|Click2?|Select)$", "beep"),
            (r"^UI_Ding$", "bell"),
        ),
    ),
    # MegaGlest's tilesets (CC-BY-SA-3.0, Titus Tscharntke and the Glest team): recorded outdoor beds like the ones
    # people edit (forest days of birdsong, rain, wind) and a few animals. Days that are not birdsong (the desert's,
    # autumn's: no energy above 2 kHz) and the hell tileset stay out, and so do the nights of crickets: our taxonomy
    # calls crickets "ambience", the real-recording validation set's night bed holds no label of ours.
    "megaglest": PackagedSet(
        "megaglest-data",
        Path("/usr/share/games/megaglest/tilesets"),
        "*/sounds/*",
        Path("/usr/share/doc/megaglest-data/copyright"),
        "tilesets/",
        "MegaGlest",
        top_folder_names=True,
        names=(
            (r"^(birch_forest|dark_forest|fernland|spring)_day$", "bird"),
            (r"_(owl|hawk)$", "bird"),
            (r"_rain$", "rain"),
            (r"_wind$", "wind"),
            (r"_(rooster|chicken|mudchute_cow_1)$", "farm_animal"),
            (r"_wolf$", "wild_animal"),
        ),
    ),
}


def caption_from_name(stem: str) -> str:
    """'default_gravel_footstep.2' -> 'gravel footstep'; 'ambi_glass_hum' -> 'ambi glass hum'; 'wp_gun_fire-01' -> 'wp gun fire'."""
    words = re.sub(r"[-.]\d+$", "", stem).replace("default_", "").replace("env_sounds_", "").split("_")
    return " ".join(w for w in words if w and not w.isdigit())


def group_of(stem: str, variant_suffix: str = PackagedSet.variant_suffix) -> str:
    """Numbered variants of one sound ('x.1', 'x.2', 'x-01') are one source: they share a split."""
    return re.sub(variant_suffix, "", stem)


def name_of(packaged: PackagedSet, path: PurePosixPath) -> str:
    if packaged.top_folder_names:
        return f"{path.parts[0]}_{path.stem}"
    return f"{path.parent.name}_{path.stem}" if packaged.folder_names else path.stem


def category_of(packaged: PackagedSet, caption: str, name: str) -> str | None:
    if packaged.names:
        return next((category for pattern, category in packaged.names if re.search(pattern, name)), None)
    return classify(caption) or classify(name)


def _files(packaged: PackagedSet, rate: int) -> Iterator[tuple[PurePosixPath, Callable[[], np.ndarray]]]:
    """Each file's path relative to `root` and how to decode it, from the folder or from inside the archive."""
    if packaged.archive is None:
        for path in sorted(packaged.root.glob(packaged.glob)):
            if path.is_symlink() and path.resolve().is_relative_to(packaged.root.resolve()):
                continue  # another name for a file of the set: read twice, one recording could land in two splits
            yield PurePosixPath(path.relative_to(packaged.root)), partial(load, path, rate)
        return
    if packaged.archive.endswith(".ocg"):
        for path, data in sorted(c4group.files(packaged.root / packaged.archive)):
            if fnmatch.fnmatch(str(path), packaged.glob):
                yield path, partial(load_bytes, data, rate)
        return
    archive = zipfile.ZipFile(packaged.root / packaged.archive)
    for name in sorted(n for n in archive.namelist() if fnmatch.fnmatch(n, packaged.glob)):
        yield PurePosixPath(name), partial(lambda n: load_bytes(archive.read(n), rate), name)


def read(packaged: PackagedSet, rate: int) -> Iterator[tuple[SourceClip, object]]:
    for path, decode in _files(packaged, rate):
        name = name_of(packaged, path)
        caption = caption_from_name(name)
        category = category_of(packaged, caption, name)
        if category is None:
            continue
        licence = packaged.licence or dep5_licence(str(packaged.copyright_file), packaged.copyright_prefix + str(path))
        if credited_to_validation_project(licence.credit):
            warnings.warn(f"left out: {packaged.package}/{path} is credited to a game kept for validation ({licence.credit})", stacklevel=1)
            continue
        try:
            audio = trim_silence(decode())
        except RuntimeError as error:  # a broken file in a package (LMMS's kick04.ogg) costs one clip, said aloud
            warnings.warn(f"left out: {error}", stacklevel=1)
            continue
        if len(audio) < rate // 10:
            continue
        yield (
            SourceClip(
                id=f"{packaged.package}/{name}",
                source=packaged.package,
                group=f"{packaged.package}/{group_of(name, packaged.variant_suffix)}",
                category=category,
                caption=caption,
                licence=licence.licence,
                credit=f"{packaged.credit_prefix}: {licence.credit}",
            ),
            audio,
        )
