"""A deterministic synthetic corpus: N realistic articles that pass ``check``.

Each article has 300–1,500 words and about 50 facts (events and relations, each with a report
quoting the text verbatim, most with a time phrase and some with an attribution chain).
Entities come from one registry and are reused with a power law: a few appear everywhere,
most are rare. About a fifth of each article's events are events that earlier articles
reported too, as real coverage of the same story would.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

_SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ra",
    "ve",
    "to",
    "sa",
    "ni",
    "de",
    "ru",
    "po",
    "la",
    "ze",
    "mo",
    "ta",
    "vi",
    "ne",
    "go",
    "ba",
    "ri",
    "su",
    "ke",
    "da",
    "fo",
    "lu",
    "ma",
    "pe",
    "si",
    "no",
    "ha",
    "ya",
    "bo",
    "ti",
    "re",
    "na",
    "ko",
    "di",
    "vo",
    "ge",
    "zu",
    "mu",
    "ja",
    "pi",
)
_KINDS = ("person", "person", "person", "country", "organisation", "place", "forum", "media")
_EVENT_TYPES = {
    "visit": ("visited", "visitor", "host"),
    "meeting": ("met", "participant", "participant"),
    "phone_call": ("spoke by phone with", "participant", "participant"),
    "invitation": ("invited", "inviter", "invitee"),
    "statement": ("issued a statement addressed to", "speaker", "addressee"),
    "consultation": ("held consultations with", "participant", "participant"),
}
_PREDICATES = ("member_of", "partner_of", "supports", "party_to", "hosts")
_FILLER = (
    "Analysts said the talks reflected a broader shift in regional diplomacy",
    "Officials declined to give further details of the discussions",
    "The meeting took place against a background of rising tensions",
    "Observers noted that the two sides had not met in several years",
    "Trade between the countries has grown steadily over the past decade",
    "Diplomats described the atmosphere as constructive and frank",
    "The talks covered energy, security and cultural exchanges",
    "Neither side commented on the timing of the announcement",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _toml(value: object) -> str:
    """A TOML value; JSON's string escapes are valid TOML basic strings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    return str(value)


@dataclass
class _Registry:
    rng: random.Random
    size: int
    names: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # No name may occur inside another, or a mention would be ambiguous: a two-word
        # name must not start or end a three-word one, and names never repeat.
        pairs: set[str] = set()
        ends: set[str] = set()
        while len(self.names) < self.size:
            count = 2 if self.rng.random() < 0.7 else 3
            words = [
                "".join(self.rng.choice(_SYLLABLES) for _ in range(self.rng.randint(2, 3))).title()
                for _ in range(count)
            ]
            name = " ".join(words)
            if count == 2:
                if name in pairs or name in ends:
                    continue
                pairs.add(name)
            else:
                head, tail = " ".join(words[:2]), " ".join(words[1:])
                if name in ends or head in pairs or tail in pairs:
                    continue
                ends.update((name, head, tail))
            self.names.append(name)
            self.kinds.append(self.rng.choice(_KINDS))
        # Zipf-like weights: entity k is chosen with weight 1/(k+1).
        self.weights = [1.0 / (k + 1) for k in range(self.size)]

    def pick(self, count: int) -> list[int]:
        chosen: list[int] = []
        while len(chosen) < count:
            k = self.rng.choices(range(self.size), weights=self.weights)[0]
            if k not in chosen:
                chosen.append(k)
        return chosen


def entity_id(k: int) -> str:
    return f"e{k:05d}"


