"""A corpus whose every string tries to reach the terminal: titles, names, keys, file names.

Written at test time, because one of its file names holds an escape sequence."""

from __future__ import annotations

from pathlib import Path

# Retitle the terminal, write its clipboard (OSC 52), an 8-bit CSI, and a bidi override.
PAYLOADS = ("\x1b]2;PWNED\x1b\\", "\x1b]52;c;cHduZWQ=\x07", "\x9b31m", "\u202e")
EVIL = "".join(PAYLOADS)


def toml_str(text: str) -> str:
    return (
        '"'
        + "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}" for c in text)
        + '"'
    )


def write_hostile_corpus(root: Path) -> Path:
    facts, seeds = root / "facts", root / "seeds"
    facts.mkdir(parents=True)
    seeds.mkdir()
    e = toml_str
    text = f"Evil {EVIL} met Good on Monday {EVIL}. Good said {EVIL} it went well.\n"
    (seeds / "evil.txt").write_text(text, encoding="utf-8")
    (facts / "entities.toml").write_text(
        f"""[entities.evil]
name = {e("Evil " + EVIL)}
kind = "person"
aliases = [{e("Evil " + EVIL)}]
description = {e(EVIL)}

[entities.evil-press]
name = {e("Publisher " + EVIL)}
kind = "media"

[entities.good]
name = "Good"
kind = "person"
aliases = ["Good"]
description = {e("Good " + EVIL)}
""",
        encoding="utf-8",
    )
    (facts / "evil.toml").write_text(
        f"""[article]
title = {e("Title " + EVIL)}
publisher = "evil-press"
url = {e("https://example.org/" + EVIL)}
published = 2023-08-28
note = {e(EVIL)}
dateline = {e("Evil " + EVIL)}
aliases = {{ good = [{e("said " + EVIL)}] }}

[events.evil-meeting]
type = "meeting"
summary = {e("Meeting " + EVIL)}
participants = {{ evil = "participant", good = "participant" }}

[relations.evil-knows-good]
subject = "evil"
predicate = "partner_of"
object = "good"
qualifiers = {{ {e("key " + EVIL)} = {e("value " + EVIL)} }}

[[reports]]
of = "evil-meeting"
evidence = [{e(f"Evil {EVIL} met Good on Monday {EVIL}")}]
time = {{ phrase = "on Monday", value = "2023-08-28" }}
note = {e(EVIL)}
sources = [{{ by = "good", cue = {e(f"Monday {EVIL}")} }}]

[[reports]]
of = "evil-knows-good"
evidence = [{e(f"Good said {EVIL} it went well")}]
note = {e(EVIL)}
""",
        encoding="utf-8",
    )
    # A facts file whose name is the payload: it is a problem, shown with its path.
    (facts / f"x{PAYLOADS[0]}.toml").write_text("[article]\ntitle = 1\n", encoding="utf-8")
    return root
