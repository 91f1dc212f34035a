"""Build display text from corpus strings without ever interpreting them.

Every string that comes from the facts or an article goes through :func:`plain`: it becomes a
``Content`` (never parsed as markup) with control characters and bidi overrides replaced by
visible placeholders, so what is on screen is exactly what is in the file.
"""

from __future__ import annotations

from textual.content import Content

from tui.data.accounts import Account
from tui.data.corpus import Corpus, Event, Fact, Relation, Report
from tui.data.textsafe import neutralise_line

KIND_NAMES = {
    "person": "person",
    "country": "country",
    "organisation": "organisation",
    "institution": "institution",
    "place": "place",
    "forum": "forum",
    "media": "media outlet",
    "group": "group",
    "document": "document",
    "concept": "concept",
}
KIND_TITLES = {
    "person": "People",
    "country": "Countries",
    "organisation": "Organisations",
    "institution": "Institutions",
    "place": "Places",
    "forum": "Forums",
    "media": "Media",
    "group": "Groups",
    "document": "Documents",
    "concept": "Concepts",
}


def plain(text: str, style: str = "") -> Content:
    """One line of untrusted text, shown verbatim."""
    content = Content(neutralise_line(text))
    return content.stylize(style) if style else content


def words(text: str) -> str:
    """A vocabulary value as words: ``attended_virtually`` → ``attended virtually``."""
    return text.replace("_", " ")


def fact_kind(fact: Fact) -> str:
    if isinstance(fact, Event):
        return words(fact.type)
    return "relation (negated)" if fact.negated else "relation"


def article_short(corpus: Corpus, article_id: str) -> str:
    article = corpus.articles.get(article_id)
    if article is None:
        return article_id
    # An article whose outlet is unknown (the user's seed) must not read as if its file
    # name were an outlet.
    return article.publisher or f"{article.id} (outlet unknown)"


def roles_of(corpus: Corpus, fact: Fact, entity_id: str | None) -> str:
    """How ``entity_id`` takes part in ``fact``: its role, or "source" when it is cited."""
    if entity_id is None:
        return ""
    if isinstance(fact, Relation):
        roles = [
            r for r, e in (("subject", fact.subject), ("object", fact.object)) if e == entity_id
        ]
    else:
        roles = [words(p.role) for p in fact.participants if p.entity_id == entity_id]
        if fact.place == entity_id:
            roles.append("place")
    if not roles and any(entity_id in r.according_to for r in corpus.fact_reports(fact.id)):
        roles.append("source")
    return ", ".join(roles)


def summarise(account: Account) -> str:
    """An aspect's value for a one-line row; where reports differ, every value, marked ``≠``."""
    if not account.disagree:
        return words(account.single or "")
    return " ≠ ".join(
        words(v.value) + (f" ×{len(v.article_ids)}" if len(v.article_ids) > 1 else "")
        for v in account.variants
    )


def reported_in(corpus: Corpus, reports: list[Report]) -> str:
    articles = len({r.article_id for r in reports})
    text = f"Reported in {articles} article{'s' * (articles != 1)}"
    if len(reports) != articles:
        text += f" ({len(reports)} reports)"
    return text


# How a link reads from each end: "FROM <forward> TO", and "TO <backward> FROM".
_LINK_PHRASES = {
    "cause": ("caused", "caused by"),
    "reason": ("because of", "the reason for"),
    "purpose": ("in order to", "the purpose of"),
    "response": ("in response to", "answered by"),
    "topic": ("about", "the topic of"),
    "part_of": ("part of", "includes"),
    "sequence": ("led to", "followed"),
    "before": ("before", "after"),
    "after": ("after", "before"),
    "since": ("the first since", "since then"),
    "condition": ("if", "the condition of"),
    "asserts": ("asserts", "asserted by"),
    "denies": ("denies", "denied by"),
}

# How a report's modality reads before its status: "possibly, planned".
MODALITY_WORDS = {
    "possible": "possibly",
    "conditional": "only if a condition holds",
    "ability": "able to",
    "effort": "sought, tried",
    "habitual": "as a habit",
}


_UNITS = {"D": "day", "W": "week", "M": "month", "Y": "year"}


def offset_words(offset: str) -> str:
    """An ISO 8601 offset from an anchor event, in words: ``P1D`` → "1 day after"."""
    if not offset:
        return "counted from"
    before = offset.startswith("-")
    amount, unit = int(offset.lstrip("-P")[:-1]), _UNITS.get(offset[-1], offset[-1])
    plural = "s" if amount != 1 else ""
    return f"{amount} {unit}{plural} {'before' if before else 'after'}"


def how_reported(report: Report) -> str:
    """Status, certainty, modality and negation in one phrase: "unable to, declined, reported"."""
    parts = [words(report.status), report.certainty]
    modality = report.modality
    if modality == "ability":
        parts.insert(0, "unable to" if report.negated else "able to")
    else:
        if modality != "actual":
            parts.insert(0, MODALITY_WORDS.get(modality, words(modality)))
        if report.negated:
            parts.insert(0, "NOT")
    return ", ".join(parts)


def chain_levels(corpus: Corpus, report: Report) -> list[tuple[str, str, str]]:
    """The source chain, outermost first: (who, “cue”, how committed) per level."""
    text = corpus.articles[report.article_id].text
    rows: list[tuple[str, str, str]] = []
    for level in report.sources:
        how = [] if level.commitment == "certain" else [level.commitment]
        if level.polarity == "negative":
            how.append("denies")
        if level.speech == "direct":
            how.append("quoted")
        if level.insertions:
            inserted = ", ".join(f"“{text[s.start : s.end]}”" for s in level.insertions)
            how.append(f"reporter's insertion {inserted}")
        rows.append(
            (
                corpus.entity_name(level.entity_id),
                f"“{text[level.cue.start : level.cue.end]}”",
                "; ".join(how),
            )
        )
    return rows


def link_phrase(link_type: str, outgoing: bool) -> str:
    forward, backward = _LINK_PHRASES.get(link_type, (words(link_type), f"{words(link_type)} of"))
    return forward if outgoing else backward
