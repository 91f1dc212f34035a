"""How much of a curated article did ``diplo-tui draft`` propose, and how much was wrong?

    python -m tui.bench.draft_recall [--articles DIR] [--before DIR | --before-rev REV]
                                     [--after DIR] [--json FILE]

For each article text in ``--articles`` (default: ``../shared/articles/1*.txt`` beside the
repository), a draft is made against the corpus *as it was before the article was curated*
(``--before DIR``, or the facts and seeds of git revision ``--before-rev``, by default the
commit before the eight articles of issue 8 were curated), so that the entities curated with
the article do not count as already known. It is then compared with the finished facts in
``--after`` (default: the repository's corpus): the article whose text in ``seeds/`` has the
same bytes, whatever id it was given.

Measured per article and in total, as distinct items:

- **entities**: the entities the finished article's reports refer to (the fact's
  participants, place, subject and object, ``according_to``, and the v2 fields
  ``participants`` and ``sources[].by`` where present). Proposed when the draft lists the id
  as a known mention, flags a near-duplicate of it, or lists a new name equal (folded) to its
  name or an alias. A proposal is wrong when it is none of these entities.
- **time phrases**: the reports' ``time.phrase``. A draft phrase matches one when either
  contains the other, folded, without its preposition ("on Monday" matches "Monday"); for
  each match, whether the draft's value was the curator's.
- **source cues**: the reports' ``sources[].cue`` (fact model v2), matched the same way.

Recall = proposed ÷ finished; wrong = draft proposals matching nothing finished. An article
not curated yet shows what the draft proposed. Each draft is also checked: a copy of the
before-corpus with the text and the draft must load with no problem.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tui.data.corpus import Corpus
from tui.data.draft import Draft, group_names, make_draft, render
from tui.data.folding import fold
from tui.data.loader import load_corpus

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

ROOT = Path(__file__).resolve().parent.parent.parent
# main before the eight articles of issue 8 were curated: two articles, 28 entities.
BEFORE_REV = "ce8b401"
# Publication dates from the articles' SOURCES.md, used until an article is curated (then
# its own `published` is used, as a curator would pass it with --published).
PUBLISHED = {
    "10": "2023-10-04",
    "11": "2023-07-19",
    "12": "2023-08-25",
    "13": "2023-08-29",
    "14": "2023-09-04",
    "15": "2023-09-19",
    "16": "2023-10-18",
    "17": "2023-10-19",
}
_PREPOSITION = re.compile(r"^(?:on|in|at|from|since|until|till|by|during|between|for)\s+")


@dataclass
class Score:
    finished: int = 0  # items in the finished facts
    proposed: int = 0  # of those, how many the draft proposed
    proposals: int = 0  # the draft's proposals
    wrong: int = 0  # proposals matching nothing finished
    values_right: int = 0  # time phrases only: matched phrases whose value agrees
    missed: list[str] = field(default_factory=list)
    wrong_items: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.finished += other.finished
        self.proposed += other.proposed
        self.proposals += other.proposals
        self.wrong += other.wrong
        self.values_right += other.values_right


@dataclass
class Result:
    text: str
    article: str | None  # the finished article's id, None when not curated yet
    published: str
    passes_check: bool
    entities: Score
    times: Score
    cues: Score


def _core(text: str) -> str:
    words = " ".join(fold(text).split())
    words = re.sub(r"['’]s\b", "", words)
    return _PREPOSITION.sub("", words).strip(" .,;:\"'")


def _matches(a: str, b: str) -> bool:
    ca, cb = _core(a), _core(b)
    return bool(ca and cb) and (ca in cb or cb in ca)


def _strings(value: Any) -> Iterable[str]:
    """Every string in a TOML value: ids in a list, keys of a table, ``by`` of a source."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)


def _raw_reports(after: Path, article_id: str) -> list[dict[str, Any]]:
    path = after / "facts" / f"{article_id}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return []
    return [r for r in data.get("reports", []) if isinstance(r, dict)]


