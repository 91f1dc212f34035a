"""A deterministic synthetic corpus shaped like real coverage, that passes ``check``.

What real corpora have and the benchmark must meet, all drawn from one seeded generator:

* **Aliases.** Every entity has a name and most have aliases; a third of all aliases are
  "the …" forms ("the Kalovian President", "the Tesu Council"), which the texts use, so
  finding mentions meets many aliases that start with "the".
* **Power-law popularity.** Entities are chosen by a Zipf law (the k-th most popular with
  weight 1/k), and so are the stories: an event reported before is reported again with a
  Zipf law over the events, so the biggest stories are reported by hundreds of articles at
  1,000 articles, and the busiest entities take part in thousands of facts.
* **Long and short texts**: 300 to 2,000 words, most of them short, with about one fact per
  20 words (about 50 facts for an average article of about 1,000 words).
* **Repeated quotes.** Now and then an article repeats a sentence word for word (a lead that
  the body restates); the report quotes the second one and picks it with a ``prefix``.

Every report quotes its article verbatim, most give a time phrase inside the quote, a quarter
are attributed to a source. :func:`generate` also writes ``bench.json`` beside ``facts/``:
what the benchmark needs to know about the corpus (see :class:`Manifest`).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

#: Bumped whenever the generator's output changes, so a kept ``--workdir`` is regenerated.
VERSION = 2
MANIFEST = "bench.json"

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
_KINDS = (
    "person",
    "person",
    "person",
    "person",
    "country",
    "organisation",
    "institution",
    "place",
    "forum",
    "media",
    "group",
)
#: Per kind: how its name is formed from a coined word, and its "the …" alias.
_OFFICES = (
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Defence Minister",
    "Ambassador",
    "Envoy",
    "Chancellor",
    "Trade Minister",
)
_NAMED = {
    "organisation": ("{w} Organisation", "the {w} Council"),
    "institution": ("{w} Ministry", "the {w} ministry"),
    "place": ("{w} City", "the {w} region"),
    "forum": ("{w} Forum", "the {w} summit"),
    "media": ("{w} Gazette", "the {w} newspaper"),
    "group": ("{w} Alliance", "the {w} bloc"),
}
_EVENT_TYPES = {
    "visit": ("visited", "visitor", "host"),
    "meeting": ("met", "participant", "participant"),
    "phone_call": ("spoke by phone with", "participant", "participant"),
    "invitation": ("invited", "inviter", "invitee"),
    "statement": ("issued a statement addressed to", "speaker", "addressee"),
    "consultation": ("held consultations with", "participant", "participant"),
}
_PREDICATES = ("member_of", "partner_of", "supports", "party_to", "hosts", "backs")
#: Filler sentences; ``{x}`` is an alias or name of someone in the article.
_FILLER = (
    "Analysts said the talks reflected a broader shift in the regional diplomacy of the day",
    "Officials declined to give further details of the discussions with {x}",
    "The meeting took place against the background of rising tensions in the region",
    "Observers noted that {x} had not taken part in such talks for several years",
    "Trade between the countries has grown steadily over the past decade",
    "Diplomats described the atmosphere of the talks with {x} as constructive and frank",
    "The talks covered energy, security and the cultural exchanges of the past year",
    "Neither side commented on the timing of the announcement by {x}",
    "According to the statement, {x} will return to the question at the next session",
    "The agenda of the summit was agreed by the delegations on the first day",
)
#: Words the article search can look for: every text has some of them.
SEARCH_WORDS = ("talks", "officials", "delegations", "region", "statement")
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
_PUBLISHERS = ("Synthetic Wire", "The Daily Courier", "Global Dispatch", "Evening Herald")


def _media_id(name: str) -> str:
    return "media-" + name.lower().replace(" ", "-")


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


def zipf_rank(rng: random.Random, n: int) -> int:
    """A rank in ``range(n)`` with probability about proportional to 1/(rank+1)."""
    return min(n - 1, int(math.exp(rng.random() * math.log(n + 1))) - 1)


@dataclass
class _Registry:
    """Every entity the articles may mention, most popular first."""

    rng: random.Random
    size: int
    names: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    aliases: list[list[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        taken: set[str] = set()  # every name and alias form, so each names one entity

        def free(*forms: str) -> bool:
            keys = {f.casefold() for f in forms}
            return len(keys) == len(forms) and not keys & taken

        def claim(*forms: str) -> None:
            taken.update(f.casefold() for f in forms)

        while len(self.names) < self.size:
            kind = self.rng.choice(_KINDS)
            word = self._word()
            aliases: list[str] = []
            if kind == "person":
                surname = self._word()
                words = [word, surname]
                if self.rng.random() < 0.3:
                    words.insert(1, self._word())
                name = " ".join(words)
                if not free(name):
                    continue
                claim(name)
                if self.rng.random() < 0.8 and free(surname):
                    claim(surname)
                    aliases.append(surname)
                if self.rng.random() < 0.35:
                    the = f"the {self._word()}n {self.rng.choice(_OFFICES)}"
                    if free(the):
                        claim(the)
                        aliases.append(the)
            elif kind == "country":
                name = f"{word}ria"
                if not free(name):
                    continue
                claim(name)
                if self.rng.random() < 0.5:
                    the = f"the Republic of {name}"
                    if free(the):
                        claim(the)
                        aliases.append(the)
            else:
                name_form, the_form = _NAMED[kind]
                name = name_form.format(w=word)
                if not free(name):
                    continue
                claim(name)
                acronym = "".join(w[0] for w in name.split()).upper() + word[1:3].upper()
                if self.rng.random() < 0.6 and free(acronym):
                    claim(acronym)
                    aliases.append(acronym)
                if self.rng.random() < 0.3:
                    the = the_form.format(w=word)
                    if free(the):
                        claim(the)
                        aliases.append(the)
            self.names.append(name)
            self.kinds.append(kind)
            self.aliases.append(aliases)

    def _word(self) -> str:
        return "".join(self.rng.choice(_SYLLABLES) for _ in range(self.rng.randint(2, 3))).title()

    def pick(self, count: int) -> list[int]:
        chosen: list[int] = []
        while len(chosen) < count:
            k = zipf_rank(self.rng, self.size)
            if k not in chosen:
                chosen.append(k)
        return chosen

    def mention(self, k: int) -> str:
        """How an article refers to entity ``k``: its name, or now and then an alias."""
        if self.aliases[k] and self.rng.random() < 0.5:
            return self.rng.choice(self.aliases[k])
        return self.names[k]


def entity_id(k: int) -> str:
    return f"e{k:05d}"


@dataclass(frozen=True)
class Manifest:
    """What the benchmark needs to know about a generated corpus."""

    version: int
    articles: int
    seed: int
    first_title: str  # the title of the article the explorer opens on
    first_words: str  # the first words of its text
    busiest_entity: str  # the name of the entity in most facts
    busiest_facts: int
    most_reported_fact: str
    most_reports: int
    popular: list[str]  # names of popular entities, most popular first
    the_aliases: int
    aliases: int
    prefixed_quotes: int

    def write(self, root: Path) -> None:
        (root / MANIFEST).write_text(json.dumps(asdict(self), indent=1) + "\n")

    @classmethod
    def read(cls, root: Path) -> Manifest | None:
        """The manifest of a corpus this version generated, or ``None``."""
        try:
            data = json.loads((root / MANIFEST).read_text())
            manifest = cls(**data)
        except (OSError, ValueError, TypeError):
            return None
        return manifest if manifest.version == VERSION else None


@dataclass
class _Shared:
    fact_id: str
    a: int
    b: int
    verb: str
    date: dt.date


def _phrase(rng: random.Random, date: dt.date) -> tuple[str, str]:
    """A time phrase relative to an article's date, and its ISO value."""
    when = rng.randrange(3)
    if when == 0:
        day = date - dt.timedelta(days=rng.randint(1, 6))
        return f"on {_WEEKDAYS[day.weekday()]}", day.isoformat()
    if when == 1:
        year, number, _ = (date - dt.timedelta(days=7)).isocalendar()
        return "last week", f"{year}-W{number:02d}"
    month = (date.month - 2) % 12 + 1
    year = date.year - (1 if month > date.month else 0)
    return f"in {_MONTHS[month - 1]}", f"{year}-{month:02d}"


