"""Hostile corpora (issue 12): no escape to the terminal, no read outside the corpus, no code
from the cache, no hang, no traceback, and bounded work per problem.

Each corpus is built in tmp_path at test time: FIFOs, symlinks and file names that are not
UTF-8 cannot be committed portably. Anything that could hang or exhaust memory on a
regression runs in a subprocess with a timeout and a memory limit, so it fails instead.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import CORPORA
from tui.cli import main
from tui.data import cache, index
from tui.data.index import IndexedCorpus
from tui.data.loader import load_corpus

ROOT = Path(__file__).resolve().parent.parent
QUOTE = "Putin spoke to Modi by phone on Monday"
# Raw bytes that must never reach a terminal: ESC, BEL, C1 CSI, bidi override and isolate.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
TITLE = "\x1b]2;PWNED\x1b\\"
TIMEOUT = 60


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(CORPORA / "clean", root)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _set_text(root: Path, value: str) -> None:
    """Give the article an explicit `text` path (TOML-escaped by the caller if need be)."""
    _edit(root / "facts" / "a.toml", "published = 2023-08-28", f"published = 2023-08-28\n{value}")


def _limit_memory(megabytes: int = 1536) -> None:
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def run(
    *args: str,
    cwd: Path,
    env: dict[str, str] | None = None,
    stdin: int | None = subprocess.DEVNULL,
    timeout: float = TIMEOUT,
) -> subprocess.CompletedProcess[str]:
    """``python -m tui ARGS`` with a timeout and a memory limit: a hang or a read of
    /dev/zero fails the test instead of the machine."""
    full_env = {
        **os.environ,
        "XDG_CACHE_HOME": str(cwd / "xdg-cache"),
        "PYTHONIOENCODING": "utf-8",  # strict: an unencodable name must not be printed
        "PYTHONPATH": str(ROOT),
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        cwd=cwd,
        env=full_env,
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=_limit_memory,
        check=False,
    )


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr[-3000:]


# -- 1. corpus strings never reach the terminal raw ---------------------------------------------


def test_problems_built_from_corpus_strings_are_neutralised(tmp_path: Path) -> None:
    """Keys, values, ids and file names with escape sequences: every Problem is safe to print
    as it is (not only once `check` has escaped it), and so is check's summary."""
    root = tmp_path / f"corpus{TITLE}"
    shutil.copytree(CORPORA / "clean", root)
    hostile = '"\\u001b]2;PWNED\\u001b\\\\\\u202e\\u009b"'
    (root / "facts" / f"x{TITLE}.toml").write_text(
        f"[{hostile}]\n"
        f"[events.{hostile}]\n"
        f'[relations.r]\nsubject = {hostile}\nobject = "putin"\npredicate = {hostile}\n'
        f"{hostile} = 1\n"
    )
    problems = load_corpus(root).problems
    assert len(problems) >= 5
    for problem in problems:
        assert not UNSAFE.search(str(problem)), str(problem)
    assert any("␛]2;PWNED" in p.message for p in problems)
    # The summary of a clean corpus names the corpus's directory.
    (root / "facts" / f"x{TITLE}.toml").unlink()
    result = run("check", str(root), cwd=tmp_path)
    assert result.returncode == 0 and "no problems" in result.stdout, result.stderr
    assert not UNSAFE.search(result.stdout) and "␛]2;PWNED" in result.stdout


