"""The explorer's index: never stale, updated per row, survives what is found in its place,
answers as the loaded corpus does, and is never read by check or export."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tui.bench.synthetic import generate
from tui.cli import main
from tui.data import cache, index
from tui.data.corpus import Corpus
from tui.data.export import to_json
from tui.data.facets import COUNTABLE
from tui.data.index import IndexedCorpus, open_corpus
from tui.data.loader import load_corpus
from tui.data.query import frequency, parse

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def corpus_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "corpus"
    shutil.copytree(ROOT / "facts", root / "facts")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    return root


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synthetic") / "corpus"
    generate(root, 12)
    return root


def _index_file() -> Path:
    (found,) = cache.cache_dir().glob("index-*.sqlite")
    return found


def _indexed_copy(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of ``corpus`` to edit, with its index built in a cache of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "copy"
    shutil.copytree(corpus, root)
    open_corpus(root)
    return root


def _same_as_loaded(root: Path) -> IndexedCorpus:
    """The corpus read from the index, after checking it is the one loaded from the files."""
    indexed = open_corpus(root)
    assert isinstance(indexed, IndexedCorpus)
    loaded = load_corpus(root)
    assert to_json(indexed) == to_json(loaded)
    assert [str(p) for p in indexed.problems] == [str(p) for p in loaded.problems]
    return indexed


def _builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one each time the index is built."""
    built: list[int] = []
    real = index.build

    def counting(*args: object, **kwargs: object) -> None:
        built.append(1)
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(index, "build", counting)
    return built


def _rewrite_keeping_stat(path: Path, old: str, new: str) -> None:
    """Same size, same modification time: only the content (and the inode's ctime) differ."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


# -- answers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["bundled", "synthetic", "with problems"])
def test_the_index_gives_the_loaded_corpus(
    which: str, corpus_dir: Path, synthetic: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = {"bundled": corpus_dir, "synthetic": synthetic, "with problems": corpus_dir}[which]
    if which == "with problems":
        facts = sorted((root / "facts").glob("*.toml"))[1]
        facts.write_text(facts.read_text(encoding="utf-8") + "\n[oops\n", encoding="utf-8")
    built = _builds(monkeypatch)
    _same_as_loaded(root)  # built
    indexed = _same_as_loaded(root)  # read back
    assert built == [1]
    assert bool(indexed.problems) == (which == "with problems")


def _questions(corpus: Corpus) -> list[object]:
    """Everything the explorer's lists ask, on every entity, fact and article."""
    answers: list[object] = []
    for query in ("", "pu", "putin", "PUTIN", "the", "zz-nothing"):
        answers.append(corpus.entities_by_kind(query))
    for entity_id in corpus.entities:
        facts = corpus.facts_by_entity.get(entity_id, [])
        answers.append(corpus.fact_count(entity_id))
        for query in ("", "summit", "speaker", "≠", "2023", "articles"):
            answers.append(corpus.facts_matching(facts, entity_id, query))
        answers.append(corpus.fact_texts([*facts, "no-such-fact"], entity_id))
        for fact_id in facts:
            fact = corpus.fact(fact_id)
            answers.append(corpus.roles(fact, entity_id) if fact else None)
    answers.append(corpus.fact_texts([*corpus.events][:20], None))
    for fact_id in (*corpus.events, *corpus.relations):
        fact = corpus.fact(fact_id)
        assert fact is not None
        answers.append(corpus.fact_row(fact))
    for article_id in corpus.articles:
        answers.append(corpus.publisher_of(article_id))
        article = corpus.articles[article_id]
        answers.append(corpus.mentions(article))
        answers.append(corpus.mentions_between(article, 100, 900))
    answers.append(corpus.publisher_of("no-such-article"))
    answers.append(corpus.disagreeing_facts())
    for fact_id in (*corpus.events, *corpus.relations):
        answers.append(corpus.reports_anchored_to(fact_id))
    needles = ("putin", "≠", "2023", "says", "“", "ria", "articles", "zz-nothing")
    for listing in (corpus.timeline(), corpus.differences()):
        answers.append((list(listing), list(listing.marks)))
        marks = listing.marks
        answers.append([marks[n] for n in (*range(len(marks)), -1) if len(marks)])
        answers.append([listing.matching(needle) for needle in needles])
    for entity_id in corpus.entities:
        timeline = corpus.timeline(entity_id)
        answers.append((list(timeline), list(timeline.marks)))
        answers.append([timeline.matching(needle) for needle in needles])
        said = corpus.sayings_of(entity_id)
        answers.append(list(said))
        answers.append([said.matching(needle) for needle in needles])
        answers.append(corpus.statements_of(entity_id))
    answers.append(corpus.sources())
    answers.append(corpus.first_names(50))
    everything = [*corpus.events, *corpus.relations]
    for text in (
        "",
        "type:relation",
        "-type:relation status:occurred",
        "2023",
        "2023-08..",
        "date:..2023-06",
        "summit",
        "text:visit,call",
        'text:"g20 sum",kremlin’s,“',
        "moscow -text:kremlin",
        'text:"in new delhi"',
        "text:zz-nothing-zz",
        "certainty:reported",
    ):
        answers.append(parse(text, corpus).run(corpus))
    for entity_id in list(corpus.entities)[:5]:  # every fact its list holds, cited ones too
        for text in (f"about:{entity_id}", f"about:{entity_id} -who:{entity_id}"):
            answers.append(parse(text, corpus).run(corpus))
    for field in COUNTABLE:
        answers.append(frequency(corpus, everything, field))
        answers.append(frequency(corpus, everything[::7], field))
    for kind in ("entity", "article"):
        answers.append(corpus.facets().names(kind))
    return answers


