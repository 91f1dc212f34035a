"""The curator's commands: ``diplo-tui find TEXT`` and ``diplo-tui draft seeds/ID.txt``.

Kept apart from :mod:`tui.cli` so that its small edits stay small; the work is done in the
data layer (:mod:`tui.data.find`, :mod:`tui.data.draft`). Like ``check``, both print plain
text in which every corpus string has gone through :mod:`tui.data.textsafe`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from tui.cli import EXIT_OK, EXIT_USAGE, PATH_HELP, _limits, _load, _size
from tui.data import files
from tui.data.corpus import Corpus
from tui.data.discovery import default_corpus, is_corpus
from tui.data.problems import display_path
from tui.data.schema import ID_HINT, ID_PATTERN
from tui.data.textsafe import printable

EXIT_NOTHING = 1  # find: nothing matched, as grep


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-file-size", type=_size, metavar="SIZE", help="largest file to read (see check)"
    )


def find_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="diplo-tui find",
        description="Find entities, events and relations whose id, name, alias or summary "
        "is close to TEXT (case, accents, quote styles and word order do not matter), best "
        "first, with the articles that report each. Exit 0 when something matches, 1 when "
        "nothing does. Use it before writing a new id: is it already in the corpus?",
    )
    parser.add_argument("text", help="words to look for, such as 'phone call Modi Putin'")
    parser.add_argument("path", nargs="?", type=Path, help=PATH_HELP)
    parser.add_argument("--limit", type=int, default=20, help="most matches shown (20)")
    parser.add_argument("--json", action="store_true", help="print the matches as JSON")
    _common(parser)
    args = parser.parse_args(argv)
    corpus = _load(args.path, _limits(parser, args))
    if isinstance(corpus, int):
        return corpus
    from tui.data.find import find

    hits = find(corpus, args.text, limit=max(1, args.limit))
    if args.json:
        doc = [
            {
                "kind": h.kind,
                "id": h.id,
                "label": h.label,
                "matched": h.matched,
                "score": round(h.score, 1),
                "articles": list(h.articles),
            }
            for h in hits
        ]
        # ensure_ascii: JSON escapes every control character, so nothing raw reaches a terminal.
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=True) + "\n")
    else:
        for h in hits:
            articles = ", ".join(printable(a) for a in h.articles) or "reported by no article"
            print(f"{printable(h.kind)} {printable(h.id)}: {printable(h.label, 120)}")
            matched = f"matched {printable(h.matched, 80)!s} ({h.score:.0f}%)"
            print(f"    {matched}; articles: {articles}")
    if not hits:
        print(f"nothing matches {printable(args.text, 80)!r}", file=sys.stderr)
        return EXIT_NOTHING
    return EXIT_OK


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; expected YYYY-MM-DD, such as 2023-08-28"
        ) from None


def _corpus_for(text: Path, path: Path | None) -> Path:
    """The corpus a draft belongs to: PATH, else the one whose seeds/ holds the text, else
    the default (the working directory when it is a corpus)."""
    if path is not None:
        return path
    parent = text.absolute().parent
    if parent.name == "seeds" and is_corpus(parent.parent):
        return parent.parent
    return default_corpus()


def _error(message: str) -> int:
    print(f"diplo-tui draft: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def draft_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="diplo-tui draft",
        description="Write a starting facts/ID.toml for seeds/ID.txt that passes `check` as "
        "it stands: the [article] table, then as comments the known entities the text "
        "mentions, near-duplicates of known names, names not in the corpus, time phrases "
        "with proposed values, source cues, and the sentences by paragraph. Never overwrites "
        "a file (exit 2). Without --published the latest full date in the text is used as an "
        "estimate that you must correct; with no such date, --published is required.",
    )
    parser.add_argument("text", type=Path, help="the article's text, seeds/ID.txt in a corpus")
    parser.add_argument("path", nargs="?", type=Path, help=PATH_HELP)
    parser.add_argument(
        "--published",
        type=_date,
        metavar="DATE",
        help="the publication date, YYYY-MM-DD: time phrases are valued against it",
    )
    _common(parser)
    args = parser.parse_args(argv)
    limits = _limits(parser, args)
    root = _corpus_for(args.text, args.path)
    text_path: Path = args.text
    shown = printable(display_path(text_path))
    if not is_corpus(root):
        return _error(
            f"{printable(str(root))} is not a corpus: expected a directory holding facts/"
        )
    seeds = files.Home(root.resolve() / "seeds")
    if not seeds.contains(text_path) or text_path.absolute().parent.resolve() != (
        root.resolve() / "seeds"
    ):
        return _error(
            f"{shown} is not in {printable(display_path(root / 'seeds'))}/; expected the "
            "article's text copied there first, as seeds/ID.txt (check reads texts only there)"
        )
    article_id = text_path.stem
    if text_path.suffix != ".txt" or not re.match(ID_PATTERN, article_id):
        return _error(
            f"{shown}: expected a name ID.txt whose ID is {ID_HINT}, such as "
            "seeds/reuters-putin-xi-2023-10.txt"
        )
    target = root / "facts" / f"{article_id}.toml"
    if target.exists() or target.is_symlink():
        return _error(
            f"{printable(display_path(target))} already exists; draft never overwrites a file: "
            "edit it, or move it away to draft again"
        )
    try:
        text = files.read_regular(text_path, limits.text).decode("utf-8")
    except files.Refused as exc:
        return _error(f"{shown} {exc}")
    except OSError as exc:
        return _error(f"cannot read {shown}: {printable(exc.strerror or str(exc))}")
    except UnicodeDecodeError as exc:
        return _error(f"{shown} is not UTF-8 (byte {exc.start}); expected a UTF-8 text")
    if not text.strip():
        return _error(f"{shown} is empty; expected the article's text")
    corpus = _load(root, limits)
    if isinstance(corpus, int):
        return corpus
    rel = f"seeds/{text_path.name}"
    owner = next((a.id for a in corpus.articles.values() if a.text_path == rel), None)
    if owner is not None:
        return _error(
            f"{shown} is already the text of article `{printable(owner)}`; expected a text no "
            f"article reads (find its facts with `diplo-tui find`)"
        )
    return _write_draft(corpus, article_id, text, args.published, target)


def _write_draft(
    corpus: Corpus, article_id: str, text: str, published: dt.date | None, target: Path
) -> int:
    from tui.data.draft import latest_full_date, line_col, make_draft, render

    note = ""
    if published is None:
        found = latest_full_date(text)
        if found is None:
            return _error(
                "no --published date, and the text gives no full date to estimate it from; "
                "expected --published YYYY-MM-DD"
            )
        published, offset = found
        line, col = line_col(text, offset)
        note = (
            f"no --published was given: {published} is the latest full date in the text "
            f"(line {line}, column {col}), a lower bound of the publication date. Write the "
            "real date as `published = YYYY-MM-DD`, or keep an estimate with its basis, and "
            "check the time values below, which were worked out from this one."
        )
    draft = make_draft(corpus, article_id, text, published, note)
    content = render(draft, corpus, f"seeds/{article_id}.txt")
    try:
        # "x": fail rather than replace a file that appeared since the check above.
        with open(target, "x", encoding="utf-8", newline="\n") as out:
            out.write(content)
    except FileExistsError:
        return _error(f"{printable(display_path(target))} already exists; draft never overwrites")
    except OSError as exc:
        return _error(
            f"cannot write {printable(display_path(target))}: {printable(exc.strerror or str(exc))}"
        )
    known = len(draft.mentions)
    print(
        f"wrote {printable(display_path(target))}: "
        f"{known} known entit{'y' if known == 1 else 'ies'}, "
        f"{len(draft.near)} near-duplicate name{'s' * (len(draft.near) != 1)}, "
        f"{len({c.text for c in draft.candidates})} new names, {len(draft.times)} time phrases, "
        f"{len(draft.cues)} source cues, {len(draft.sentences)} sentences"
    )
    if note:
        print(f"check the publication date: {note}")
    print("next: complete it, then `diplo-tui check` and `diplo-tui check --coverage`")
    return EXIT_OK
