"""Which fact a problem is about, so the explorer can take the user to it.

A problem is located at ``path:line:col`` in a facts file; the fact is the one whose table
holds that line: ``[events.ID]`` or ``[relations.ID]`` itself, or the ``of`` (a report's) or
``from`` (a link's) of the ``[[reports]]`` or ``[[links]]`` table around it. The file is read
again here (bounded, inside the corpus) rather than threading fact ids through every check
of the loader: a problem's location is what a curator acts on, and it is always there.
"""

from __future__ import annotations

import re
from pathlib import Path

from tui.data.corpus import Corpus
from tui.data.problems import Problem

MAX_SIZE = 4 * 1024 * 1024  # the loader's limit for a facts file
_HEADER = re.compile(r"^\s*\[\s*(events|relations)\s*\.\s*\"?([A-Za-z0-9_-]+)\"?\s*\]")
_ARRAY = re.compile(r"^\s*\[\[\s*(reports|links)\s*\]\]")
# At the start of a line: an indented "[" is more likely a line of a multi-line array.
_ANY_HEADER = re.compile(r"^\[")
_KEY = {"reports": "of", "links": "from"}


def problem_file(corpus: Corpus, problem: Problem) -> Path | None:
    """The facts file a problem is in, if it is a regular file inside the corpus."""
    root = corpus.root.resolve()
    for candidate in (Path(problem.path), root / problem.path):
        try:
            path = candidate.resolve()
            path.relative_to(root)
        except (ValueError, OSError):
            continue
        if path.is_file() and path.suffix == ".toml":
            return path
    return None


def fact_of(corpus: Corpus, problem: Problem) -> str | None:
    """The id of the fact whose table holds the problem's line, if it is in the corpus."""
    path = problem_file(corpus, problem)
    if path is None:
        return None
    try:
        if path.stat().st_size > MAX_SIZE:
            return None
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    index = min(problem.line, len(lines)) - 1
    while index >= 0:
        line = lines[index]
        header = _HEADER.match(line)
        if header:
            return header[2] if corpus.fact(header[2]) is not None else None
        array = _ARRAY.match(line)
        if array:
            return _key_in_table(corpus, lines, index + 1, _KEY[array[1]])
        if _ANY_HEADER.match(line):
            return None
        index -= 1
    return None


def _key_in_table(corpus: Corpus, lines: list[str], start: int, key: str) -> str | None:
    pattern = re.compile(rf"^\s*{key}\s*=\s*[\"']([^\"']+)[\"']")
    for line in lines[start:]:
        if _ANY_HEADER.match(line):
            break
        found = pattern.match(line)
        if found:
            fact_id = found[1]
            return fact_id if corpus.fact(fact_id) is not None else None
    return None


def problems_by_fact(corpus: Corpus) -> dict[str, list[Problem]]:
    """The corpus's problems grouped by the fact they are about (those about one)."""
    found: dict[str, list[Problem]] = {}
    for problem in corpus.problems:
        fact_id = fact_of(corpus, problem)
        if fact_id is not None:
            found.setdefault(fact_id, []).append(problem)
    return found
