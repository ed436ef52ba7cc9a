"""Edit instructions: the paper's templates first, then paraphrases, so the model does not learn one sentence."""

from __future__ import annotations

import random

TEMPLATES: dict[str, tuple[str, ...]] = {
    "add": (
        "Add the sound of '{d}'",
        "Add '{d}' to the audio",
        "Insert the sound of '{d}'",
        "Mix in the sound of '{d}'",
        "Put the sound of '{d}' into this clip",
    ),
    "remove": (
        "Remove the sound of '{d}'",
        "Take out the sound of '{d}'",
        "Delete '{d}' from the audio",
        "Get rid of the sound of '{d}'",
        "Cut the '{d}' out of this clip",
    ),
    "extract": (
        "Extract the sound of '{d}'",
        "Isolate the sound of '{d}'",
        "Keep only the sound of '{d}'",
        "Separate out the '{d}'",
        "Pull out the sound of '{d}'",
    ),
    "style": (
        "Change the sound of '{s}' to '{t}'",
        "Turn the '{s}' into '{t}'",
        "Replace the sound of '{s}' with '{t}'",
        "Make the '{s}' sound like '{t}'",
        "Transform '{s}' into '{t}'",
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
