"""A quote with its citation: what ``y`` copies, and where it is kept when copying fails.

Copying goes through OSC 52, which the terminal may ignore (tmux without
``set-clipboard on``, GNOME Terminal): nothing tells the program whether it arrived. So the
citation is also written to a file the reader can open, and the notice says both.
"""

from __future__ import annotations

import os
from pathlib import Path

from tui.data.corpus import Corpus, Report

# What a notice shows of a long citation; the file and the clipboard get it whole.
SHOWN = 300
# Longer citations are not sent to the terminal: terminals drop large OSC 52 writes, and
# over SSH megabytes of base64 would hold the screen. The file still gets them.
COPY_LIMIT = 100_000


def citation(corpus: Corpus, report: Report) -> str:
    """“quote” … “quote” — according to SOURCE, PUBLISHER, “TITLE”, DATE, URL."""
    article = corpus.articles[report.article_id]
    quotes = " … ".join(f"“{article.text[q.start : q.end]}”" for q in report.quotes)
    sources = [corpus.entity_name(e) for e in report.according_to]
    publisher = article.publisher or article.id
    said = [s for s in sources if s.casefold() != publisher.casefold()]
    parts = [
        f"according to {' ← '.join(said)}" if said else "",
        publisher,
        f"“{article.title}”",
        article.published.describe(),
        article.url,
    ]
    return f"{quotes} — {', '.join(p for p in parts if p)}"


def state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "diplo-tui"


def save(text: str) -> Path | None:
    """Write ``text`` to the reader's own citation file; None if that is not possible."""
    return save_state("citation.txt", text)


def save_state(name: str, text: str) -> Path | None:
    """Write ``text`` to the reader's own file ``name`` in the state directory; None if that
    is not possible."""
    path = state_dir() / name
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Never through a symlink planted where the file should be.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    except OSError:
        return None
    return path
