"""Example recipes for every task, and their rendering. A recipe is plain JSON holding every choice (sources,
offsets, gains, shifts, seed), so any example can be rendered again, byte for byte, and audited."""

from __future__ import annotations

import hashlib
import random
from dataclasses import replace

import numpy as np

from .audio import quantize, rms
from .catalogue import Catalogue, SourceClip
from .config import DataConfig
from .effects import impose_envelope
from .instructions import instruction, scene_caption
from .mixing import EventPlacement, MixRecipe, headroom_scale, quantize_pair, render_layers
from .taxonomy import BACKGROUND_CATEGORIES, words

FOREGROUND_EXCLUDE = BACKGROUND_CATEGORIES | {"music", "speech"}
VOICE_PROMPT_SECONDS = 6.0


def example_seed(seed: int, split: str, index: int) -> int:
    return int.from_bytes(hashlib.sha256(f"{seed}/{split}/{index}".encode()).digest()[:8], "big")


def describe(clip: SourceClip, rng: random.Random) -> str:
    """What an instruction calls a clip: its own caption, or a word of its category."""
    if clip.category in ("speech", "music"):
        return clip.caption
    return rng.choice((clip.caption, *words(clip.category)))


class Planner:
    """Draws recipes for one split from the catalogue, never crossing splits."""

    def __init__(self, cfg: DataConfig, catalogue: Catalogue, split: str) -> None:
        self.cfg, self.cat, self.split = cfg, catalogue, split
        self.rate = cfg.sample_rate
        self.backgrounds = catalogue.select(split, categories=frozenset(BACKGROUND_CATEGORIES) - {"music", "speech"})
        sfx = [c for c in catalogue.select(split, exclude=FOREGROUND_EXCLUDE) if c.source != "music"]
        self.foreground = [c for c in sfx if c.duration >= cfg.mix.min_event_seconds]
        # Events are drawn category first, so a category with many clips (0 A.D.'s voices) does not crowd out the rest.
        self.by_category: dict[str, list[SourceClip]] = {}
        for c in self.foreground:
            self.by_category.setdefault(c.category, []).append(c)
        self.speech = catalogue.select(split, categories=frozenset({"speech"}))
        self.music = catalogue.select(split, categories=frozenset({"music"}))
        # Music and speech from text alone draw no sound effects (a music-only set: configs/data-music-wide.json).
        needs_sounds = set(cfg.tasks) - {"t2m", "tts"}
        if needs_sounds and (not self.backgrounds or not self.foreground):
            raise ValueError(f"the {split} split has no backgrounds or no foreground events: add sources or change split fractions")
        self.tasks = [t for t in cfg.tasks if self._feasible(t)]
        if not self.tasks:
            raise ValueError(f"no task can be planned in the {split} split")

    def _feasible(self, task: str) -> bool:
        """Small splits may lack material for a task (a song in two instruments, a voice prompt): skip it there."""
        if task in ("style_music", "t2m"):
            return self._has_pair(self.music, "instrument") if task == "style_music" else bool(self.music)
        if task in ("style_speech", "tts"):
            return self._has_pair(self.speech, "speaker") if task == "style_speech" else bool(self.speech)
        if task == "style_sfx":
            return len(self.by_category) > 1
        return True

    @staticmethod
    def _has_pair(clips: list[SourceClip], key: str) -> bool:
        values: dict[str, set] = {}
        for c in clips:
            values.setdefault(c.group, set()).add(c.extra[key])
        return any(len(v) > 1 for v in values.values())

    def plan(self, index: int) -> dict:
        seed = example_seed(self.cfg.seed, self.split, index)
        rng = random.Random(seed)
        task = self.tasks[index % len(self.tasks)]
        recipe = getattr(self, f"_plan_{task}")(rng)
        return {"id": f"{self.split}-{index:06d}", "task": task, "split": self.split, "seed": seed, **recipe}

    # --- building blocks ---
    def _foreground(self, rng: random.Random, exclude: str | None = None) -> SourceClip:
        category = rng.choice(sorted(c for c in self.by_category if c != exclude))
        return rng.choice(self.by_category[category])

    def _event(self, rng: random.Random, clip: SourceClip, length: int, onset: int | None = None) -> EventPlacement:
        m = self.cfg.mix
        source_len = int(clip.duration * self.rate)
        want = int(rng.uniform(m.min_event_seconds, m.max_event_seconds) * self.rate)
        crop = max(1, min(source_len, want))
        stretch = rng.uniform(*m.stretch)
        out_len = int(round(crop * stretch))
        return EventPlacement(
            clip=clip.id,
            crop_start=rng.randrange(source_len - crop + 1),
            crop_length=crop,
            pitch=round(rng.uniform(*m.pitch_semitones), 3),
            stretch=round(stretch, 4),
            onset=onset if onset is not None else rng.randrange(max(1, length - out_len + 1)),
            snr_db=round(rng.uniform(*m.snr_db), 3),
        )

    def _mix(self, rng: random.Random, events: list[SourceClip]) -> MixRecipe:
        length = self.cfg.clip_samples
        bg = rng.choice(self.backgrounds)
        return MixRecipe(
            background=bg.id,
            background_offset=rng.randrange(max(1, int(bg.duration * self.rate))),
            length=length,
            background_gain_db=round(rng.uniform(*self.cfg.mix.background_gain_db), 3),
            events=tuple(self._event(rng, c, length) for c in events),
        )

    def _edit(self, rng: random.Random, op: str) -> dict:
        # Mostly sound effects; sometimes a voice, so "remove the speech" is learnt too.
        event = rng.choice(self.speech) if self.speech and rng.random() < 0.15 else self._foreground(rng)
        mix = self._mix(rng, [event])
        return {"mix": mix.to_json(), "instruction": instruction(op, rng, desc=describe(event, rng)), "target_category": event.category}

    # --- tasks ---
    def _plan_add(self, rng: random.Random) -> dict:
        return self._edit(rng, "add")

    def _plan_remove(self, rng: random.Random) -> dict:
        return self._edit(rng, "remove")

    def _plan_extract(self, rng: random.Random) -> dict:
        return self._edit(rng, "extract")

    def _plan_style_sfx(self, rng: random.Random) -> dict:
        a = self._foreground(rng)
        b = self._foreground(rng, exclude=a.category)
        mix = self._mix(rng, [a] * rng.choice((1, 1, 2)))
        return {
            "mix": mix.to_json(),
            "replacement": b.id,
            "instruction": instruction("style", rng, source=describe(a, rng), target=describe(b, rng)),
            "source_category": a.category,
            "target_category": b.category,
        }

    def _pair(self, rng: random.Random, clips: list[SourceClip], key: str) -> tuple[SourceClip, SourceClip]:
        groups: dict[str, list[SourceClip]] = {}
        for c in clips:
            groups.setdefault(c.group, []).append(c)
        usable = [g for g in groups.values() if len({c.extra[key] for c in g}) > 1]
        if not usable:
            raise ValueError(f"the {self.split} split has no pair differing in {key}")
        group = rng.choice(sorted(usable, key=lambda g: g[0].group))
        a = rng.choice(group)
        return a, rng.choice([c for c in group if c.extra[key] != a.extra[key]])

    def _plan_style_music(self, rng: random.Random) -> dict:
        a, b = self._pair(rng, self.music, "instrument")
        return {
            "source": a.id,
            "output": b.id,
            "instruction": instruction("style", rng, source=a.extra["instrument"], target=b.extra["instrument"]),
            "target_category": "music",
        }

    def _plan_style_speech(self, rng: random.Random) -> dict:
        a, b = self._pair(rng, self.speech, "speaker")
        return {
            "source": a.id,
            "output": b.id,
            "instruction": instruction("style", rng, source=a.caption, target=b.caption),
            "transcript": a.extra["transcript"],
            "target_category": "speech",
        }

    def _plan_t2a(self, rng: random.Random) -> dict:
        event = self._foreground(rng)
        mix = self._mix(rng, [event])
        bg = self.cat.clips[mix.background]
        return {"mix": mix.to_json(), "caption": scene_caption(describe(event, rng), describe(bg, rng), rng), "target_category": event.category}

    def _plan_t2m(self, rng: random.Random) -> dict:
        clip = rng.choice(self.music)
        return {"output": clip.id, "caption": clip.caption, "target_category": "music"}

    def _plan_tts(self, rng: random.Random) -> dict:
        clip = rng.choice(self.speech)
        same_voice = [c for c in self.speech if c.extra["speaker"] == clip.extra["speaker"] and c.group != clip.group]
        reference = rng.choice(same_voice) if same_voice else clip
        return {
            "output": clip.id,
            "reference": reference.id,
            "transcript": clip.extra["transcript"],
            "reference_transcript": reference.extra["transcript"],
            "caption": clip.caption,
            "target_category": "speech",
        }


