"""Drive a real terminal: the installed command inside a private tmux server."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path


def installed_command() -> str | None:
    """The `diplo-tui` installed beside this interpreter, as `pip install .` puts it."""
    candidate = Path(sys.executable).with_name("diplo-tui")
    if candidate.exists():
        return str(candidate)
    return shutil.which("diplo-tui")


class Tmux:
    """One tmux server on its own socket, one window running ``command``."""

    def __init__(
        self,
        command: str,
        width: int = 80,
        height: int = 24,
        env: dict[str, str] | None = None,
        capture: Path | None = None,
    ) -> None:
        self.socket = f"diplo-{uuid.uuid4().hex[:8]}"
        self.command = command
        self.size = (width, height)
        self.env = env or {}
        self.capture = capture  # every byte the program writes to the terminal goes here

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
            env=_server_env(),
        )
        return result.stdout

    def __enter__(self) -> Tmux:
        exports = "".join(f"export {k}={shlex.quote(v)}; " for k, v in self.env.items())
        # The shell reports the exit status and keeps the pane open to read it.
        script = f"{exports}{self.command}; echo DIPLO-EXIT=$?; sleep 600"
        if self.capture is not None:
            # The program starts only once its output is being captured. (A tmux wait-for
            # from inside the pane would connect a client and shrink the window to 80x24.)
            self._go = self.capture.with_suffix(".go")
            os.mkfifo(self._go)
            script = f"read _ < {shlex.quote(str(self._go))}; {script}"
        width, height = self.size
        self.tmux(
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            str(width),
            "-y",
            str(height),
            "sh",
            "-c",
            script,
        )
        if self.capture is not None:
            self.tmux("pipe-pane", "-o", f"cat >> {shlex.quote(str(self.capture))}")
            with open(self._go, "w") as go:
                go.write("go\n")
        return self

    def __exit__(self, *exc: object) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", key)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-l", text)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        """Poll the screen until ``text`` appears; fail with the screen if it never does."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")

    def wait_until_gone(self, text: str, timeout: float = 20.0) -> str:
        """Poll the screen until ``text`` is no longer on it."""
        deadline = time.monotonic() + timeout
        screen = self.screen()
        while text in screen and time.monotonic() < deadline:
            time.sleep(0.05)
            screen = self.screen()
        if text in screen:
            raise AssertionError(f"{text!r} never went away; the screen was:\n{screen}")
        return screen

    def display(self, fmt: str) -> str:
        return self.tmux("display-message", "-p", fmt).strip()


def base_env() -> dict[str, str]:
    env = {"TEXTUAL_ANIMATIONS": "none", "HOME": os.environ.get("HOME", "/root")}
    for name in ("PATH", "LANG", "LC_ALL", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def _server_env() -> dict[str, str]:
    """The tmux server's environment: without COLUMNS and LINES, which some test tools set
    (80x24) and which programs in the pane would believe over the pane's real size."""
    return {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
