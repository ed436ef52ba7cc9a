"""Edit instructions: the paper's templates first, then paraphrases, so the model does not learn one sentence. The
first template of each edit is the paper's, and the one the pack's manifest gives the studio (omni_model.packing.export)."""

from __future__ import annotations

import random

TEMPLATES: dict[str, tuple[str, ...]] = {
    "add": (
        "Add the sound of '{desc}'",
        "Add '{desc}' to the audio",
        "Insert the sound of '{desc}'",
        "Mix in the sound of '{desc}'",
        "Put the sound of '{desc}' into this clip",
    ),
    "remove": (
        "Remove the sound of '{desc}'",
        "Take out the sound of '{desc}'",
        "Delete '{desc}' from the audio",
        "Get rid of the sound of '{desc}'",
        "Cut the '{desc}' out of this clip",
    ),
    "extract": (
        "Extract the sound of '{desc}'",
        "Isolate the sound of '{desc}'",
        "Keep only the sound of '{desc}'",
        "Separate out the '{desc}'",
        "Pull out the sound of '{desc}'",
    ),
    "style": (
        "Change the sound of '{source}' to '{target}'",
        "Turn the '{source}' into '{target}'",
        "Replace the sound of '{source}' with '{target}'",
        "Make the '{source}' sound like '{target}'",
        "Transform '{source}' into '{target}'",
    ),
}


def instruction(op: str, rng: random.Random, **words: str) -> str:
    """The paper's own wording half the time, a paraphrase otherwise."""
    templates = TEMPLATES[op]
    template = templates[0] if rng.random() < 0.5 else rng.choice(templates[1:])
    return template.format(**words)


def scene_caption(event: str, background: str, rng: random.Random) -> str:
    return rng.choice(
        (
            f"{event} with {background} in the background",
            f"{event} over {background}",
            f"{background}, then {event}",
            f"the sound of {event} and {background}",
        )
    )
