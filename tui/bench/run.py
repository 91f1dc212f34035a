"""``diplo-tui bench``: every speed and memory figure, at several corpus sizes, in one table.

Each figure is the median of several runs with its range; comparisons are ratios measured
in the same run (a noisy machine moves both sides). Processes are started fresh for every
timing, the way a user starts them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from tui.bench.synthetic import generate

PYTHON = sys.executable
BARE_PARSE = (
    "import sys\n"
    "try:\n    import tomllib\nexcept ImportError:\n    import tomli as tomllib\n"
    "from pathlib import Path\n"
    "for p in sorted(Path(sys.argv[1], 'facts').glob('*.toml')):\n"
    "    tomllib.loads(p.read_text(encoding='utf-8'))\n"
)
LOAD = (
    "import sys, time\nstart = time.perf_counter()\n"
    "from pathlib import Path\nfrom tui.data.cache import load_with_cache\n"
    "load_with_cache(Path(sys.argv[1]))\nprint(time.perf_counter() - start)\n"
)
MINIMAL_APP = (
    "from textual.app import App\nfrom textual.widgets import Static\n"
    "class Minimal(App):\n"
    "    def compose(self):\n        yield Static('minimal app · ready')\n"
    "Minimal().run()\n"
)


def _timed(command: Sequence[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def _samples(fn: Callable[[], float], runs: int) -> list[float]:
    return [fn() for _ in range(runs)]


def _fmt(values: list[float], unit: str = "ms", scale: float = 1000.0) -> str:
    if not values:
        return "n/a"
    mid = statistics.median(values) * scale
    lo, hi = min(values) * scale, max(values) * scale
    digits = 0 if mid >= 100 else 1
    return f"{mid:.{digits}f} {unit} ({lo:.{digits}f}–{hi:.{digits}f})"


def _ratio(a: list[float], b: list[float]) -> str:
    if not a or not b:
        return "n/a"
    return f"{statistics.median(a) / statistics.median(b):.2f}×"


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def first_frame(command: str, marker: str, env: dict[str, str]) -> float:
    """Seconds from starting ``command`` in a fresh tmux window until ``marker`` shows."""
    socket = f"diplo-bench-{uuid.uuid4().hex[:8]}"
    exports = "".join(f"export {k}='{v}'; " for k, v in env.items())
    try:
        start = time.perf_counter()
        subprocess.run(
            [
                "tmux",
                "-L",
                socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                "160",
                "-y",
                "48",
                "sh",
                "-c",
                f"{exports}exec {command}",
            ],
            check=True,
        )
        while time.perf_counter() - start < 60:
            screen = subprocess.run(
                ["tmux", "-L", socket, "capture-pane", "-p"], capture_output=True, text=True
            ).stdout
            if marker in screen:
                return time.perf_counter() - start
            time.sleep(0.002)
        raise RuntimeError(f"{command!r} never showed {marker!r}")
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)


def bench_size(root: Path, runs: int, keys: int, cache_home: Path) -> dict[str, object]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "TEXTUAL_ANIMATIONS": "none"}
    figures: dict[str, object] = {}
    figures["check"] = _samples(
        lambda: _timed([PYTHON, "-m", "tui", "check", str(root)], env), runs
    )
    figures["parse"] = _samples(lambda: _timed([PYTHON, "-c", BARE_PARSE, str(root)], env), runs)

    def load(cold: bool) -> float:
        if cold:
            shutil.rmtree(cache_home, ignore_errors=True)
        out = subprocess.run(
            [PYTHON, "-c", LOAD, str(root)], check=True, capture_output=True, text=True, env=env
        )
        return float(out.stdout.strip())

    figures["load_cold"] = _samples(lambda: load(True), runs)
    load(False)  # make sure the cache is warm
    figures["load_warm"] = _samples(lambda: load(False), runs)

    if shutil.which("tmux"):
        tmux_env = {
            "XDG_CACHE_HOME": str(cache_home),
            "TEXTUAL_ANIMATIONS": "none",
            "TEXTUAL_FPS": "120",
        }
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
            script.write(MINIMAL_APP)
        try:
            app = f"{PYTHON} -m tui {root}"
            minimal = f"{PYTHON} {script.name}"
            figures["frame_app"] = _samples(
                lambda: first_frame(app, " articles · ", tmux_env), runs
            )
            figures["frame_minimal"] = _samples(
                lambda: first_frame(minimal, "minimal app · ready", tmux_env), runs
            )
        finally:
            os.unlink(script.name)

    out = subprocess.run(
        [PYTHON, "-m", "tui.bench.latency", str(root), str(keys)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    latency = json.loads(out.stdout)
    figures["latency"] = latency["latency_ms"]
    figures["rss_mb"] = latency["peak_rss_mb"]
    return figures


def table(sizes: Sequence[int], results: dict[int, dict[str, object]]) -> str:
    def row(label: str, cell: Callable[[dict[str, object]], str]) -> str:
        return f"| {label} | " + " | ".join(cell(results[n]) for n in sizes) + " |"

    def lat(bucket: str, frame: str) -> Callable[[dict[str, object]], str]:
        def cell(r: dict[str, object]) -> str:
            values = r["latency"][bucket][frame]  # type: ignore[index]
            if not values:
                return "n/a"
            return f"{statistics.median(values):.1f} / {_p95(values):.1f} ms"

        return cell

    def f(key: str) -> Callable[[dict[str, object]], str]:
        return lambda r: _fmt(r.get(key, []))  # type: ignore[arg-type]

    def ratio(a: str, b: str) -> Callable[[dict[str, object]], str]:
        return lambda r: _ratio(r.get(a, []), r.get(b, []))  # type: ignore[arg-type]

    lines = [
        "| figure (median, range) | "
        + " | ".join(f"{n} article{'s' * (n != 1)}" for n in sizes)
        + " |",
        "|---|" + "---|" * len(sizes),
        row("`check`, whole process", f("check")),
        row("bare TOML parsing of the same files, whole process", f("parse")),
        row("**check ÷ bare parsing**", ratio("check", "parse")),
        row("load, cold (no cache)", f("load_cold")),
        row("load, warm (unchanged corpus)", f("load_warm")),
        row("first frame in tmux, diplo-tui (warm)", f("frame_app")),
        row("first frame in tmux, minimal Textual app", f("frame_minimal")),
        row("**first frame ÷ minimal app**", ratio("frame_app", "frame_minimal")),
        row("key → first frame, entity list (median / p95)", lat("entity", "first")),
        row("key → last frame, entity list (median / p95)", lat("entity", "last")),
        row("key → first frame, select a fact (median / p95)", lat("fact", "first")),
        row("key → last frame, select a fact (median / p95)", lat("fact", "last")),
        row("key → first frame, palette jump (median / p95)", lat("palette", "first")),
        row("key → last frame, palette jump (median / p95)", lat("palette", "last")),
        row("peak RSS (explorer with the keystroke run)", lambda r: f"{r['rss_mb']:.0f} MB"),
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="diplo-tui bench", description=__doc__)
    parser.add_argument("--sizes", default="1,100,1000", help="article counts (default 1,100,1000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per timing (default 5)")
    parser.add_argument("--keys", type=int, default=40, help="keystrokes per latency figure")
    parser.add_argument("--workdir", type=Path, help="keep generated corpora here for reuse")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="diplo-bench-"))
    results: dict[int, dict[str, object]] = {}
    for n in sizes:
        root = workdir / f"corpus-{n}"
        if not (root / "facts").is_dir():
            print(f"generating {n} articles…", file=sys.stderr)
            generate(root, n)
        print(f"measuring {n} articles…", file=sys.stderr)
        results[n] = bench_size(root, args.runs, args.keys, workdir / f"cache-{n}")
    print(table(sizes, results))
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        print()
        for bucket in ("entity", "fact"):
            for frame in ("first", "last"):
                a = results[large]["latency"][bucket][frame]  # type: ignore[index]
                b = results[small]["latency"][bucket][frame]  # type: ignore[index]
                if a and b:
                    flat = statistics.median(a) / statistics.median(b)
                    print(
                        f"flatness, {bucket} key → {frame} frame: {large} ÷ {small} = {flat:.2f}×"
                    )
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