def finished_items(
    corpus: Corpus, article_id: str
) -> tuple[set[str], dict[str, str | None], set[str]]:
    """(entity ids, {time phrase: value}, cues) of an article's finished reports. Read from
    the TOML as well as the resolved corpus, so fields of the fact model v2 count whatever
    shape the loader gives them."""
    entities: set[str] = set()
    times: dict[str, str | None] = {}
    cues: set[str] = set()
    for raw in _raw_reports(corpus.root, article_id):
        fact = corpus.fact(str(raw.get("of", "")))
        if fact is not None:
            entities.update(fact.entity_ids)
        for key in ("according_to", "participants"):
            entities.update(s for s in _strings(raw.get(key)) if s in corpus.entities)
        sources = raw.get("sources", [])
        for source in sources if isinstance(sources, list) else [sources]:
            if isinstance(source, dict):
                entities.update(s for s in _strings(source.get("by")) if s in corpus.entities)
                cues.update(c for c in _strings(source.get("cue")))
        time = raw.get("time")
        for t in time if isinstance(time, list) else [time]:
            if isinstance(t, dict) and isinstance(t.get("phrase"), str):
                value = t.get("value")
                times[t["phrase"]] = value if isinstance(value, str) else None
    return entities, times, cues


def _score_entities(draft: Draft, after: Corpus, finished: set[str]) -> Score:
    score = Score(finished=len(finished))
    names = {
        e: {fold(a) for a in (after.entities[e].name, *after.entities[e].aliases)}
        for e in finished
        if e in after.entities
    }
    proposals: list[tuple[str, set[str]]] = []  # (shown, the finished ids it proposes)
    for entity_id in draft.mentions:
        proposals.append((entity_id, {entity_id} & finished))
    # One proposal per name and entity, as the draft lists them ("Xi" ×6 is part of xi).
    for text, entity_id in dict.fromkeys((n.found.text, n.entity_id) for n in draft.near):
        hit = {entity_id} & finished
        hit |= {e for e, forms in names.items() if fold(text) in forms}
        proposals.append((f"~{text}", hit))
    # One proposal per group of new names ("Dmitry Peskov", also "Peskov").
    for group in group_names(draft.candidates):
        forms_of = {fold(c.text) for c in group}
        hit = {e for e, forms in names.items() if forms_of & forms}
        proposals.append((f"+{max((c.text for c in group), key=len)}", hit))
    covered: set[str] = set()
    for shown, hit in proposals:
        covered |= hit
        if not hit:
            score.wrong_items.append(shown)
    score.proposals = len(proposals)
    score.wrong = len(score.wrong_items)
    score.proposed = len(covered)
    score.missed = sorted(finished - covered)
    return score


def _score_phrases(
    proposed: list[tuple[str, str | None]], finished: dict[str, str | None], values: bool
) -> Score:
    distinct = list(dict.fromkeys(proposed))
    score = Score(finished=len(finished), proposals=len(distinct))
    for phrase, value in finished.items():
        found = [(p, v) for p, v in distinct if _matches(p, phrase)]
        if found:
            score.proposed += 1
            if values and any(v == value for _, v in found):
                score.values_right += 1
        else:
            score.missed.append(phrase)
    for p, _ in distinct:
        if finished and not any(_matches(p, f) for f in finished):
            score.wrong_items.append(p)
    if not finished:
        score.wrong_items = [p for p, _ in distinct]
    score.wrong = len(score.wrong_items)
    return score


def _before_corpus(args: argparse.Namespace, scratch: Path) -> Path:
    if args.before is not None:
        return Path(args.before)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", args.before_rev, "facts", "seeds"],
        capture_output=True,
        check=True,
    ).stdout
    target = scratch / "before"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        try:
            tar.extractall(target, filter="data")
        except TypeError:  # a Python without extraction filters; git's own archive is trusted
            tar.extractall(target)
    return target


def _published(after: Corpus | None, article_id: str | None, name: str) -> dt.date:
    if after is not None and article_id is not None:
        published = getattr(after.articles[article_id], "published", None)
        day = getattr(published, "date", None) or getattr(published, "earliest", None)
        if isinstance(day, dt.date):
            return day
    return dt.date.fromisoformat(PUBLISHED.get(name[:2], "2023-01-01"))


def _passes_check(before: Path, scratch: Path, stem: str, text: str, draft: Draft) -> bool:
    corpus = scratch / f"check-{stem}"
    shutil.copytree(before, corpus)
    (corpus / "seeds" / f"{stem}.txt").write_text(text, encoding="utf-8")
    before_corpus = load_corpus(before)
    content = render(draft, before_corpus, f"seeds/{stem}.txt")
    (corpus / "facts" / f"{stem}.toml").write_text(content, encoding="utf-8")
    problems = load_corpus(corpus).problems
    shutil.rmtree(corpus)
    return not problems


