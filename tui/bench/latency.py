"""Keystroke-to-frame latency, measured in-process, and the process's peak memory.

Run as ``python -m tui.bench.latency CORPUS KEYS``; prints one JSON object. Each latency is
the time from a key's arrival to the end of a frame composed in response to it (the app's
display hook is timed, so the cost of composing the frame is included): the first such frame,
and the last.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

from tui import terminal_defaults

terminal_defaults.apply()  # measure the explorer as `diplo-tui` runs it

from textual import events  # noqa: E402

from tui.data.index import open_corpus  # noqa: E402
from tui.ui.app import DiploApp  # noqa: E402
from tui.ui.explorer import ExplorerScreen  # noqa: E402

DEBUG = False


async def measure(root: Path, keys: int) -> dict[str, Any]:
    corpus = open_corpus(root)
    app = DiploApp(corpus)
    frames: list[float] = []
    display = app._display

    def timed_display(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        frames.append(time.perf_counter())

    app._display = timed_display  # type: ignore[method-assign]
    # For each kind of key: the first frame after it (which shows its effect) and the last
    # one it caused (a scrollbar, say, is repainted a frame after the list it belongs to).
    results: dict[str, dict[str, list[float]]] = {
        kind: {"first": [], "last": []} for kind in ("entity", "fact", "palette")
    }

    async def settle(since: float, quiet: float = 0.08, timeout: float = 3.0) -> None:
        """Wait until no frame has been drawn for ``quiet`` seconds."""
        while time.perf_counter() - since < timeout:
            await asyncio.sleep(0.005)
            last = max([since, *frames[-1:]])
            if time.perf_counter() - last > quiet:
                return

    async with app.run_test(size=(160, 48)) as pilot:
        driver = app._driver
        assert driver is not None

        async def timed(key: str, bucket: str, quiet: float = 0.08) -> None:
            await settle(time.perf_counter(), quiet)
            frames.clear()
            start = time.perf_counter()
            char = {"enter": "\r"}.get(key, key if len(key) == 1 else None)
            event = events.Key(key, char)
            event.set_sender(app)
            driver.send_message(event)  # the key arrives as a terminal's would
            await settle(start, quiet)
            if frames:
                results[bucket]["first"].append((frames[0] - start) * 1000)
                results[bucket]["last"].append((frames[-1] - start) * 1000)
                if DEBUG:
                    print(bucket, [round((f - start) * 1000, 1) for f in frames], file=sys.stderr)

        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        for _ in range(keys):
            await timed("j", "entity")
        # The facts of the busiest entity: selecting each highlights and scrolls its evidence.
        busiest = max(corpus.facts_by_entity, key=lambda e: len(corpus.facts_by_entity[e]))
        screen.entity_id = busiest
        await pilot.press("2")
        for _ in range(keys):
            await timed("j", "fact")
        names = [e.name for e in corpus.entities.values()]
        for name in names[: max(3, keys // 4)]:
            await pilot.press("ctrl+p")
            await pilot.press(*name[:6])
            await pilot.pause(0.3)  # let the palette's search finish before Enter
            if DEBUG:
                print(type(app.screen).__name__, file=sys.stderr)
            await timed("enter", "palette", quiet=0.3)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"latency_ms": results, "peak_rss_mb": peak_kb / 1024}


def main() -> None:
    root, keys = Path(sys.argv[1]), int(sys.argv[2])
    print(json.dumps(asyncio.run(measure(root, keys))))


if __name__ == "__main__":
    main()
