"""A quote that does not anchor says what differs: where, which characters, and look-alikes."""

from __future__ import annotations

import shutil
from pathlib import Path

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
