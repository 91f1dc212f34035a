"""Each fault is a tiny corpus under tests/corpora/; check names the file, line and fault."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import CORPORA
from tui.data.loader import load_corpus

# case: (file, line, col, words the message must contain)
CASES: dict[str, tuple[str, int, int, tuple[str, ...]]] = {
    "toml-syntax": ("a.toml", 2, 9, ("TOML syntax error", "string opened at column 9")),
    "toml-duplicate-key": ("entities.toml", 4, 16, ("TOML syntax error", "overwrite")),
    "unknown-key": ("entities.toml", 10, 1, ("unknown key `birthday`", "name, kind, aliases")),
    "unknown-section": ("a.toml", 15, 1, ("unknown section `evnts`", "did you mean `events`")),
    "bad-kind": ("entities.toml", 3, 1, ("`persona`", "'person'", "'media'")),
    "bad-role": ("a.toml", 8, 41, ("`caler`", "participants.modi", "'caller'")),
    "bad-status": ("a.toml", 12, 1, ("`happened`", "'planned'", "'attended_virtually'")),
    "bad-commitment": ("a.toml", 12, 1, ("`rumoured`", "`probable`")),
    "dangling-entity": ("a.toml", 8, 18, ("unknown entity `puttin`", "did you mean `putin`?")),
    "dangling-fact": ("a.toml", 11, 1, ("unknown event or relation `cal`", "did you mean `call`?")),
    "dangling-attribution": ("a.toml", 12, 14, ("unknown entity `kremlin`", "expected the id")),
    "duplicate-id": ("more.toml", 1, 1, ("duplicate id `putin`", "entities.toml:1:1")),
    "missing-text": ("a.toml", 1, 1, ("seeds/a.txt", "does not exist")),
    "empty-text": ("a.toml", 1, 1, ("seeds/a.txt", "is empty")),
    "empty-facts": ("empty.toml", 1, 1, ("fact file is empty",)),
    "non-utf8-text": ("a.toml", 1, 1, ("not UTF-8", "0xe9", "line 1, column 44")),
    "non-utf8-toml": ("more.toml", 2, 13, ("not UTF-8", "0xf6")),
    "quote-not-found": (
        "a.toml",
        12,
        13,
        ("quote not found", "closest passage", "by phone on Monday"),
    ),
    "quote-ambiguous": ("a.toml", 17, 13, ("occurs 2 times", "prefix", "column 80")),
    "malformed-time": ("a.toml", 13, 32, ("malformed time value", "28/08/2023", "YYYY-MM-DD")),
    "impossible-time": ("a.toml", 13, 32, ("impossible date `2023-02-30`",)),
    "impossible-published": ("a.toml", 3, 1, ("published", "day value is outside")),
    "time-not-in-evidence": ("a.toml", 13, 10, ("'on Tuesday'", "does not occur", "evidence")),
    "missing-key": ("entities.toml", 6, 1, ("missing key `kind`",)),
    "bad-id": ("entities.toml", 6, 1, ("`Modi` is not a valid id", "lower-case")),
    "reports-without-article": ("orphan.toml", 1, 1, ("need an `[article]`",)),
    "estimate-reversed": ("a.toml", 3, 1, ("`latest` is before `earliest`",)),
    "interval-reversed": ("a.toml", 13, 32, ("ends before it starts",)),
    "empty-evidence": ("a.toml", 12, 1, ("`evidence` is empty",)),
    "alias-collision": ("entities.toml", 9, 1, ("alias `Putin`", "`putin`")),
    "unreported-fact": ("a.toml", 15, 1, ("`visit` is reported by no article",)),
    "bad-article-name": ("A Call.toml", 1, 1, ("`A Call` is not a valid article id",)),
    "wrong-type": ("a.toml", 4, 1, ("`language`", "valid string")),
    "bad-link-type": ("a.toml", 26, 1, ("`reasoning`", "'cause'", "'since'")),
    "dangling-link": ("a.toml", 18, 1, ("unknown event or relation `cal`", "did you mean `call`?")),
    "cue-not-in-evidence": ("a.toml", 13, 27, ("cue 'Modi said' does not occur", "evidence")),
    "anchor-missing-event": ("a.toml", 13, 32, ("unknown event or relation `sumit`",)),
    "format-1-keys": ("a.toml", 13, 1, ("`according_to` became `sources`", "FORMAT.md")),
    "insertion-not-direct": ("a.toml", 13, 48, ("insertions mark", 'speech = "direct"')),
    "statement-is-relation": ("a.toml", 18, 48, ("`putin-knows-modi` is a relation",)),
    "publisher-not-media": ("a.toml", 3, 1, ("`modi` is a person, not a media entity",)),
    "dateline-not-in-text": ("a.toml", 3, 1, ("dateline 'MOSCOW, Aug 28:' does not occur",)),
    "anchored-time-mismatch": (
        "a.toml",
        23,
        35,
        ("does not fit its anchor", "`summit` is at `2023-08-28`", "`2023-08-29`"),
    ),
    "open-interval-malformed": ("a.toml", 13, 32, ("malformed time value `...`", "START/..")),
    "weekday-mismatch": (
        "a.toml",
        13,
        32,
        ("does not fit its phrase", "is a Tuesday, not a Monday"),
    ),
    "relative-time-mismatch": (
        "a.toml",
        13,
        32,
        ("does not fit its phrase", "“last week” from an article published 2023-08-28 is"),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_fault_is_reported_with_location(case: str) -> None:
    file, line, col, words = CASES[case]
    corpus = load_corpus(CORPORA / case)
    matching = [p for p in corpus.problems if Path(p.path).name == file and words[0] in p.message]
    assert len(matching) == 1, corpus.problems
    first = matching[0]
    assert (first.line, first.col) == (line, col), corpus.problems
    for word in words:
        assert word in first.message, first.message
    assert "expected" in first.message or "did you mean" in first.message


def test_every_fault_has_a_case_and_the_clean_corpus_is_clean() -> None:
    # warn-*: corpora that are clean but draw a warning (tests/test_curator_tools.py).
    on_disk = {p.name for p in CORPORA.iterdir() if p.is_dir() and not p.name.startswith("warn-")}
    assert on_disk - set(CASES) == {
        "clean",
        "many-problems",
        "hostile",
        "disagree",
        "hidden-problems",
    }
    assert load_corpus(CORPORA / "clean").problems == []
    assert load_corpus(CORPORA / "disagree").problems == []


def test_all_problems_of_a_run_are_reported_together_and_sorted() -> None:
    problems = load_corpus(CORPORA / "many-problems").problems
    assert [Path(p.path).name for p in problems] == ["a.toml", "a.toml", "entities.toml"]
    assert problems == sorted(problems)
    # The bad status does not hide the same report's misquote.
    assert "happened" in problems[0].message and "fone" in problems[1].message
    assert "human" in problems[2].message


def test_a_partly_broken_corpus_still_loads_what_is_valid() -> None:
    corpus = load_corpus(CORPORA / "bad-commitment")
    assert corpus.problems
    assert set(corpus.entities) == {"putin", "modi"}
    assert "call" in corpus.events and corpus.reports == {}


def test_an_invalid_value_hides_none_of_the_other_problems() -> None:
    """A bad status, a malformed date or an unread text: every problem of a run at once."""
    corpus = load_corpus(CORPORA / "hidden-problems")
    found = [(Path(p.path).name, p.line, p.message.split(";")[0]) for p in corpus.problems]
    assert found == [
        ("a.toml", 12, "quote not found in `seeds/a.txt`: 'Putin spoke to Modi by telephone'"),
        ("a.toml", 13, "`happened` is not an allowed value for `status`"),
        ("a.toml", 14, "unknown entity `kremlin`"),
        (
            "b.toml",
            3,
            "`published.date`: expected a valid date or datetime, "
            "invalid character in year (got 'last Monday')",
        ),
        (
            "b.toml",
            7,
            "quote not found in `seeds/b.txt`: 'Putin spoke to Modi by phone on Tuesday'",
        ),
        ("orphan.txt", 1, "`seeds/orphan.txt` is no article's text"),
    ]
    # What was invalid is checked, not loaded.
    assert corpus.reports == {} and set(corpus.articles) == {"a"}


@pytest.mark.parametrize(
    ("case", "hint"),
    [("bad-status", "occurred"), ("bad-link-type", "reason"), ("bad-kind", "person")],
)
def test_a_value_outside_a_vocabulary_gets_the_value_it_likely_meant(case: str, hint: str) -> None:
    """By spelling (persona → person) or by meaning (happened → occurred)."""
    [problem] = load_corpus(CORPORA / case).problems
    assert problem.message.endswith(f"did you mean `{hint}`?")


def test_a_syntax_error_hides_only_the_references_its_file_may_define(tmp_path: Path) -> None:
    """A file that cannot be parsed may define ids the others use: references to those are
    not called unknown, but a reference it could not explain still is, with the syntax error."""
    root = tmp_path / "c"
    shutil.copytree(CORPORA / "clean", root)
    facts = root / "facts" / "a.toml"
    facts.write_text(
        facts.read_text(encoding="utf-8").replace(
            'modi = "participant" }',
            'modi = "participant", lavrov = "participant", puttin = "participant" }',
        )
        + '\n[events.summit]\ntype = "summit"\nsummary = "A summit"\n'
        'participants = { putin = "participant" }\n',
        encoding="utf-8",
    )
    (root / "facts" / "more.toml").write_text(
        '[entities.lavrov]\nname = "Sergei Lavrov\nkind = "person"\n\n[[reports]]\nof = "summit"\n',
        encoding="utf-8",
    )
    found = [(Path(p.path).name, p.line, p.message) for p in load_corpus(root).problems]
    assert [(name, line) for name, line, _ in found] == [("a.toml", 8), ("more.toml", 2)]
    assert found[0][2].startswith("unknown entity `puttin`; did you mean `putin`?")
    assert found[1][2].startswith("TOML syntax error")


def test_the_text_of_an_article_whose_facts_cannot_be_parsed_is_not_called_uncurated(
    tmp_path: Path,
) -> None:
    root = tmp_path / "c"
    shutil.copytree(CORPORA / "clean", root)
    facts = root / "facts" / "a.toml"
    facts.write_text(facts.read_text(encoding="utf-8") + "\n[broken\n", encoding="utf-8")
    found = [(Path(p.path).name, p.message) for p in load_corpus(root).problems]
    assert len(found) == 1 and found[0][0] == "a.toml", found
    assert found[0][1].startswith("TOML syntax error")


@pytest.mark.parametrize(
    ("line", "col", "quote"),
    [
        ('name = "Mao Ning', 8, '"'),
        ('name = "say \\"no\\" then', 8, '"'),  # escaped quotes do not close it
        ('aliases = ["Mao", "Ning]', 19, '"'),
    ],
)
def test_an_unclosed_string_is_named_where_it_opens(
    tmp_path: Path, line: str, col: int, quote: str
) -> None:
    root = tmp_path / "c"
    shutil.copytree(CORPORA / "clean", root)
    facts = root / "facts" / "entities.toml"
    facts.write_text(facts.read_text(encoding="utf-8") + f"\n[entities.mao]\n{line}\n")
    at = facts.read_text(encoding="utf-8").count("\n")  # the line written last
    (problem,) = load_corpus(root).problems
    assert (Path(problem.path).name, problem.line, problem.col) == ("entities.toml", at, col)
    assert problem.message == (
        f"TOML syntax error: the string opened at column {col} is not closed on its line; "
        f"expected a closing {quote} before the end of line {at}"
    )
