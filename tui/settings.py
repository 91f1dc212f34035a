"""Settings a user changes in the explorer (theme, mouse), kept between sessions.

They live in ``$XDG_CONFIG_HOME/diplo-tui/settings.json`` (usually ``~/.config``). The file is
the user's own and may be edited by hand: a file that is not JSON, a value of the wrong type
or an unknown key is ignored with a one-line warning, never a traceback, and the rest of the
file still applies. Writes go to a temporary file that replaces the old one, so a crash never
leaves half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

# A settings file is a few lines; anything bigger is not one.
MAX_SIZE = 64 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    theme: str | None = None  # a Textual theme name; None: Textual's default
    mouse: bool = True


def settings_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "diplo-tui" / "settings.json"


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The saved settings, and a warning when some of the file could not be used."""
    path = path or settings_path()
    try:
        if not path.is_file():
            return Settings(), None
        if path.stat().st_size > MAX_SIZE:
            return Settings(), f"{path}: larger than {MAX_SIZE} bytes; settings ignored"
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return Settings(), f"{path}: not readable as JSON ({error}); settings ignored"
    if not isinstance(data, dict):
        return Settings(), f"{path}: expected a JSON object; settings ignored"
    problems: list[str] = []
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        problems.append("`theme` must be a string")
        theme = None
    mouse = data.get("mouse", True)
    if not isinstance(mouse, bool):
        problems.append("`mouse` must be true or false")
        mouse = True
    unknown = sorted(set(data) - {"theme", "mouse"})
    if unknown:
        problems.append(f"unknown {', '.join(f'`{k}`' for k in unknown)}")
    warning = f"{path}: {'; '.join(problems)}; ignored" if problems else None
    return Settings(theme, mouse), warning


def save_settings(settings: Settings, path: Path | None = None) -> str | None:
    """Write ``settings``; an error message if that was not possible."""
    path = path or settings_path()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(asdict(settings), f, indent=2)
                f.write("\n")
            os.replace(temporary, path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        return f"could not save settings to {path}: {error.strerror or error}"
    return None
