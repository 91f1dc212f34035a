"""A quote that does not anchor says what differs: where, which characters, and look-alikes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import CORPORA
from tui.data.loader import load_corpus

TEXT = (
    "Putin spoke to Modi by phone on Monday. Putin said [in the call] it went well. "
    "Putin said it went well. Modi’s aide said Putin won’t come.\n"
)


def problems_for(tmp_path: Path, evidence: str) -> list[str]:
    root = tmp_path / "c"
    shutil.copytree(CORPORA / "clean", root)
    (root / "seeds" / "a.txt").write_text(TEXT, encoding="utf-8")
    facts = root / "facts" / "a.toml"
    facts.write_text(
        facts.read_text(encoding="utf-8").replace(
            'evidence = ["Putin spoke to Modi by phone on Monday"]', f"evidence = [{evidence}]"
        ),
        encoding="utf-8",
    )
    return [p.message for p in load_corpus(root).problems]


def test_a_look_alike_character_is_named(tmp_path: Path) -> None:
    [message] = problems_for(tmp_path, '"Modi\'s aide said Putin won\'t come", "on Monday"')
    assert "it differs at line 1, column 109 of the article" in message
    assert "`'` (APOSTROPHE) in the quote, `’` (RIGHT SINGLE QUOTATION MARK) in the article" in (
        message
    )
    assert "(characters that look alike)" in message
    assert message.endswith(
        "closest passage (line 1, column 105): 'Modi’s aide said Putin won’t come'"
    )


def test_a_missing_letter_is_named_and_the_passage_is_whole_words(tmp_path: Path) -> None:
    [message] = problems_for(tmp_path, '"Modi by phne", "on Monday"')
    assert "the quote leaves out `o` (LATIN SMALL LETTER O)" in message
    assert message.endswith("closest passage (line 1, column 16): 'Modi by phone'")


def test_a_wrong_prefix_is_not_quote_not_found(tmp_path: Path) -> None:
    [message] = problems_for(
        tmp_path, '{ exact = "it went well", prefix = "Kremlin said " }, "on Monday"'
    )
    assert message.startswith("quote found in `seeds/a.txt` (first at line 1, column 66)")
    assert "never with its `prefix` 'Kremlin said '" in message


# Where the quote and the article part ways, and what each has there: a word replaced by a
# longer or shorter one, added or dropped, at the start or the end, is named as words; one
# character is named as one, however the words around it line up.
@pytest.mark.parametrize(
    ("quote", "column", "said"),
    [
        ("Putin talked to Modi by phone", 7, "'talked' in the quote, 'spoke' in the article"),
        ("Putin spoke with Modi by phone", 13, "'with' in the quote, 'to' in the article"),
        (
            "Putin spoke to Modi by telephone",
            24,
            "'telephone' in the quote, 'phone' in the article",
        ),
        ("Putin spoke to Modi by phone on Tuesday", 33, "'Tuesday' in the quote, 'Monday' in the"),
        ("Putin spoke to Modi by mobile phone", 24, "the quote adds 'mobile'"),
        ("Putin spoke to Modi by phone Monday", 30, "the quote leaves out 'on'"),
        ("Vladimir Putin spoke to Modi", 1, "the quote adds 'Vladimir'"),
        ("He spoke to Modi by phone", 1, "'He' in the quote, 'Putin' in the article"),
        ("Putin spoke to Modi by phone in Monday", 30, "`i` (LATIN SMALL LETTER I) in the quote"),
        ("Putin spoke to Modi’ by phone", 20, "the quote adds `’` (RIGHT SINGLE QUOTATION MARK)"),
        ("Modi’s aide said Putin won’t go", 134, "'go' in the quote, 'come' in the article"),
    ],
)
def test_a_changed_word_is_named_where_it_stands(
    tmp_path: Path, quote: str, column: int, said: str
) -> None:
    [message] = problems_for(tmp_path, f'"{quote}", "on Monday"')
    assert f"; it differs at line 1, column {column} of the article: {said}" in message


def test_the_closest_passage_starts_where_the_quote_does(tmp_path: Path) -> None:
    """A longer word in the quote used to shift the passage by a character (a line break
    before it) and report that the quote leaves out the line break."""
    [message] = problems_for(tmp_path, '"Putin chatted to Modi by phone", "on Monday"')
    assert "it differs at line 1, column 7 of the article: 'chatted' in the quote, " in message
    assert message.endswith("closest passage (line 1, column 1): 'Putin spoke to Modi by phone'")
