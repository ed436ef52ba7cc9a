"""Where the training folder and the repository are, for defaults and fixtures (one place, whatever the module's depth)."""

from pathlib import Path

TRAINING_DIR = Path(__file__).resolve().parents[1]
REPO_DIR = TRAINING_DIR.parent
