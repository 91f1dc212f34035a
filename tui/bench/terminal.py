"""Time a program in a real terminal: a pty we own, read byte by byte, modelled with pyte.

The program runs on the slave side of a pseudo-terminal, exactly as under a terminal
emulator or tmux. A reader thread takes every byte it writes with the time it arrived; a
`pyte` screen (a VT100/xterm model) replays those bytes afterwards, chunk by chunk, to tell
which chunks changed what a person would see. Nothing is polled and nothing is guessed from
timers: a figure is the arrival time of a chunk of output.

Method, for a key (see BENCHMARKS.md):

* Before the key, the program must be *settled*: no output for :data:`QUIET` seconds while
  it used less than :data:`IDLE_SHARE` of a core (``/proc/PID/stat``) in that time.
* The key's bytes are written to the pty; the clock starts just before the write.
* The response ends when the program is settled again. Its chunks are then replayed: the
  *first change* is the arrival of the first chunk that changed the screen, *settled* is the
  arrival of the last one. A chunk whose only change is one cell's colours (a text field's
  blinking cursor) is not counted as a change.

QUIET is longer than any idle wait inside Textual on the way from a key to the screen: a lone
Esc byte is held for 100 ms (``ESCDELAY``) in case more of a sequence follows, and the input
thread looks at its timer every 100 ms. The CPU test keeps a silent computation (a search
that blocks the event loop for seconds) from being taken for the end of the response.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import pyte

QUIET = 0.25
IDLE_SHARE = 0.25
GIVE_UP = 5.0
#: Bytes a terminal sends for each key name the benchmark uses.
KEYS: dict[str, bytes] = {
    "enter": b"\r",
    "tab": b"\t",
    "shift+tab": b"\x1b[Z",
    "backspace": b"\x7f",
    "escape": b"\x1b",
    # The kitty keyboard protocol's unambiguous Esc: no escape delay.
    "escape-kitty": b"\x1b[27u",
    "ctrl+p": b"\x10",
    "ctrl+q": b"\x11",
    "down": b"\x1b[B",
    "up": b"\x1b[A",
}
_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def key_bytes(key: str) -> bytes:
    """The bytes for ``key``: a name from :data:`KEYS`, or one printable character."""
    if key in KEYS:
        return KEYS[key]
    if len(key) == 1:
        return key.encode()
    raise ValueError(f"unknown key {key!r}")


@dataclass(frozen=True, slots=True)
class Response:
    """What one key did, in seconds from writing it: ``None`` when the screen never changed."""

    first: float | None
    settled: float | None
    bytes: int


class Unresponsive(RuntimeError):
    """The program did not settle in time."""


class Terminal:
    """One program on a pty of ``size`` (columns, rows); use as a context manager."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        env: Mapping[str, str],
        size: tuple[int, int] = (160, 48),
        cwd: Path | None = None,
    ) -> None:
        self.argv = list(argv)
        self.env = dict(env)
        self.cols, self.rows = size
        self.cwd = cwd
        self.screen = pyte.Screen(self.cols, self.rows)
        self._stream = pyte.ByteStream(self.screen)
        self._lines: list[tuple[object, ...]] = [()] * self.rows
        self._chunks: list[tuple[float, bytes]] = []
        self._fed = 0
        self._changed = threading.Condition()
        self._stop = threading.Event()
        self._reader: threading.Thread | None = None
        self._master = -1
        self._process: subprocess.Popen[bytes] | None = None
        self._samples: deque[tuple[float, float]] = deque()
        self._switch = sys.getswitchinterval()
        self.started = 0.0

    # -- lifetime ---------------------------------------------------------------------------

    def __enter__(self) -> Terminal:
        master, slave = pty.openpty()
        self._master = master
        try:
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.cols, 0, 0))
            # The reader must take the GIL back within a fraction of a millisecond to stamp a
            # chunk's arrival while the main thread replays the screen.
            sys.setswitchinterval(0.0002)
            self._reader = threading.Thread(target=self._read, name="bench-pty", daemon=True)
            self._reader.start()
            self.started = time.perf_counter()
            self._process = subprocess.Popen(
                self.argv,
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=self.env,
                cwd=self.cwd,
                start_new_session=True,  # its own session and group: killed as a whole
                close_fds=True,
            )
        except BaseException:
            self.close()
            raise
        finally:
            os.close(slave)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """End the program (its whole process group) and the reader; safe to call twice."""
        process = self._process
        if process is not None and process.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self._stop.set()
        if self._reader is not None:
            self._reader.join(timeout=5)
            self._reader = None
        if self._master >= 0:
            os.close(self._master)
            self._master = -1
        sys.setswitchinterval(self._switch)

    def _read(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self._master], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(self._master, 65536)
            except OSError:  # EIO: the program closed the terminal
                data = b""
            now = time.perf_counter()
            if not data:
                return
            with self._changed:
                self._chunks.append((now, data))
                self._changed.notify_all()

    # -- what the program is doing ----------------------------------------------------------

    @property
    def pid(self) -> int:
        assert self._process is not None, "not started"
        return self._process.pid

    def exited(self) -> bool:
        return self._process is None or self._process.poll() is not None

    def cpu_seconds(self) -> float | None:
        """CPU time the program has used, all threads; ``None`` where /proc is missing."""
        try:
            stat = Path(f"/proc/{self.pid}/stat").read_text()
        except OSError:
            return None
        fields = stat[stat.rindex(")") + 2 :].split()
        return (int(fields[11]) + int(fields[12])) / _TICK

    def peak_rss_mb(self) -> float | None:
        """The program's peak resident memory so far (VmHWM), in MiB."""
        try:
            status = Path(f"/proc/{self.pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return None

    def settle(self, since: float | None = None, timeout: float = 300.0) -> None:
        """Block until no output for QUIET seconds while the program used < IDLE_SHARE of a
        core, counting only time after ``since`` when given; raise :class:`Unresponsive`
        after ``timeout`` seconds."""
        start = self.started if since is None else since
        deadline = time.perf_counter() + timeout
        while True:
            now = time.perf_counter()
            with self._changed:
                last = self._chunks[-1][0] if self._chunks else self.started
            cpu = self.cpu_seconds()
            if cpu is not None:
                self._samples.append((now, cpu))
                while len(self._samples) > 2 and now - self._samples[1][0] > 2 * QUIET:
                    self._samples.popleft()
            quiet = now - max(last, start) >= QUIET
            if quiet and self.exited():
                return
            if quiet and (cpu is None or self._idle(now, since)):
                return
            if now > deadline:
                raise Unresponsive(f"{self.argv[-1]!r} did not settle in {timeout:.0f} s")
            with self._changed:
                self._changed.wait(timeout=0.01)

    def _idle(self, now: float, since: float | None) -> bool:
        """Whether the program used less than IDLE_SHARE of a core over the last QUIET
        seconds (measured from a sample taken at least QUIET ago, and after ``since``)."""
        base: tuple[float, float] | None = None
        for sample in reversed(self._samples):
            if now - sample[0] >= QUIET:
                base = sample
                break
        if base is None or now - base[0] > QUIET + 0.2:
            return False
        if since is not None and base[0] < since - 0.02:
            return False
        used = self._samples[-1][1] - base[1]
        return used <= IDLE_SHARE * (now - base[0])

    # -- the screen -------------------------------------------------------------------------

    def _replay(self, upto: int) -> Iterable[tuple[float, bool]]:
        """Feed chunks up to ``upto`` into the screen: each one's arrival, and whether it
        changed what is shown (other than one cell's colours: a blinking cursor)."""
        while self._fed < upto:
            arrived, data = self._chunks[self._fed]
            self._fed += 1
            self._stream.feed(data)
            cells, text = 0, False
            buffer = self.screen.buffer
            for y in sorted(self.screen.dirty):
                if y >= self.rows:
                    continue
                row = buffer[y]
                line = tuple(row[x] for x in range(self.cols))
                old = self._lines[y]
                if line != old:
                    if len(old) != len(line):
                        cells, text = cells + self.cols, True
                    else:
                        for a, b in zip(old, line, strict=True):
                            if a != b:
                                cells += 1
                                text = text or a.data != b.data  # type: ignore[attr-defined]
                    self._lines[y] = line
            self.screen.dirty.clear()
            yield arrived, cells > 1 or text

    def _catch_up(self) -> None:
        with self._changed:
            upto = len(self._chunks)
        for _ in self._replay(upto):
            pass

    def text(self) -> str:
        """The screen as text, once every byte so far has been replayed."""
        self._catch_up()
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, markers: Sequence[str], timeout: float = 300.0) -> float:
        """Seconds from starting the program until every marker is on screen at once.

        The chunks are replayed once the program has settled, so the replay never competes
        with the program for the CPU; the figure is the arrival of the chunk that completed
        the screen. A program that settles without them and then writes nothing for
        :data:`GIVE_UP` seconds will not show them: that fails at once, with the screen.
        """
        return self.wait_for_stages([[markers]], timeout)[0]

    def wait_for_stages(
        self, stages: Sequence[Sequence[Sequence[str]]], timeout: float = 300.0
    ) -> list[float]:
        """Seconds from starting the program until each stage in turn was on screen.

        A stage is reached by the first chunk after which every marker of any one of its
        alternatives is on screen at once (a start's first frame is its loading screen or,
        when the load was quicker than the first paint, the explorer itself); one chunk may
        reach several stages. Replayed as :meth:`wait_for` does."""
        deadline = self.started + timeout
        reached: list[float] = []

        def shown(alternatives: Sequence[Sequence[str]]) -> bool:
            display = "\n".join(self.screen.display)
            return any(all(m in display for m in markers) for markers in alternatives)

        while True:
            self.settle(timeout=max(1.0, deadline - time.perf_counter()))
            with self._changed:
                upto = len(self._chunks)
            for arrived, _ in self._replay(upto):
                while len(reached) < len(stages) and shown(stages[len(reached)]):
                    reached.append(arrived - self.started)
                if len(reached) == len(stages):
                    self._catch_up()
                    return reached
            stage = stages[len(reached)]
            display = "\n".join(self.screen.display)
            missing = [m for m in stage[-1] if m not in display]
            if self.exited():
                raise Unresponsive(f"the program exited without showing {missing}:\n{self.text()}")
            if time.perf_counter() > deadline or not self._wait_beyond(upto, GIVE_UP):
                raise Unresponsive(f"{missing} never appeared; the screen was:\n{self.text()}")

    def _wait_beyond(self, count: int, timeout: float) -> bool:
        """Wait until more than ``count`` chunks have arrived (True), or ``timeout`` seconds."""
        with self._changed:
            return self._changed.wait_for(lambda: len(self._chunks) > count, timeout=timeout)

    def press(self, key: str, timeout: float = 300.0) -> Response:
        """Write ``key`` once the program has settled; time what it does to the screen."""
        self.settle(timeout=timeout)
        self._catch_up()
        with self._changed:
            begin = len(self._chunks)
        data = key_bytes(key)
        sent = time.perf_counter()
        os.write(self._master, data)
        self.settle(since=sent, timeout=timeout)
        with self._changed:
            end = len(self._chunks)
        first: float | None = None
        last: float | None = None
        size = sum(len(chunk) for _, chunk in self._chunks[begin:end])
        for arrived, changed in self._replay(end):
            if changed:
                first = arrived if first is None else first
                last = arrived
        return Response(
            None if first is None else first - sent,
            None if last is None else last - sent,
            size,
        )

    def type(self, keys: Iterable[str]) -> None:
        """Press keys one after another, untimed (to set a scene)."""
        for key in keys:
            self.press(key)
