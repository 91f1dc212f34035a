"""End to end in a real terminal: the installed `diplo-tui` inside tmux, and over SSH."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile_corpus import PAYLOADS, write_hostile_corpus
from tests.terminal import Tmux, base_env, installed_command
from tests.ui_helpers import corpus_at
from tui.data.disagreements import differences
from tui.data.query import parse
from tui.data.textsearch import TextSearch
from tui.data.timeline import timeline

COMMAND = installed_command()
pytestmark = [
    pytest.mark.terminal,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(COMMAND is None, reason="diplo-tui is not installed"),
]
HOSTILE = Path(__file__).resolve().parent / "corpora" / "hostile"


def browse_to_the_kremlin_statement_and_back(term: Tmux) -> None:
    term.wait_for("Entities")
    term.keys("C-p")
    term.wait_for("🔎")
    term.type("Kremlin statement")
    term.wait_for("Kremlin's statement on the Putin")
    term.keys("Enter")
    term.wait_for("kremlin-statement-on-call")  # the detail's subtitle
    term.wait_for("[in the call]")  # the quote, brackets and all
    # Follow a link: the detail's first link is the statement's speaker, the Kremlin.
    term.keys("Home", "Enter")
    term.wait_for("Facts · Kremlin")
    term.keys("BSpace")
    term.wait_for("kremlin-statement-on-call")
    term.keys("q")
    term.wait_for("DIPLO-EXIT=0")


def ask_one_question_per_view(term: Tmux) -> None:
    """Search, timeline, disagreements, a query and its counts, each followed and come back."""
    corpus = corpus_at()
    hits = TextSearch(corpus).search("Lavrov").hits
    found = f"“Lavrov” in {len({h.article_id for h in hits})} articles ({len(hits)})"
    term.wait_for("Entities")
    term.keys("s")
    term.wait_for("Search across articles")
    term.type("Lavrov")
    term.keys("Enter")
    term.wait_for(found)
    term.keys("Enter")
    term.wait_for(f"/{len(corpus.articles)} ─")  # the article of the first hit
    term.keys("BSpace")
    term.wait_for(found)
    term.keys("Escape")
    term.wait_until_gone("“Lavrov” in")
    term.keys("t")
    term.wait_for("Timeline · every event")
    term.keys("Enter")
    term.wait_for(f"─ {timeline(corpus)[0].fact_id} ─")  # the first event's detail
    term.keys("BSpace")
    term.wait_for("Timeline · every event")
    term.keys("Escape")
    term.keys("d")
    term.wait_for(f"Where the articles disagree ({len(differences(corpus))})")
    term.keys("Enter")
    term.wait_for(f"─ {differences(corpus)[0].fact_id} ─")
    term.keys("f")
    term.wait_for("Facts where")
    term.type("status:declined,virt putin")
    term.wait_for(f"{len(parse('status:declined,virt putin', corpus).run(corpus))} facts match")
    term.keys("Enter")
    found = len(parse("status:declined,virt putin", corpus).run(corpus))
    term.wait_for(f"Query: status:decline… ({found}) ─")  # cut at 80 columns, its count whole
    term.keys("F")
    term.wait_for("by status")
    term.keys("Escape")
    term.wait_until_gone("by status")
    term.keys("1", "g")  # the first entity, Putin
    term.keys("w")  # what Putin is cited for saying
    term.wait_for("Who said what · Vladimir Putin")
    term.keys("End", "Enter")  # his last claim, in its article
    term.wait_until_gone("Who said what")
    term.keys("BSpace")
    term.wait_for("Who said what · Vladimir Putin")
    term.keys("Escape")
    term.wait_until_gone("Who said what")
    term.keys("r")  # the links of the fact on screen
    term.wait_for("Related to ·")
    term.keys("Escape")
    term.wait_until_gone("Related to ·")
    term.keys("q")
    term.wait_for("DIPLO-EXIT=0")


@pytest.mark.parametrize(
    "env",
    [{"TERM": "xterm"}, {"TERM": "xterm-256color", "NO_COLOR": "1"}],
    ids=["xterm", "no-color"],
)
def test_one_question_per_view_in_tmux_at_80x24(env: dict[str, str], tmp_path: Path) -> None:
    assert COMMAND is not None
    with Tmux(
        f"cd {tmp_path} && {COMMAND}", width=80, height=24, env={**base_env(), **env}
    ) as term:
        ask_one_question_per_view(term)


@pytest.mark.parametrize(
    "env",
    [
        {"TERM": "xterm-256color"},
        {"TERM": "xterm"},
        {"TERM": "screen-256color"},
        {"TERM": "linux"},
        {"TERM": "xterm-256color", "NO_COLOR": "1"},
        {"TERM": "xterm-256color", "LANG": "C", "LC_ALL": "C"},
    ],
    ids=["xterm-256color", "xterm", "screen-256color", "linux", "no-color", "lang-c"],
)
def test_installed_command_in_tmux(env: dict[str, str], tmp_path: Path) -> None:
    assert COMMAND is not None
    with Tmux(f"cd {tmp_path} && {COMMAND}", env={**base_env(), **env}) as term:
        browse_to_the_kremlin_statement_and_back(term)
        assert term.display("#{alternate_on}") == "0"  # the terminal is restored


def test_hostile_corpus_cannot_retitle_or_break_the_terminal() -> None:
    assert COMMAND is not None
    with Tmux(f"{COMMAND} {HOSTILE} --no-mouse", width=100, height=30, env=base_env()) as term:
        term.wait_for("1 problem")
        term.keys("Tab")
        term.wait_for("occurred · meeting")  # the fact row, its date and status first
        term.keys("Enter")
        term.wait_for("hostile-meeting")
        term.keys("4")
        screen = term.wait_for("[bold]Not bold[/bold]")
        assert "[@click=app.quit]" in screen or "[/]" in screen
        assert "PWNED" not in term.display("#{pane_title}")
        term.keys("q")
        term.wait_for("DIPLO-EXIT=0")


def test_strict_refuses_a_corpus_with_problems() -> None:
    assert COMMAND is not None
    result = subprocess.run(
        [COMMAND, str(HOSTILE), "--strict"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "empty.txt` is empty" in result.stdout


# -- over SSH ---------------------------------------------------------------------------

SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if os.path.exists("/usr/sbin/sshd") else None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """A private sshd on 127.0.0.1: its own host key and config, key authentication only."""
    if SSHD is None or shutil.which("ssh") is None or os.geteuid() != 0:
        pytest.skip("needs openssh-server, openssh-client and root")
    tmp_path.chmod(0o755)
    host_key = tmp_path / "host_key"
    user_key = tmp_path / "user_key"
    for key in (host_key, user_key):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    authorized = tmp_path / "authorized_keys"
    authorized.write_text(user_key.with_suffix(".pub").read_text())
    authorized.chmod(0o600)
    port = _free_port()
    config = tmp_path / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {host_key}\n"
        f"AuthorizedKeysFile {authorized}\nPasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\nPubkeyAuthentication yes\n"
        "PermitRootLogin prohibit-password\n"
        f"UsePAM no\nStrictModes no\nPidFile {tmp_path / 'sshd.pid'}\nLogLevel ERROR\n"
        "AcceptEnv LANG LC_*\n"
    )
    Path("/run/sshd").mkdir(exist_ok=True)
    server = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if server.poll() is not None:
                pytest.fail(
                    f"sshd did not start: {server.stderr.read() if server.stderr else ''!r}"
                )
            subprocess.run(["sleep", "0.05"], check=True)
        yield port, user_key
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_over_ssh_at_80x24(sshd: tuple[int, Path], tmp_path: Path) -> None:
    assert COMMAND is not None
    port, key = sshd
    ssh = (
        f"ssh -tt -p {port} -i {key} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "
        f"-o LogLevel=ERROR -o BatchMode=yes root@127.0.0.1 "
        f"'cd /tmp && TEXTUAL_ANIMATIONS=none {COMMAND} --no-mouse'"
    )
    with Tmux(ssh, width=80, height=24, env={**base_env(), "TERM": "xterm-256color"}) as term:
        browse_to_the_kremlin_statement_and_back(term)


def test_one_question_per_view_over_ssh(sshd: tuple[int, Path]) -> None:
    assert COMMAND is not None
    port, key = sshd
    ssh = (
        f"ssh -tt -p {port} -i {key} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "
        f"-o LogLevel=ERROR -o BatchMode=yes root@127.0.0.1 "
        f"'cd /tmp && TEXTUAL_ANIMATIONS=none {COMMAND} --no-mouse'"
    )
    with Tmux(ssh, width=80, height=24, env={**base_env(), "TERM": "xterm-256color"}) as term:
        ask_one_question_per_view(term)


# What Textual itself may write: the pointer shape, and OSC 52 with a base64 payload.
_OWN_OSC = re.compile(rb"\x1b\](?:22;[a-z-]*|52;c;[A-Za-z0-9+/=]*)(?:\x07|\x1b\\)")


def test_no_string_of_a_hostile_corpus_reaches_the_terminal_raw(tmp_path: Path) -> None:
    """Every field, key and file name holds escape sequences; the bytes written must not."""
    assert COMMAND is not None
    corpus = write_hostile_corpus(tmp_path / "corpus")
    output = tmp_path / "output.bin"
    command = f"{COMMAND} {shlex.quote(str(corpus))} --no-mouse"
    with Tmux(command, width=120, height=40, env=base_env(), capture=output) as term:
        term.wait_for("problem")
        term.keys("!")
        term.wait_for("problems in the corpus")
        term.keys("Enter")  # copies the location, and says which
        term.wait_for("Copied")
        # A key sent right after Escape would arrive as Alt+key: wait for Escape to act.
        term.keys("Escape")
        term.wait_until_gone("problems in the corpus")
        for keys in (["j"], ["Tab", "j", "j"], ["3", "j", "j", "j", "j"], ["4", "j", "j"]):
            term.keys(*keys)
        for view in ("w", "r", "t", "d"):  # every view draws corpus strings too
            term.keys(view)
            term.wait_for("Enter opens · Esc returns")
            term.keys("Escape")
            term.wait_until_gone("Enter opens · Esc returns")
        term.keys("y")
        term.wait_for("Asked the terminal to copy")
        assert "PWNED" not in term.display("#{pane_title}")
        term.keys("q")
        term.wait_for("DIPLO-EXIT=0")
    written = _OWN_OSC.sub(b"", output.read_bytes())
    assert b"\x1b]" not in written  # no other OSC: a title, a clipboard write
    for payload in PAYLOADS[2:]:
        assert payload.encode() not in written  # 8-bit CSI, bidi override
    assert "␛]2;PWNED".encode() in written  # shown, neutralised, not dropped


def test_keys_typed_while_it_starts_are_not_lost(tmp_path: Path) -> None:
    assert COMMAND is not None
    with Tmux(f"cd {tmp_path} && {COMMAND}", width=120, height=40, env=base_env()) as term:
        term.keys("j", "j", "Tab", "Enter")  # before the first frame
        first = corpus_at().facts_by_entity["modi"][0]
        term.wait_for(f"─ {first} ─")  # Modi's first fact, open in the detail
        term.keys("q")
        term.wait_for("DIPLO-EXIT=0")