def test_export_escapes_what_a_terminal_would_act_on(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    title = "A \u009b31m call \u202eevil\u202c \u2066x\u2069"
    _edit(corpus / "facts" / "a.toml", '"A call"', json.dumps(title))
    assert main(["export", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert not UNSAFE.search(out.replace("\n", "")), out
    assert json.loads(out)["articles"][0]["title"] == title  # lossless


# -- 2. no read outside the corpus --------------------------------------------------------------


SECRET = "SECRET-TOKEN-8731"


def _secret(tmp_path: Path) -> Path:
    """A private file whose start is close to the article's wording: if it were read, the
    closest passage to a slightly wrong quote would print the secret after it."""
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{QUOTE[:-3]} {SECRET}\n")
    return secret


@pytest.mark.parametrize("how", ["absolute", "dotdot", "symlink", "symlinked-seeds"])
def test_an_article_text_outside_the_corpus_is_refused_unread(
    corpus: Path, tmp_path: Path, how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = _secret(tmp_path)
    _edit(corpus / "facts" / "a.toml", QUOTE, f"{QUOTE}, and then some more")
    if how == "absolute":
        _set_text(corpus, f'text = "{secret}"')
        named = str(secret)
    elif how == "dotdot":
        _set_text(corpus, 'text = "seeds/../../secret.txt"')
        named = "seeds/../../secret.txt"
    elif how == "symlink":
        (corpus / "seeds" / "a.txt").unlink()
        (corpus / "seeds" / "a.txt").symlink_to(secret)
        named = "seeds/a.txt"
    else:
        shutil.rmtree(corpus / "seeds")
        outside = tmp_path / "elsewhere"
        outside.mkdir()
        shutil.copy(secret, outside / "a.txt")
        (corpus / "seeds").symlink_to(outside)
        named = "seeds/a.txt"
    assert main(["check", str(corpus)]) == 1
    out = capsys.readouterr().out
    assert SECRET not in out and "closest passage" not in out, out
    assert "outside the corpus" in out and named in out, out


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_check_never_prints_the_environment(corpus: Path, tmp_path: Path) -> None:
    _set_text(corpus, 'text = "/proc/self/environ"')
    _edit(corpus / "facts" / "a.toml", QUOTE, "DIPLO_SECRET=hunter")
    result = run("check", str(corpus), cwd=tmp_path, env={"DIPLO_SECRET": "hunter2-xyzzy"})
    assert result.returncode == 1
    assert "xyzzy" not in result.stdout + result.stderr
    assert "/proc/self/environ" in result.stdout and "outside the corpus" in result.stdout


def test_a_fact_file_that_links_out_of_the_corpus_is_refused(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    private = tmp_path / "private.toml"
    private.write_text("[api-key-hunter2]\ntoken = 1\n")
    (corpus / "facts" / "z.toml").symlink_to(private)
    assert main(["check", str(corpus)]) == 1
    out = capsys.readouterr().out
    assert "hunter2" not in out and "z.toml" in out and "outside" in out, out


# -- 3. nothing read back from the cache can run code ---------------------------------------------


class _Plant:
    """A pickle that makes a directory when loaded: proof that loading ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.mkdir, (str(self.marker),)


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def test_a_planted_cache_entry_never_runs_code(
    corpus: Path, tmp_path: Path, cache_home: Path
) -> None:
    index.open_corpus(corpus)
    entries = [p for p in cache.cache_dir().iterdir() if p.is_file()]
    assert entries
    marker = tmp_path / "pwned"
    for entry in entries:  # whatever its name and format, it now holds the attacker's pickle
        entry.write_bytes(pickle.dumps((_Plant(marker), _Plant(marker))))
    assert index.open_corpus(corpus).problems == []
    assert not marker.exists(), "loading the cache ran code"


def test_a_cache_directory_others_can_write_is_refused_out_loud(
    corpus: Path, cache_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = cache.cache_dir()
    directory.mkdir(parents=True)
    directory.chmod(0o777)
    assert index.open_corpus(corpus).problems == []
    assert list(directory.iterdir()) == [], "an entry was written where others can write"
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "not using the cache" in err[0] and "writable by others" in err[0]


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give the directory away")
def test_a_cache_directory_of_another_user_is_refused(
    corpus: Path, cache_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = cache.cache_dir()
    directory.mkdir(parents=True, mode=0o700)
    os.chown(directory, 65534, 65534)
    assert index.open_corpus(corpus).problems == []
    assert list(directory.iterdir()) == []
    assert "owned by another user" in capsys.readouterr().err


def test_the_cache_key_covers_the_code_that_built_the_entry(corpus: Path, tmp_path: Path) -> None:
    """A changed loader (not only corpus.py or timex.py) never serves the old code's result."""
    copy = tmp_path / "code"
    shutil.copytree(ROOT / "tui", copy / "tui", ignore=shutil.ignore_patterns("__pycache__"))
    code = (
        "import sys; from pathlib import Path; from tui.data.index import open_corpus; "
        "print(open_corpus(Path(sys.argv[1])).articles['a'].title)"
    )
    env = {**os.environ, "PYTHONPATH": str(copy), "XDG_CACHE_HOME": str(tmp_path / "xdg")}

    def title() -> str:
        result = subprocess.run(
            [sys.executable, "-c", code, str(corpus)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert title() == title() == "A call"  # built, then served from the cache
    loader = copy / "tui" / "data" / "loader.py"
    _edit(loader, "title=article.title,", 'title=article.title + " (new loader)",')
    assert title() == "A call (new loader)"


# -- 4. only regular files, of bounded size ----------------------------------------------------


def _fifo(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


@pytest.mark.parametrize("where", ["seeds/a.txt", "facts/a.toml", "facts/new.toml"])
def test_a_fifo_is_reported_not_waited_on(corpus: Path, tmp_path: Path, where: str) -> None:
    _fifo(corpus / where)
    result = run("check", str(corpus), cwd=tmp_path, timeout=20)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert f"{Path(where).name}` is a FIFO" in result.stdout or (
        f"{where}:1:1: fact file is a FIFO" in result.stdout
    ), result.stdout


def test_the_explorer_start_never_waits_on_a_fifo(corpus: Path, tmp_path: Path) -> None:
    """The index hashes every input, when built and when checked on the next start."""
    _fifo(corpus / "facts" / "new.toml")
    _fifo(corpus / "seeds" / "a.txt")
    code = (
        "import sys; from pathlib import Path; from tui.data.index import open_corpus; "
        "print(len(open_corpus(Path(sys.argv[1])).problems), "
        "len(open_corpus(Path(sys.argv[1])).problems))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(corpus)],
        cwd=tmp_path,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")},
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )
    assert result.returncode == 0 and result.stdout.strip() == "2 2", result.stderr


def test_dev_zero_and_dev_stdin_are_refused(corpus: Path, tmp_path: Path) -> None:
    (corpus / "seeds" / "a.txt").unlink()
    (corpus / "seeds" / "a.txt").symlink_to("/dev/zero")
    (corpus / "facts" / "b.toml").write_text('[article]\ntitle = "B"\npublished = 2023-08-28\n')
    _set_text(corpus, 'text = "/dev/stdin"')
    (corpus / "seeds" / "b.txt").symlink_to("/dev/zero")
    # A stdin that never ends: reading it would block forever.
    with subprocess.Popen(["sleep", "60"], stdout=subprocess.PIPE) as never:
        assert never.stdout is not None
        result = run("check", str(corpus), cwd=tmp_path, stdin=never.stdout.fileno(), timeout=30)
        never.kill()
    assert_no_traceback(result)
    assert result.returncode == 1
    assert "`/dev/stdin` is outside the corpus" in result.stdout
    assert "`seeds/b.txt` is outside the corpus" in result.stdout, result.stdout


def test_a_file_over_the_size_limit_is_reported_and_the_limit_can_be_raised(
    corpus: Path, tmp_path: Path
) -> None:
    text = corpus / "seeds" / "a.txt"
    text.write_text(text.read_text() + " padding" * 300)  # over 2 KiB
    small = run("check", str(corpus), cwd=tmp_path, env={"DIPLO_TUI_MAX_FILE_SIZE": "1K"})
    assert small.returncode == 1
    assert "seeds/a.txt` is larger than the limit of 1 KiB" in small.stdout, small.stdout
    assert "--max-file-size" in small.stdout
    flag = run("check", str(corpus), "--max-file-size", "1K", cwd=tmp_path)
    assert flag.returncode == 1 and "larger than the limit" in flag.stdout, flag.stderr
    raised = run(
        "check", str(corpus), "--max-file-size", "1M", cwd=tmp_path,
        env={"DIPLO_TUI_MAX_FILE_SIZE": "1K"},
    )  # fmt: skip
    assert raised.returncode == 0, raised.stdout + raised.stderr


def test_a_bad_size_is_a_usage_error(
    corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["check", str(corpus), "--max-file-size", "abc"]) == 2
    assert "invalid size" in capsys.readouterr().err
    monkeypatch.setenv("DIPLO_TUI_MAX_FILE_SIZE", "lots")
    assert main(["check", str(corpus)]) == 2
    assert "DIPLO_TUI_MAX_FILE_SIZE: invalid size 'lots'" in capsys.readouterr().err


def test_a_text_path_holding_a_nul_is_a_problem(
    corpus: Path, cache_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _set_text(corpus, 'text = "seeds/a\\u0000.txt"')
    assert main(["check", str(corpus)]) == 1
    assert "holds a NUL character" in capsys.readouterr().out
    assert index.open_corpus(corpus).problems  # the index's inputs record it too


# -- 5. no traceback ------------------------------------------------------------------------------


def _nest(depth: int, kind: str) -> str:
    if kind == "array":
        return "x = " + "[" * depth + "]" * depth
    if kind == "inline":
        return "x = " + "{a = " * depth + "1" + "}" * depth
    return "[article." + ".".join(["a"] * depth) + "]"  # a header of dotted keys


@pytest.mark.parametrize(
    ("kind", "depth"),
    # 493: the position finder's recursion overflowed; deeper, tomllib's own; a header of
    # 20,000 dotted keys took 1.56 GB in the position finder.
    [("array", 493), ("array", 5000), ("inline", 493), ("inline", 20_000), ("header", 20_000)],
)
def test_deep_nesting_is_a_problem_not_a_traceback(
    corpus: Path, tmp_path: Path, kind: str, depth: int
) -> None:
    facts = corpus / "facts" / "a.toml"
    nested = _nest(depth, kind)
    if kind == "header":
        facts.write_text(facts.read_text() + "\n" + nested + "\n")
    else:
        _edit(facts, "published = 2023-08-28", "published = 2023-08-28\n" + nested)
    code = (
        "import resource, sys; from tui.cli import main; rc = main(['check', sys.argv[1]]); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, file=sys.stderr); "
        "sys.exit(rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(corpus)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert_no_traceback(result)
    assert result.returncode == 1, result.stderr[-2000:]
    assert int(result.stderr.split()[-1]) < 400, f"{result.stderr.split()[-1]} MB"
    problems = result.stdout.splitlines()[:-1]
    assert problems and all(len(p) < 2100 for p in problems)
    assert any(
        ("unknown key `x`" in p or "unknown key `a`" in p or "nested too deeply" in p)
        for p in problems
    ), problems


def test_a_fact_file_name_that_is_not_utf8_is_shown_escaped(corpus: Path, tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9 \xff.toml")
    shutil.copy(corpus / "facts" / "a.toml", corpus / "facts" / name)
    result = run("check", str(corpus), cwd=tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert "caf\\xe9 \\xff.toml" in result.stdout, result.stdout


def test_the_explorer_loads_a_corpus_with_a_file_name_that_is_not_utf8(
    corpus: Path, cache_home: Path
) -> None:
    name = os.fsdecode(b"\xff.toml")
    shutil.copy(corpus / "facts" / "a.toml", corpus / "facts" / name)
    cold = index.open_corpus(corpus)  # the index keeps file names as bytes, not text
    warm = index.open_corpus(corpus)
    assert isinstance(cold, IndexedCorpus) and isinstance(warm, IndexedCorpus)
    assert warm.problems == cold.problems
    assert all("\\xff" in p.path for p in cold.problems)


def test_check_in_a_deleted_working_directory(corpus: Path, tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    script = f'mkdir "{gone}" && cd "{gone}" && rmdir "{gone}" && exec "$0" -m tui "$@"'
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    for args in (["check"], ["check", str(corpus)], ["export", str(corpus)]):
        result = subprocess.run(
            ["sh", "-c", script, sys.executable, *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
        assert_no_traceback(result)
        assert result.returncode == 0, (args, result.stderr)


def test_check_into_a_closed_pipe_exits_quietly(corpus: Path, tmp_path: Path) -> None:
    facts = corpus / "facts" / "a.toml"
    facts.write_text(
        facts.read_text() + "".join(f'\n[[reports]]\nof = "nope{n}"\n' for n in range(3000))
    )
    with subprocess.Popen(
        [sys.executable, "-m", "tui", "check", str(corpus)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline()  # like `head -1`
        process.stdout.close()
        err = process.stderr.read()
        status = process.wait(TIMEOUT)
    assert err == b"", err.decode()[-2000:]
    assert status == 141


def test_a_mistyped_command_is_suggested(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["chekc"]) == 2
    assert "did you mean `diplo-tui check`?" in capsys.readouterr().err


# -- 6. bounded work per problem --------------------------------------------------------------


def test_a_renamed_popular_entity_is_matched_once(corpus: Path, tmp_path: Path) -> None:
    """Thousands of references to one unknown id among thousands of ids: one search."""
    entities = corpus / "facts" / "entities.toml"
    entities.write_text(
        entities.read_text()
        + "".join(f'\n[entities.e{n:05d}]\nname = "E {n}"\nkind = "person"\n' for n in range(20000))
    )
    (corpus / "facts" / "many.toml").write_text(
        "".join(
            f'[relations.r{n}]\nsubject = "e00000x"\npredicate = "member_of"\nobject = "putin"\n'
            for n in range(3000)
        )
    )
    elapsed, lines = _timed_check(corpus, tmp_path)
    assert "\n".join(lines).count("unknown entity `e00000x`; did you mean `e00000`?") == 3000
    assert elapsed < 30, f"{elapsed:.1f} s"  # 3,000 × 20,000 comparisons: minutes


def _timed_check(corpus: Path, tmp_path: Path) -> tuple[float, list[str]]:
    start = time.perf_counter()
    result = run("check", str(corpus), cwd=tmp_path, timeout=120)
    elapsed = time.perf_counter() - start
    assert_no_traceback(result)
    assert result.returncode == 1
    return elapsed, result.stdout.splitlines()


def test_an_ambiguous_one_letter_quote_in_a_long_article_is_summarised(
    corpus: Path, tmp_path: Path
) -> None:
    text = corpus / "seeds" / "a.txt"
    text.write_text(text.read_text() + "\n" + "the talks went on.\n" * 60_000)  # 1.1 MB
    facts = corpus / "facts" / "a.toml"
    facts.write_text(facts.read_text() + '\n[[reports]]\nof = "call"\nevidence = ["e"]\n')
    elapsed, (line, _) = _timed_check(corpus, tmp_path)
    assert "quote occurs more than 1000 times" in line and "and more" in line, line
    assert len(line) < 1000, len(line)
    assert elapsed < 10, f"{elapsed:.1f} s"


def test_a_long_quote_not_found_in_a_repetitive_article_is_fast(
    corpus: Path, tmp_path: Path
) -> None:
    text = corpus / "seeds" / "a.txt"
    text.write_text(text.read_text() + "\n" + "a" * 200_000)
    facts = corpus / "facts" / "a.toml"
    quote = "a" * 400 + "b"
    facts.write_text(facts.read_text() + f'\n[[reports]]\nof = "call"\nevidence = ["{quote}"]\n')
    elapsed, (line, _) = _timed_check(corpus, tmp_path)
    assert elapsed < 5, f"{elapsed:.1f} s"  # 15 s and more before
    assert "quote not found" in line and "closest passage (line 2, column" in line, line
    assert "'aaaa" in line.split("closest passage")[1] and "…" in line
    assert len(line) < 1000, len(line)


def test_messages_quote_at_most_a_few_hundred_characters(corpus: Path, tmp_path: Path) -> None:
    long_id = "x" * 5000
    facts = corpus / "facts" / "a.toml"
    facts.write_text(
        facts.read_text()
        + f'\n[[reports]]\nof = "{long_id}"\nevidence = ["{"Modi " * 2000}"]\n'
        + f'\n[entities.e]\nname = "E"\nkind = "{"k" * 5000}"\n'
    )
    _, lines = _timed_check(corpus, tmp_path)
    lines = lines[:-1]
    assert len(lines) == 3, lines
    for line in lines:
        assert len(line) < 1000 and "…" in line, line


# -- 8. an unreadable facts folder --------------------------------------------------------------


def test_an_unreadable_facts_folder_is_reported_as_such(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    facts = corpus / "facts"
    facts.chmod(0)
    if os.geteuid() == 0:  # root reads it anyway: make the kernel's answer for a user
        scandir = os.scandir

        def denied(path: object = ".") -> object:
            if Path(os.fsdecode(path)).resolve() == facts.resolve():  # type: ignore[arg-type]
                raise PermissionError(13, "Permission denied", str(path))
            return scandir(path)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "scandir", denied)
    try:
        assert main(["check", str(corpus)]) == 1
    finally:
        facts.chmod(0o755)
    out = capsys.readouterr().out
    assert "cannot read the facts folder: permission denied" in out, out
    assert "no fact files" not in out