def generate(root: Path, articles: int, seed: int = 2023) -> Path:
    """Write a corpus of ``articles`` articles under ``root`` and return ``root``."""
    rng = random.Random(seed)
    registry = _Registry(rng, size=max(60, 12 * articles))
    facts_dir, seeds_dir = root / "facts", root / "seeds"
    facts_dir.mkdir(parents=True, exist_ok=True)
    seeds_dir.mkdir(parents=True, exist_ok=True)
    used: set[int] = set()
    shared_events: list[tuple[str, int, int, str]] = []  # (id, a, b, verb)
    start = dt.date(2023, 1, 2)
    for n in range(articles):
        article_id = f"a{n:05d}"
        date = start + dt.timedelta(days=n % 700)
        people = registry.pick(24)
        used.update(people)
        sentences: list[str] = []
        events: list[str] = []
        relations: list[str] = []
        reports: list[str] = []

        def sentence(text: str, sentences: list[str] = sentences) -> str:
            # A per-article serial keeps every sentence, and so every quote, unique.
            text = f"{text} (item {len(sentences) + 1})."
            sentences.append(text)
            return text

        for e in range(32):
            if shared_events and rng.random() < 0.2:
                fact_id, a, b, verb = rng.choice(shared_events)
                used.update((a, b))
            else:
                a, b = rng.sample(people, 2)
                kind = rng.choice(tuple(_EVENT_TYPES))
                verb, role_a, role_b = _EVENT_TYPES[kind]
                fact_id = f"{article_id}-ev{e:02d}"
                participants = {entity_id(a): role_a, entity_id(b): role_b}
                events.append(
                    f"[events.{fact_id}]\ntype = {_toml(kind)}\n"
                    f"summary = {_toml(f'{registry.names[a]} {verb} {registry.names[b]}')}\n"
                    f"participants = {_toml(participants)}\n"
                )
                if rng.random() < 0.3:
                    shared_events.append((fact_id, a, b, verb))
            when = rng.randrange(3)
            if when == 0:
                day = date - dt.timedelta(days=rng.randint(1, 6))
                phrase, value = f"on {_WEEKDAYS[day.weekday()]}", day.isoformat()
            elif when == 1:
                week = date - dt.timedelta(days=7)
                year, number, _ = week.isocalendar()
                phrase, value = "last week", f"{year}-W{number:02d}"
            else:
                month = (date.month - 2) % 12 + 1
                year = date.year - (1 if month > date.month else 0)
                phrase, value = f"in {_MONTHS[month - 1]}", f"{year}-{month:02d}"
            text = sentence(f"{registry.names[a]} {verb} {registry.names[b]} {phrase}")
            report = [f"[[reports]]\nof = {_toml(fact_id)}", f"evidence = {_toml([text[:-1]])}"]
            report.append(f"time = {_toml({'phrase': phrase, 'value': value})}")
            if rng.random() < 0.25:
                source = rng.choice(people)
                used.add(source)
                report.append(f"according_to = {_toml([entity_id(source)])}")
                report.append('certainty = "reported"')
            reports.append("\n".join(report) + "\n")
            for _ in range(rng.randint(1, 4)):
                sentence(rng.choice(_FILLER))
        for r in range(18):
            a, b = rng.sample(people, 2)
            predicate = rng.choice(_PREDICATES)
            negated = rng.random() < 0.1
            fact_id = f"{article_id}-rel{r:02d}"
            relations.append(
                f"[relations.{fact_id}]\nsubject = {_toml(entity_id(a))}\n"
                f"predicate = {_toml(predicate)}\nobject = {_toml(entity_id(b))}\n"
                + ("negated = true\n" if negated else "")
            )
            verb = predicate.replace("_", " ")
            text = sentence(
                f"{registry.names[a]} is {'not ' if negated else ''}{verb} {registry.names[b]}"
            )
            reports.append(f"[[reports]]\nof = {_toml(fact_id)}\nevidence = {_toml([text[:-1]])}\n")
        while sum(len(s.split()) for s in sentences) < rng.randint(300, 1500):
            sentence(rng.choice(_FILLER))
        order = sentences[:]
        paragraphs = [" ".join(order[i : i + 4]) for i in range(0, len(order), 4)]
        title = f"Diplomatic round-up {n + 1}"
        (seeds_dir / f"{article_id}.txt").write_text(
            title + "\n\n" + "\n\n".join(paragraphs) + "\n"
        )
        header = (
            f'[article]\ntitle = {_toml(title)}\npublisher = "Synthetic Wire"\n'
            f"published = {date.isoformat()}\n"
        )
        (facts_dir / f"{article_id}.toml").write_text(
            "\n".join([header, *events, *relations, *reports])
        )
    entities = [
        f"[entities.{entity_id(k)}]\nname = {_toml(registry.names[k])}\n"
        f"kind = {_toml(registry.kinds[k])}\n"
        for k in sorted(used)
    ]
    (facts_dir / "entities.toml").write_text("\n".join(entities))
    return root
