"""A learner's remembered settings: a small JSON file in the user config folder.

`settings.json` in the folder platformdirs names (`~/.config/newsquiz/` on Linux, following
`XDG_CONFIG_HOME`). Only choices a learner makes with a flag are kept there, such as whether
the quiz asks how sure they were. A missing, unreadable or damaged file means the defaults; it
is never a reason to stop a quiz, and a file that cannot be written is left as it is.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

DEFAULTS: dict[str, Any] = {"ask_confidence": True}


def settings_path() -> Path:
    """Where the settings file lives."""
    import platformdirs

    return platformdirs.user_config_path("newsquiz", appauthor=False) / "settings.json"


def load_settings() -> dict[str, Any]:
    """The settings, defaults filled in; anything unreadable counts as not set."""
    values = dict(DEFAULTS)
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return values
    if isinstance(data, dict):
        for key, default in DEFAULTS.items():
            if isinstance(data.get(key), type(default)):
                values[key] = data[key]
    return values


def remember(key: str, value: Any) -> bool:
    """Store one setting; whether it could be written."""
    path = settings_path()
    values = load_settings()
    values[key] = value
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(values, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        return False
    return True


def ask_confidence(flag: bool | None) -> bool:
    """Whether to ask how sure the learner was: the flag given now (remembered), else the
    remembered choice, else yes."""
    if flag is not None:
        remember("ask_confidence", flag)
        return flag
    return bool(load_settings()["ask_confidence"])