def recipe_clips(recipe: dict) -> list[str]:
    """Every source clip an example uses (for its licences and credits)."""
    ids = [recipe[k] for k in ("source", "output", "reference", "replacement") if k in recipe]
    if "mix" in recipe:
        mix = recipe["mix"]
        ids += [mix["background"], *(e["clip"] for e in mix["events"])]
    return sorted(set(ids))


def _matched(x: np.ndarray, like: np.ndarray) -> np.ndarray:
    """`x` scaled to the RMS of `like`."""
    return x * np.float32(rms(like) / max(rms(x), 1e-9))


def _fit(x: np.ndarray, length: int) -> np.ndarray:
    return x[:length] if len(x) >= length else np.pad(x, (0, length - len(x)))


def render(recipe: dict, sources: dict[str, np.ndarray], cfg: DataConfig) -> dict[str, np.ndarray]:
    """The example's audio as int16 arrays: 'input' (edits), 'output', and 'reference' (a voice prompt)."""
    rate, length = cfg.sample_rate, cfg.clip_samples
    task = recipe["task"]
    if task in ("add", "remove", "extract", "t2a"):
        layers, background = render_layers(MixRecipe.from_json(recipe["mix"]), sources, rate)
        target = np.sum(layers, axis=0)
        t, r, m = quantize_pair(target, background, headroom_scale(target + background))
        return {"add": {"input": r, "output": m}, "remove": {"input": m, "output": r}, "extract": {"input": m, "output": t}, "t2a": {"output": m}}[
            task
        ]
    if task == "style_sfx":
        mix = MixRecipe.from_json(recipe["mix"])
        layers_a, background = render_layers(mix, sources, rate)
        swapped = replace(mix, events=tuple(replace(e, clip=recipe["replacement"], crop_start=0, pitch=0.0, stretch=1.0) for e in mix.events))
        layers_b, _ = render_layers(swapped, sources, rate)
        # The replacement follows the original's onsets and envelope, at the same SNR.
        shaped = [_matched(impose_envelope(b, a, rate), a) for a, b in zip(layers_a, layers_b)]
        a_mix, b_mix = np.sum(layers_a, axis=0) + background, np.sum(shaped, axis=0) + background
        scale = headroom_scale(a_mix, b_mix)
        return {"input": quantize(a_mix * scale), "output": quantize(b_mix * scale)}
    if task in ("style_music", "style_speech"):
        a, b = _fit(sources[recipe["source"]], length), _fit(sources[recipe["output"]], length)
        scale = headroom_scale(a, b)
        return {"input": quantize(a * scale), "output": quantize(b * scale)}
    if task == "t2m":
        out = _fit(sources[recipe["output"]], length)
        return {"output": quantize(out * headroom_scale(out))}
    if task == "tts":
        out = sources[recipe["output"]][:length]
        ref = sources[recipe["reference"]][: int(VOICE_PROMPT_SECONDS * rate)]
        return {"output": quantize(out * headroom_scale(out)), "reference": quantize(ref * headroom_scale(ref))}
    raise ValueError(f"unknown task {task!r}")
