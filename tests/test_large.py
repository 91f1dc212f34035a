"""Large content stays usable: wrapping is lossless and bounded, searches and copies are capped."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tests.ui_helpers import corpus_at, explorer, make_app, screen_text
from tui.data import corpus as corpus_module
from tui.data.corpus import Article, Published
from tui.ui.article_view import MATCH_LIMIT, ArticleView
from tui.ui.citation import COPY_LIMIT, state_dir
from tui.ui.panes import Target
from tui.ui.wrap import wrap

PUBLISHED = Published(None, None, None, "")
TEXT = st.text(alphabet=st.sampled_from("ab  \n習👍é-"), max_size=300)


@given(TEXT, st.integers(min_value=2, max_value=40))
@settings(max_examples=300, deadline=None)
def test_wrapping_keeps_every_character_once_and_fits(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert "".join(text[s:e] for s, e in lines) == text.replace("\n", "")
    assert all(a[1] <= b[0] for a, b in pairwise(lines))
    for start, end in lines:
        line = text[start:end].rstrip(" ")
        assert cell_len(line) <= width or len(line) == 1  # a wide glyph alone at width < 2


@given(st.text(alphabet="ab ", max_size=400), st.integers(min_value=2, max_value=40))
@settings(max_examples=300, deadline=None)
def test_ascii_wrapping_breaks_at_the_last_space_that_fits(text: str, width: int) -> None:
    lines = wrap(text, width)
    for (start, end), (following, _) in pairwise(lines):
        next_word = text[following:].split(" ", 1)[0]
        if text[start:end].strip() and len(next_word) <= width:
            # The next word did not fit on this line.
            assert len(text[start:following]) + len(next_word) > width


def big_corpus(root: Path, words: int, quote_words: int) -> Path:
    (root / "facts").mkdir(parents=True)
    (root / "seeds").mkdir()
    body = " ".join(["alpha beta gamma"] * (words // 3))
    quote = " ".join(["delta"] * quote_words)
    (root / "seeds" / "big.txt").write_text(f"{body}\n{quote}. Putin met Modi.\n")
    (root / "facts" / "big.toml").write_text(
        '[article]\ntitle = "Big"\npublished = 2023-08-28\n\n'
        '[entities.putin]\nname = "Putin"\nkind = "person"\n\n'
        '[entities.modi]\nname = "Modi"\nkind = "person"\n\n'
        '[events.meeting]\ntype = "meeting"\nsummary = "A meeting"\n'
        'participants = { putin = "participant", modi = "participant" }\n\n'
        f'[[reports]]\nof = "meeting"\nevidence = ["{quote}. Putin met Modi"]\n'
    )
    return root


async def test_a_long_article_caps_its_matches_and_says_so(tmp_path: Path) -> None:
    app = make_app(big_corpus(tmp_path / "c", words=300_000, quote_words=3))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("4", "slash", "a")
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert view.match_count == MATCH_LIMIT and view.more_matches
        assert f"/a ({MATCH_LIMIT}+)" in screen_text(app)


async def test_a_huge_quote_is_kept_in_a_file_not_sent_to_the_terminal(tmp_path: Path) -> None:
    app = make_app(big_corpus(tmp_path / "c", words=30, quote_words=COPY_LIMIT // 5))
    copied: list[str] = []
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
        await pilot.pause()
        explorer(app).jump(Target("fact", "meeting"))
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert copied == []
        notices = [n.message for n in app._notifications]
        assert any("too long for the clipboard" in notice for notice in notices), notices
        saved = (state_dir() / "citation.txt").read_text(encoding="utf-8")
        assert len(saved) > COPY_LIMIT


@given(
    st.lists(
        st.sampled_from(["Putin", "the Russian President", "Modi", "x", "Putinism", "the", " "]),
        max_size=120,
    ),
    st.integers(min_value=0, max_value=400),
    st.integers(min_value=0, max_value=400),
)
@settings(max_examples=200, deadline=None)
def test_mentions_found_a_block_at_a_time_are_those_of_the_whole_text(
    words: list[str], start: int, length: int
) -> None:
    """A long article's mentions are found per block; blocks are made tiny here."""
    corpus = corpus_at()
    text = " ".join(words)
    whole = Article("w", "t", "", "", PUBLISHED, "en", "", text, "")
    blocks = Article("b", "t", "", "", PUBLISHED, "en", "", text, "")
    expected = corpus.mentions(whole)
    with patch.object(corpus_module, "MENTION_BLOCK", 16):
        assert corpus.mentions_between(blocks, 0, len(text)) == expected
        end = min(len(text), start + length)
        assert corpus.mentions_between(blocks, start, end) == [
            m for m in expected if m.start < end and m.end > start
        ]
        putin = [m for m in expected if m.entity_id == "putin" and m.start >= start]
        assert corpus.next_mention(blocks, "putin", start) == (putin[0] if putin else None)
