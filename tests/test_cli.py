"""`diplo-tui check` and `export`: exit status, output, no Textual, any directory."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "tests" / "corpora"


def test_check_clean_corpus_prints_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(ROOT)]) == 0
    out = capsys.readouterr().out
    assert "10 articles" in out and "no problems" in out


def test_check_reports_problems_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(CORPORA / "many-problems")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "3 problems in 2 files"
    assert out[0].split(":")[1:3] == ["12", "1"]


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path)]) == 2
    assert "not a corpus" in capsys.readouterr().err
    assert main(["export", "--format", "xml"]) == 2


def test_problem_output_never_carries_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "c"
    shutil.copytree(CORPORA / "clean", corpus)
    toml = corpus / "facts" / "a.toml"
    toml.write_text(toml.read_text().replace("by phone", "by \\u001b]0;x\\u0007 phone"))
    assert main(["check", str(corpus)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "quote not found" in out


def test_one_changed_character_in_a_quote_fails_with_closest_passage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "facts", corpus / "facts")
    shutil.copytree(ROOT / "seeds", corpus / "seeds")
    facts = corpus / "facts" / "trt-putin-modi-g20.toml"
    lines = facts.read_text().splitlines(keepends=True)
    line_no = next(
        n
        for n, line in enumerate(lines, 1)
        if line.startswith("evidence") and "The two leaders also spoke on" in line
    )
    lines[line_no - 1] = lines[line_no - 1].replace("spoke on", "spoke in")
    facts.write_text("".join(lines))
    assert main(["check", str(corpus)]) == 1
    out = capsys.readouterr().out
    assert f"trt-putin-modi-g20.toml:{line_no}:" in out
    assert "closest passage" in out and "'The two leaders also spoke on Monday'" in out


def test_export_is_stable_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(ROOT), "--format", "json"]) == 0
    first = capsys.readouterr().out
    assert main(["export", str(ROOT)]) == 0
    assert capsys.readouterr().out == first
    doc = json.loads(first)
    assert doc["format"] == "diplo-tui/2"
    call = next(e for e in doc["events"] if e["id"] == "putin-modi-call")
    assert {r.partition("/")[0] for r in call["reports"]} == {
        "observerbd-putin-modi-call",
        "putin-china-visit",
        "trt-putin-modi-g20",
    }
    report = next(
        r
        for r in doc["reports"]
        if r["id"].startswith("trt-putin-modi-g20/putin-modi-call") and r["time"]
    )
    assert report["time"]["value"] == "2023-08-28" and report["time"]["precision"] == "day"
    text = (ROOT / "seeds" / "trt-putin-modi-g20.txt").read_text()
    for quote in report["evidence"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]


def test_check_and_export_never_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys; from tui.cli import main; "
        "rc = main(['check']); assert 'textual' not in sys.modules, 'textual imported'; "
        "sys.exit(rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "no problems" in result.stdout


def test_default_corpus_is_the_working_directory_when_it_is_one(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(CORPORA / "clean")
    assert main(["check"]) == 0
    assert "1 articles" in capsys.readouterr().out


def test_the_summary_marks_a_cut_title_and_counts_in_words(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", str(ROOT)]) == 0
    out = capsys.readouterr().out
    assert "his first notable foreig…" in out  # cut, and says so
    assert main(["check", str(CORPORA / "disagree")]) == 0
    assert "(2023-08-24, 1 report)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "status"),
    [
        (["check", str(ROOT)], 0),
        (["check", str(CORPORA / "warn-unnamed")], 0),
        (["check", str(CORPORA / "many-problems")], 1),
        (["export", str(ROOT)], 0),
        (["export", str(CORPORA / "many-problems")], 1),
    ],
)
def test_a_check_or_export_process_ends_with_all_its_output(
    argv: list[str], status: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run as a process, `check` and `export` end with os._exit, leaving the corpus to the OS:
    what they print and their status must be what the same command gives in-process."""
    assert main(argv) == status
    expected = capsys.readouterr()
    result = subprocess.run(
        [sys.executable, "-m", "tui", *argv],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)},
    )
    assert (result.returncode, result.stdout, result.stderr) == (status, expected.out, expected.err)
