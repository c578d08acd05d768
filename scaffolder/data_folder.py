"""Where roadmap keeps its own files: the template store and caches."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "ROADMAP_DATA_DIR"


def data_dir() -> Path:
    """Return roadmap's data folder: $ROADMAP_DATA_DIR, else the XDG data folder."""
    chosen = os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    from platformdirs import user_data_path

    return user_data_path("roadmap", appauthor=False)