@pytest.mark.parametrize("which", ["bundled", "synthetic"])
def test_the_index_answers_every_question_as_the_loaded_corpus(
    which: str, corpus_dir: Path, synthetic: Path
) -> None:
    root = corpus_dir if which == "bundled" else synthetic
    open_corpus(root)
    indexed = open_corpus(root)
    assert isinstance(indexed, IndexedCorpus)
    assert _questions(indexed) == _questions(load_corpus(root))


def test_the_disagreements_the_rows_found_are_those_worked_out_afresh(synthetic: Path) -> None:
    """The build reads each fact's ≠ from its row, then asks for every disagreement: what
    the rows noted must be what the reports, asked again, say."""
    fresh = load_corpus(synthetic).disagreeing_facts()
    corpus = load_corpus(synthetic)
    for fact_id in (*corpus.events, *corpus.relations):
        fact = corpus.fact(fact_id)
        assert fact is not None
        corpus.fact_row(fact)
    assert len(corpus._disagrees) == len(corpus.events) + len(corpus.relations)
    assert fresh and corpus.disagreeing_facts() == fresh
    assert list(corpus.differences()) == list(load_corpus(synthetic).differences())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("putin", "entity:putin"),
        ("lavrov", "entity:lavrov"),
        ("pesk", "entity:peskov"),
        ("xi jinping", "entity:xi"),
        ("vladmir putn", "entity:putin"),  # typos: found by the query's trigrams
        ("icc warrant", None),
        ("phone", None),
        ("lavrv", "entity:lavrov"),
        ("xi moscow", None),
        ("g", None),
    ],
)
def test_the_palette_finds_in_the_index_what_it_finds_in_memory(
    corpus_dir: Path, query: str, expected: str | None
) -> None:
    open_corpus(corpus_dir)
    indexed = open_corpus(corpus_dir)
    assert isinstance(indexed, IndexedCorpus)
    loaded = load_corpus(corpus_dir)
    from_index = [(hit.name.target, hit.score) for hit in indexed.find_names(query, 100)]
    in_memory = [(hit.name.target, hit.score) for hit in loaded.find_names(query, 100)]
    assert from_index, query
    assert from_index == in_memory  # the same search, whichever way the corpus was read
    if expected is not None:
        assert from_index[0][0] == expected
    if query == "xi moscow":
        assert "entity:xi" in [target for target, _ in from_index]  # "xi" is short: a prefix


