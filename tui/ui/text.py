"""Build display text from corpus strings without ever interpreting them.

Every string that comes from the facts or an article goes through :func:`plain`: it becomes a
``Content`` (never parsed as markup) with control characters and bidi overrides replaced by
visible placeholders, so what is on screen is exactly what is in the file.
"""

from __future__ import annotations

from textual.content import Content

from tui.data.corpus import Corpus, Event, Fact, Relation
from tui.data.textsafe import neutralise_line

KIND_TITLES = {
    "person": "People",
    "country": "Countries",
    "organisation": "Organisations",
    "institution": "Institutions",
    "place": "Places",
    "forum": "Forums",
    "media": "Media",
    "group": "Groups",
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
    return article.publisher or article.id


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