def _prefix(text: str, exact: str, start: int) -> str:
    """The shortest text before ``start`` (at least 8 characters) that picks that occurrence
    of ``exact`` alone."""
    starts = []
    at = text.find(exact)
    while at >= 0:
        starts.append(at)
        at = text.find(exact, at + 1)
    for size in range(8, start + 1):
        candidate = text[start - size : start]
        if all(s == start or text[max(0, s - size) : s] != candidate for s in starts):
            return candidate
    raise ValueError("no prefix picks this occurrence")


def generate(root: Path, articles: int, seed: int = 2023) -> Manifest:
    """Write a corpus of ``articles`` articles under ``root``; return its manifest."""
    rng = random.Random(seed)
    registry = _Registry(rng, size=max(60, 12 * articles))
    facts_dir, seeds_dir = root / "facts", root / "seeds"
    facts_dir.mkdir(parents=True, exist_ok=True)
    seeds_dir.mkdir(parents=True, exist_ok=True)
    used: set[int] = set()
    shared: list[_Shared] = []
    reports_of: dict[str, int] = {}
    facts_of: dict[int, int] = {}
    prefixed = 0
    start = dt.date(2023, 1, 2)
    first_title = first_words = ""
    for n in range(articles):
        article_id = f"a{n:05d}"
        date = start + dt.timedelta(days=n % 700)
        people = registry.pick(24)
        used.update(people)
        # Words of body text: most articles short, a few long; with the title, 300–2,000.
        target = min(1960, 300 + int(1700 * rng.random() ** 1.5))
        sentences: list[str] = []
        definitions: list[str] = []
        # Per report: the fact, the quoted sentence and the time; then its other lines.
        reports: list[tuple[str, str, dict[str, str] | None]] = []
        extras: list[str] = []
        repeats: set[int] = set()  # reports quoting a repeated sentence: given a prefix
        in_article: set[str] = set()

        def sentence(text: str, serial: bool = True, sentences: list[str] = sentences) -> str:
            # A per-article serial keeps a sentence, and so its quote, unique.
            text = f"{text} (item {len(sentences) + 1})." if serial else f"{text}."
            sentences.append(text)
            return text

        def involve(*entities: int) -> None:
            for e in dict.fromkeys(entities):
                facts_of[e] = facts_of.get(e, 0) + 1

        for e in range(max(6, target // 30)):
            if e >= 6 and sum(len(s.split()) for s in sentences) > 0.75 * target:
                break  # leave room for the relations
            pick = zipf_rank(rng, len(shared)) if shared and rng.random() < 0.35 else None
            if pick is not None and shared[pick].fact_id not in in_article:
                story = shared[pick]
                fact_id, a, b, verb = story.fact_id, story.a, story.b, story.verb
                used.update((a, b))
                day = story.date
                phrase, value = f"on {day.day} {_MONTHS[day.month - 1]} {day.year}", day.isoformat()
            else:
                a, b = rng.sample(people, 2)
                kind = rng.choice(tuple(_EVENT_TYPES))
                verb, role_a, role_b = _EVENT_TYPES[kind]
                fact_id = f"{article_id}-ev{e:03d}"
                participants = {entity_id(a): role_a, entity_id(b): role_b}
                definitions.append(
                    f"[events.{fact_id}]\ntype = {_toml(kind)}\n"
                    f"summary = {_toml(f'{registry.names[a]} {verb} {registry.names[b]}')}\n"
                    f"participants = {_toml(participants)}\n"
                )
                involve(a, b)
                phrase, value = _phrase(rng, date)
                if rng.random() < 0.3:
                    shared.append(_Shared(fact_id, a, b, verb, date - dt.timedelta(days=1)))
            in_article.add(fact_id)
            reports_of[fact_id] = reports_of.get(fact_id, 0) + 1
            words = f"{registry.mention(a)} {verb} {registry.mention(b)} {phrase}"
            words = words[0].upper() + words[1:]  # "the …" opens a sentence as "The …"
            extra: list[str] = []
            if rng.random() < 0.25:
                source = rng.choice(people)
                used.add(source)
                cue = "according to reports"
                words = f"{words}, {cue}"
                extra += [f"sources = [{{ by = {_toml(entity_id(source))}, cue = {_toml(cue)} }}]"]
                if source not in (a, b):
                    involve(source)
            time = {"phrase": phrase, "value": value}
            if rng.random() < 0.04 and len(sentences) > 2:
                # The lead, repeated word for word later on: quote the second with a prefix.
                text = f"{words}."
                sentences.insert(rng.randrange(len(sentences) // 2 + 1), text)
                for _ in range(rng.randint(1, 3)):
                    sentence(rng.choice(_FILLER).format(x=registry.mention(rng.choice(people))))
                sentences.append(text)
                repeats.add(len(reports))
            else:
                text = sentence(words)
            reports.append((fact_id, text[:-1], time))
            extras.append("\n".join(extra))
            for _ in range(rng.randint(0, 1)):
                sentence(rng.choice(_FILLER).format(x=registry.mention(rng.choice(people))))
        for r in range(max(4, target // 60)):
            a, b = rng.sample(people, 2)
            predicate = rng.choice(_PREDICATES)
            negated = rng.random() < 0.1
            fact_id = f"{article_id}-rel{r:03d}"
            definitions.append(
                f"[relations.{fact_id}]\nsubject = {_toml(entity_id(a))}\n"
                f"predicate = {_toml(predicate)}\nobject = {_toml(entity_id(b))}\n"
                + ("negated = true\n" if negated else "")
            )
            involve(a, b)
            reports_of[fact_id] = 1
            verb = predicate.replace("_", " ")
            words = (
                f"{registry.mention(a)} is {'not ' if negated else ''}{verb} {registry.mention(b)}"
            )
            text = sentence(words[0].upper() + words[1:])
            reports.append((fact_id, text[:-1], None))
            extras.append("")
        while sum(len(s.split()) for s in sentences) < target:
            sentence(rng.choice(_FILLER).format(x=registry.mention(rng.choice(people))))
        paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
        title = f"Diplomatic round-up {n + 1}: {registry.names[people[0]]}"
        body = "\n\n".join(paragraphs)
        text = title + "\n\n" + body + "\n"
        if n == 0:
            first_title, first_words = title, " ".join(body.split()[:3])
        lines: list[str] = []
        for index, ((fact_id, quote, when), more) in enumerate(zip(reports, extras, strict=True)):
            evidence: object = [quote]
            if index in repeats:
                evidence = [{"exact": quote, "prefix": _prefix(text, quote, text.rindex(quote))}]
                prefixed += 1
            block = [f"[[reports]]\nof = {_toml(fact_id)}", f"evidence = {_toml(evidence)}"]
            if when:
                block.append(f"time = {_toml(when)}")
            if more:
                block.append(more)
            lines.append("\n".join(block) + "\n")
        (seeds_dir / f"{article_id}.txt").write_text(text, encoding="utf-8")
        publisher = _media_id(rng.choice(_PUBLISHERS))
        header = (
            f"[article]\ntitle = {_toml(title)}\npublisher = {_toml(publisher)}\n"
            f"published = {date.isoformat()}\n"
        )
        (facts_dir / f"{article_id}.toml").write_text(
            "\n".join([header, *definitions, *lines]), encoding="utf-8"
        )
    entities: list[str] = []
    the_aliases = aliases = 0
    for k in sorted(used):
        table = f"[entities.{entity_id(k)}]\nname = {_toml(registry.names[k])}\n"
        table += f"kind = {_toml(registry.kinds[k])}\n"
        if registry.aliases[k]:
            table += f"aliases = {_toml(registry.aliases[k])}\n"
            aliases += len(registry.aliases[k])
            the_aliases += sum(a.startswith("the ") for a in registry.aliases[k])
        entities.append(table)
    entities += [
        f'[entities.{_media_id(name)}]\nname = {_toml(name)}\nkind = "media"\n'
        for name in _PUBLISHERS
    ]
    (facts_dir / "entities.toml").write_text("\n".join(entities), encoding="utf-8")
    busiest = max(facts_of, key=lambda e: (facts_of[e], -e))
    most = max(reports_of, key=lambda f: (reports_of[f], f))
    popular = sorted(used)[:20]
    manifest = Manifest(
        version=VERSION,
        articles=articles,
        seed=seed,
        first_title=first_title,
        first_words=first_words,
        busiest_entity=registry.names[busiest],
        busiest_facts=facts_of[busiest],
        most_reported_fact=most,
        most_reports=reports_of[most],
        popular=[registry.names[k] for k in popular],
        the_aliases=the_aliases,
        aliases=aliases,
        prefixed_quotes=prefixed,
    )
    manifest.write(root)
    return manifest