def test_a_query_of_one_letter_finds_names_with_a_word_starting_with_it(corpus_dir: Path) -> None:
    open_corpus(corpus_dir)
    indexed = open_corpus(corpus_dir)
    assert isinstance(indexed, IndexedCorpus)
    hits = indexed.find_names("g", 20)
    assert len(hits) == 20
    assert all(any(w.startswith("g") for w in hit.folded.split()) for hit in hits)


# -- never stale -----------------------------------------------------------------------------


def test_a_fact_file_changed_in_place_is_seen(corpus_dir: Path) -> None:
    open_corpus(corpus_dir)
    facts = corpus_dir / "facts" / "putin-china-visit.toml"
    text = facts.read_text(encoding="utf-8")
    title = text.split('title = "', 1)[1].split('"', 1)[0]
    _rewrite_keeping_stat(facts, f'title = "{title}"', f'title = "{title[::-1]}"')
    indexed = _same_as_loaded(corpus_dir)
    assert indexed.articles["putin-china-visit"].title == title[::-1]


def test_a_changed_summary_is_found_by_its_new_words_only(corpus_dir: Path) -> None:
    """The query line's text search reads a trigram index of the labels, kept per fact."""
    facts = corpus_dir / "facts" / "aol-li-qiang-g20.toml"
    old = "Xi stays away from the G20 summit in New Delhi"
    new = "Xi shuns the quokka summit in New Delhi"
    built = open_corpus(corpus_dir)
    assert isinstance(built, IndexedCorpus)
    (fact_id,) = built.facets().labelled("xi stays away")
    assert not built.facets().labelled("quokka")
    facts.write_text(facts.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    indexed = _same_as_loaded(corpus_dir)
    facets = indexed.facets()
    assert facets.labelled("quokka") == {fact_id} == facets.labelled("shuns the quo")
    assert not facets.labelled("xi stays away")
    assert parse("quokka", indexed).run(indexed) == [fact_id]


def test_a_text_changed_in_place_is_seen(corpus_dir: Path) -> None:
    open_corpus(corpus_dir)
    text = corpus_dir / "seeds" / "putin-china-visit.txt"
    _rewrite_keeping_stat(text, "Putin", "Putni")
    indexed = _same_as_loaded(corpus_dir)
    assert indexed.problems  # the quotes naming Putin no longer match the text


def test_added_removed_and_renamed_fact_files_are_seen(corpus_dir: Path) -> None:
    facts = corpus_dir / "facts"
    open_corpus(corpus_dir)
    (facts / "putin-china-visit.toml").rename(facts / "renamed.toml")
    _same_as_loaded(corpus_dir)
    (facts / "renamed.toml").unlink()
    _same_as_loaded(corpus_dir)
    (facts / "new.toml").write_text("[oops\n", encoding="utf-8")
    indexed = _same_as_loaded(corpus_dir)
    assert any("new.toml" in p.path for p in indexed.problems)


def test_a_missing_text_that_appears_is_seen(corpus_dir: Path) -> None:
    text = corpus_dir / "seeds" / "putin-china-visit.txt"
    saved = text.read_bytes()
    text.unlink()
    assert open_corpus(corpus_dir).problems
    text.write_bytes(saved)
    assert not _same_as_loaded(corpus_dir).problems


def test_a_text_no_article_reads_added_or_removed_is_seen(corpus_dir: Path) -> None:
    """The loader reports a text in seeds/ that no article reads: its coming and going
    changes the problems, though no file the articles read changed."""
    open_corpus(corpus_dir)
    extra = corpus_dir / "seeds" / "extra.txt"
    extra.write_text("An article nobody has curated yet.\n", encoding="utf-8")
    assert any("extra.txt" in p.message for p in _same_as_loaded(corpus_dir).problems)
    extra.unlink()
    assert not _same_as_loaded(corpus_dir).problems


def test_a_file_touched_but_unchanged_does_not_rebuild(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_corpus(corpus_dir)
    built = _builds(monkeypatch)
    for path in (corpus_dir / "facts").glob("*.toml"):
        path.write_bytes(path.read_bytes())  # new times, same bytes
    assert isinstance(open_corpus(corpus_dir), IndexedCorpus)
    assert built == []


def test_another_program_version_builds_again(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_corpus(corpus_dir)
    built = _builds(monkeypatch)
    monkeypatch.setattr(index, "_code_digest", lambda: "other code")
    _same_as_loaded(corpus_dir)
    assert built == [1]


def test_one_edited_file_rewrites_only_its_rows(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _indexed_copy(synthetic, tmp_path, monkeypatch)
    total = sum(
        sqlite3.connect(_index_file()).execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in index._TABLES
    )
    written: list[int] = []
    real = index._write_rows

    def counting(db: sqlite3.Connection, name: str, rows: list[tuple[object, ...]]) -> int:
        written.append(real(db, name, rows))
        return written[-1]

    monkeypatch.setattr(index, "_write_rows", counting)
    facts = sorted((root / "facts").glob("*.toml"))[3]
    text = facts.read_text(encoding="utf-8")
    title = text.split('title = "', 1)[1].split('"', 1)[0]
    facts.write_text(text.replace(title, title + " (corrected)", 1), encoding="utf-8")
    _same_as_loaded(root)
    assert 0 < sum(written) <= 3, written  # the article's row, and its names
    assert total > 1000


def test_rows_that_move_when_a_file_goes_and_comes_back_are_all_answered(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every row after a removed file takes another place (and facets another order): the
    index updated in place answers as one built afresh would."""
    root = _indexed_copy(synthetic, tmp_path, monkeypatch)
    middle = sorted((root / "facts").glob("*.toml"))[5]
    saved = middle.read_bytes()
    middle.unlink()
    for _ in range(2):
        indexed = open_corpus(root)
        assert isinstance(indexed, IndexedCorpus)
        assert _questions(indexed) == _questions(load_corpus(root))
        indexed.close()
        middle.write_bytes(saved)


def test_one_edited_fact_rewrites_only_its_facets(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _indexed_copy(synthetic, tmp_path, monkeypatch)
    groups = sqlite3.connect(_index_file()).execute("SELECT count(*) FROM facet_keys").fetchone()
    written: list[int] = []
    real = index._write_facets

    def counting(db: sqlite3.Connection, corpus: Corpus) -> int:
        written.append(real(db, corpus))
        return written[-1]

    monkeypatch.setattr(index, "_write_facets", counting)
    facts = sorted((root / "facts").glob("*.toml"))[3]
    text = facts.read_text(encoding="utf-8")
    summary = text.split('summary = "', 1)[1].split('"', 1)[0]
    facts.write_text(text.replace(summary, summary + " (corrected)", 1), encoding="utf-8")
    indexed = _same_as_loaded(root)  # its label's facets are seen by the query line
    assert written == [1]  # the fact's group of facets, not the corpus's
    assert groups[0] > 100
    loaded = load_corpus(root)
    found = parse("corrected", indexed).run(indexed)
    assert found and found == parse("corrected", loaded).run(loaded)


# -- what may be found in its place ------------------------------------------------------------


@pytest.mark.parametrize(
    "damage", ["torn", "garbage", "foreign database", "older schema", "directory"]
)
def test_a_damaged_or_foreign_index_is_replaced(corpus_dir: Path, damage: str) -> None:
    open_corpus(corpus_dir)
    path = _index_file()
    if damage == "torn":
        with path.open("r+b") as f:
            f.truncate(path.stat().st_size // 2)
    elif damage == "garbage":
        path.write_bytes(os.urandom(8192))
    elif damage == "foreign database":
        path.unlink()
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE entities (something_else INTEGER)")
            db.execute("CREATE TABLE meta (key TEXT, value TEXT)")
            db.execute("INSERT INTO meta VALUES ('complete', '1'), ('format', 'x')")
        db.close()
    elif damage == "older schema":
        with sqlite3.connect(path) as db:
            db.execute("ALTER TABLE events DROP COLUMN disagrees")
            db.execute("PRAGMA user_version = 1")
        db.close()
    else:
        path.unlink()
        path.mkdir()
    indexed = open_corpus(corpus_dir)
    loaded = load_corpus(corpus_dir)
    assert to_json(indexed) == to_json(loaded)
    assert indexed.disagreeing_facts() == loaded.disagreeing_facts()  # every column there
    if damage != "directory":
        assert isinstance(open_corpus(corpus_dir), IndexedCorpus)  # replaced, read back


def test_an_index_another_start_is_writing_is_not_waited_for(corpus_dir: Path) -> None:
    open_corpus(corpus_dir)
    (corpus_dir / "facts" / "new.toml").write_text("[oops\n", encoding="utf-8")
    other = sqlite3.connect(_index_file(), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        corpus = open_corpus(corpus_dir)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not isinstance(corpus, IndexedCorpus)
    assert any("new.toml" in p.path for p in corpus.problems)  # never the stale index


def test_a_planted_symlink_is_not_followed(corpus_dir: Path, tmp_path: Path) -> None:
    open_corpus(corpus_dir)
    path = _index_file()
    elsewhere = tmp_path / "elsewhere.sqlite"
    shutil.copy(path, elsewhere)
    path.unlink()
    path.symlink_to(elsewhere)
    assert to_json(open_corpus(corpus_dir)) == to_json(load_corpus(corpus_dir))
    assert not path.is_symlink()


# -- who reads it ----------------------------------------------------------------------------


def test_check_and_export_never_read_the_index(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the index was read")

    monkeypatch.setattr(index, "open_corpus", refuse)
    monkeypatch.setattr(index, "IndexedCorpus", refuse)
    # With --no-cache nothing is written either; without it, only the parses of the fact
    # files are kept (tests/test_incremental.py).
    assert main(["check", "--no-cache", str(corpus_dir)]) == 0
    assert main(["export", "--no-cache", str(corpus_dir)]) == 0
    assert not cache.cache_dir().exists()
    assert main(["check", str(corpus_dir)]) == 0
    assert main(["export", str(corpus_dir)]) == 0
    assert [p.name for p in cache.cache_dir().iterdir()] == ["parsed.sqlite"]
    capsys.readouterr()


def test_a_warm_start_never_imports_pydantic(corpus_dir: Path) -> None:
    """Validation is for loading; the index and the explorer need neither."""
    code = (
        "import sys; from pathlib import Path; from tui.data.index import open_corpus; "
        "import tui.ui.app; c = open_corpus(Path(sys.argv[1])); "
        "[c.label(f) for f in c.relations.values()]; print(type(c).__name__, "
        "'pydantic' in sys.modules)"
    )
    open_corpus(corpus_dir)
    result = subprocess.run(
        [sys.executable, "-c", code, str(corpus_dir)], capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == "IndexedCorpus False", result.stderr


def test_texts_are_listed_as_a_glob_of_files_lists_them(tmp_path: Path) -> None:
    # The index's freshness check and the loader list seeds/ without a path object each;
    # the answer must stay Path.glob("*.txt") with is_file(), odd entries included.
    from tui.data import files

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (tmp_path / "elsewhere.txt").write_text("x")
    for name in ("a.txt", ".hidden.txt", ".txt", "b.TXT", "c.txt.bak", "d e.txt"):
        (seeds / name).write_text("x")
    (seeds / "dir.txt").mkdir()
    (seeds / "link.txt").symlink_to(tmp_path / "elsewhere.txt")
    (seeds / "dirlink.txt").symlink_to(seeds / "dir.txt")
    (seeds / "broken.txt").symlink_to(tmp_path / "missing.txt")
    expected = sorted(p.name for p in seeds.glob("*.txt") if p.is_file())
    assert files.list_texts(seeds) == expected
    assert "link.txt" in expected and "dir.txt" not in expected


@pytest.mark.parametrize("runs", ["not json", "5", '[["2023", "a", "b", 1]]', "[[1, 2]]"])
def test_a_tampered_run_of_headings_is_read_from_the_rows(corpus_dir: Path, runs: str) -> None:
    built = open_corpus(corpus_dir)
    assert isinstance(built, IndexedCorpus)
    built.close()
    with sqlite3.connect(_index_file()) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'runs timeline'", (runs,))
    indexed = open_corpus(corpus_dir)
    timeline, loaded = indexed.timeline(), load_corpus(corpus_dir).timeline()
    assert (list(timeline), list(timeline.marks)) == (list(loaded), list(loaded.marks))


def _damage_the_first_entity(corpus_dir: Path, data: str) -> str:
    """Build the index, then put ``data`` in the row of the entity the explorer shows first
    (the one in most facts); its id."""
    built = open_corpus(corpus_dir)
    assert isinstance(built, IndexedCorpus)
    busiest = max(built.entities, key=built.fact_count)
    built.close()
    with sqlite3.connect(_index_file()) as db:
        db.execute("UPDATE entities SET data = ? WHERE id = ?", (data, busiest))
    db.close()
    return busiest


async def test_a_damaged_row_stops_the_explorer_with_a_message_and_is_built_again(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rich.console import Console

    from tui.ui.app import DiploApp
    from tui.ui.stopped import Stopped

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    busiest = _damage_the_first_entity(corpus_dir, '[1, "\x1b[2J"]')
    app = DiploApp(open_corpus(corpus_dir))
    with pytest.raises(Stopped) as stopped:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
    console = Console(record=True, width=200, color_system=None)
    console.print(stopped.value)
    said = console.export_text()
    assert said.startswith("diplo-tui stopped on an unexpected error: ")
    assert "Traceback" not in said and "\x1b" not in said
    assert "the next start builds it again" in said
    report = tmp_path / "state" / "diplo-tui" / "crash.txt"
    assert f"The details are in {report}." in " ".join(said.split())
    assert "Traceback" in report.read_text()  # kept for a bug report
    assert app.return_code == 1
    assert not list(cache.cache_dir().glob("index-*.sqlite"))  # set aside
    again = open_corpus(corpus_dir)
    assert isinstance(again, IndexedCorpus)
    assert again.entities[busiest] == load_corpus(corpus_dir).entities[busiest]


async def test_an_error_of_the_program_keeps_the_index(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.ui.app import DiploApp
    from tui.ui.explorer import ExplorerScreen
    from tui.ui.stopped import Stopped

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def broken(self: ExplorerScreen) -> None:
        raise RuntimeError("a bug of the explorer")

    monkeypatch.setattr(ExplorerScreen, "action_next_article", broken)
    app = DiploApp(open_corpus(corpus_dir))
    with pytest.raises(Stopped) as stopped:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("right_square_bracket")
            await pilot.pause()
    assert stopped.value.index is None  # nothing said about the index, nothing removed
    assert "RuntimeError: a bug of the explorer" in str(stopped.value.__rich__())
    assert list(cache.cache_dir().glob("index-*.sqlite"))


async def test_a_damaged_row_found_after_a_load_ends_the_app_to_be_run_again(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.ui.app import DiploApp

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    _damage_the_first_entity(corpus_dir, "[1]")
    app = DiploApp(None, load=lambda progress: open_corpus(corpus_dir), can_restart=True)
    await app.run_async(headless=True, size=(120, 40))  # ends by itself: nothing to press
    assert app.return_code == 1
    assert app.restart is not None and app.restart.index is not None
    assert "ValueError" in app.restart.said
    assert not list(cache.cache_dir().glob("index-*.sqlite"))  # to be built again


def test_the_app_is_run_again_once_with_a_notice_after_a_damaged_index(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tui.ui import app as app_module
    from tui.ui.stopped import Stopped

    runs: list[app_module.DiploApp] = []

    def run(self: app_module.DiploApp, **_kwargs: object) -> None:
        runs.append(self)
        if len(runs) == 1:  # the first run finds the index damaged
            self.restart = Stopped(ValueError("a damaged row"), None, Path("index.sqlite"))

    monkeypatch.setattr(app_module.DiploApp, "run", run)
    ended = app_module.run_app(load=lambda progress: load_corpus(ROOT), mouse=False)
    assert len(runs) == 2 and ended is runs[1]
    assert runs[0]._can_restart and not runs[1]._can_restart  # once, never in a loop
    notice = runs[1]._notice
    assert notice is not None and "ValueError: a damaged row" in notice
