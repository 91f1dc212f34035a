"""The wording of a fact's row in a list, shared by the explorer and the index.

A facts list shows, under each fact's label, what its reports agree and disagree on. The
index stores that wording (folded, for the filter), so a filter over thousands of facts
reads one column instead of summarising every report again; building it here, in one place,
keeps what the filter finds equal to what the row shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.data.accounts import ASPECTS, Account, account
from tui.data.corpus import Corpus, Event, Fact, Relation
from tui.data.folding import fold

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


def words(text: str) -> str:
    """A vocabulary value as words: ``attended_virtually`` → ``attended virtually``."""
    return text.replace("_", " ")


def fact_kind(fact: Fact) -> str:
    if isinstance(fact, Event):
        return words(fact.type)
    return "relation (negated)" if fact.negated else "relation"


def article_short(corpus: Corpus, article_id: str) -> str:
    publisher = corpus.publisher_of(article_id)
    if publisher is None:
        return article_id
    # An article whose outlet is unknown (the user's seed) must not read as if its file
    # name were an outlet.
    return publisher or f"{article_id} (outlet unknown)"


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


@dataclass(frozen=True, slots=True)
class FactRow:
    """A fact's row without the selected entity's roles (which the list adds)."""

    marker: str  # "¬ " for a negated relation, "≠ " where reports disagree
    label: str
    before_roles: tuple[str, ...]  # what the reports disagree on, agreed time and status, kind
    after_roles: tuple[str, ...]  # certainty; the articles

    def details(self, roles: str) -> str:
        return " · ".join(d for d in (*self.before_roles, roles, *self.after_roles) if d)

    def search_text(self, fact_id: str) -> str:
        """What a filter looks in, but for the roles (matched on their own): folded."""
        details = " · ".join(d for d in (*self.before_roles, *self.after_roles) if d)
        return fold(f"{self.marker}{self.label}\n{details}\n{fact_id}")


def fact_row(corpus: Corpus, fact: Fact) -> FactRow:
    reports = corpus.fact_reports(fact.id)
    accounts = [account(corpus, fact.id, aspect) for aspect in ASPECTS]
    differing = [a for a in accounts if a.disagree]
    corpus._disagrees[fact.id] = bool(differing)  # what disagreeing_facts would work out
    agreed = {a.aspect: summarise(a) for a in accounts if not a.disagree}
    marker = "¬ " if isinstance(fact, Relation) and fact.negated else ""
    if differing:
        marker += "≠ "
    return FactRow(
        marker,
        corpus.label(fact),
        # What a cut row must not lose comes first: where the articles disagree, then the
        # date and the status a reader checks; the fact's kind and the roles after them.
        (
            *(summarise(a) for a in differing),
            agreed.get("time", ""),
            agreed.get("status", ""),
            fact_kind(fact),
        ),
        (
            "" if agreed.get("certainty") == "asserted" else agreed.get("certainty", ""),
            _articles(corpus, [r.article_id for r in reports]),
        ),
    )


def _articles(corpus: Corpus, article_ids: list[str]) -> str:
    distinct = list(dict.fromkeys(article_ids))
    if len(distinct) == 1:
        return article_short(corpus, distinct[0])
    return f"{len(distinct)} articles"