def measure(args: argparse.Namespace) -> list[Result]:
    texts = sorted(Path(args.articles).glob("1*.txt"))
    if not texts:
        raise SystemExit(f"no article texts 1*.txt in {args.articles}")
    after = load_corpus(Path(args.after))
    by_text: dict[bytes, str] = {}
    for article in after.articles.values():
        path = after.root / article.text_path
        if path.is_file():
            by_text[path.read_bytes()] = article.id
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="draft-recall-") as tmp:
        scratch = Path(tmp)
        before_root = _before_corpus(args, scratch)
        before = load_corpus(before_root)
        for path in texts:
            data = path.read_bytes()
            text = data.decode("utf-8")
            article_id = by_text.get(data)
            published = _published(after, article_id, path.name)
            stem = re.sub(r"[^a-z0-9-]", "-", path.stem.lower())
            draft = make_draft(before, stem, text, published)
            if article_id is not None:
                entities, times, cues = finished_items(after, article_id)
            else:
                entities, times, cues = set(), {}, set()
            results.append(
                Result(
                    text=path.name,
                    article=article_id,
                    published=published.isoformat(),
                    passes_check=_passes_check(before_root, scratch, stem, text, draft),
                    entities=_score_entities(draft, after, entities),
                    times=_score_phrases(
                        [(t.phrase, t.value) for t in draft.times], times, values=True
                    ),
                    cues=_score_phrases(
                        [(c.text, None) for c in draft.cues],
                        dict.fromkeys(cues),
                        values=False,
                    ),
                )
            )
    return results


def _cell(score: Score, curated: bool) -> str:
    if not curated:
        return f"{score.proposals} proposed"
    return f"{score.proposed}/{score.finished} · {score.wrong}/{score.proposals} wrong"


def report(results: list[Result]) -> str:
    lines = [
        "| article | published | draft passes check | entities: recall · wrong | "
        "time phrases: recall · wrong (values right) | source cues: recall · wrong |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    total = {"entities": Score(), "times": Score(), "cues": Score()}
    for r in results:
        curated = r.article is not None
        values = f" ({r.times.values_right})" if curated else ""
        lines.append(
            f"| {r.article or r.text + ' (not curated yet)'} | {r.published} | "
            f"{'yes' if r.passes_check else 'NO'} | {_cell(r.entities, curated)} | "
            f"{_cell(r.times, curated)}{values} | {_cell(r.cues, curated)} |"
        )
        if curated:
            total["entities"].add(r.entities)
            total["times"].add(r.times)
            total["cues"].add(r.cues)
    curated_count = sum(r.article is not None for r in results)
    if curated_count:

        def pct(a: int, b: int) -> str:
            return f"{a}/{b} ({100 * a / b:.0f}%)" if b else "0/0"

        e, t, c = total["entities"], total["times"], total["cues"]
        lines += [
            "",
            f"total over {curated_count} curated articles:",
            f"  entities: recall {pct(e.proposed, e.finished)}, wrong {pct(e.wrong, e.proposals)}",
            f"  time phrases: recall {pct(t.proposed, t.finished)}, wrong "
            f"{pct(t.wrong, t.proposals)}, values right {pct(t.values_right, t.proposed)}",
            f"  source cues: recall {pct(c.proposed, c.finished)}, "
            f"wrong {pct(c.wrong, c.proposals)}",
        ]
    for r in results:
        if r.article is None:
            continue
        for what, score in (("entities", r.entities), ("times", r.times), ("cues", r.cues)):
            if score.missed:
                lines.append(f"  {r.article} {what} missed: {', '.join(score.missed)}")
            if score.wrong_items:
                lines.append(f"  {r.article} {what} wrong: {', '.join(score.wrong_items)}")
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tui.bench.draft_recall",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--articles", default=str(ROOT.parent / "shared" / "articles"))
    parser.add_argument("--before", help="the corpus before curation (a directory)")
    parser.add_argument("--before-rev", default=BEFORE_REV, help="else: its git revision")
    parser.add_argument("--after", default=str(ROOT), help="the curated corpus")
    parser.add_argument("--json", metavar="FILE", help="also write every figure as JSON")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    results = measure(args)
    print(report(results))
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
