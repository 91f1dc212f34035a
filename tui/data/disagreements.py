"""Every place where the corpus's articles disagree, each article's value with its words.

Built on :mod:`tui.data.accounts`, which decides what counts as a disagreement (times only
when they cannot overlap), so this list, the ``≠`` marks of the facts list and the detail
always agree on which facts differ.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.data.accounts import ASPECTS, Aspect, disagreements, value_of
from tui.data.corpus import Corpus


@dataclass(frozen=True, slots=True)
class Side:
    """One article's account: the value it gives and the words it gives it in."""

    value: str
    article_id: str
    report_id: str
    wording: tuple[str, ...]  # the report's evidence, verbatim
    phrase: str = ""  # for a time, the words that date it


@dataclass(frozen=True, slots=True)
class Difference:
    fact_id: str
    aspect: Aspect
    sides: tuple[Side, ...]  # grouped by value, most reported first (earliest, for times)


def differences(corpus: Corpus) -> list[Difference]:
    """Every fact and aspect on which its reports differ, facts in label order."""
    found: list[Difference] = []
    for fact_id in sorted(corpus.disagreeing_facts()):
        fact = corpus.fact(fact_id)
        if fact is None:
            continue
        reports = corpus.fact_reports(fact_id)
        for account in disagreements(corpus, fact_id):
            sides: list[Side] = []
            for variant in account.variants:
                for report in reports:
                    if report.article_id not in variant.article_ids:
                        continue
                    if account.aspect == "time":
                        time = report.time
                        if time is None or time.value is None or time.value.value != variant.value:
                            continue
                        phrase = time.phrase
                    else:
                        if value_of(corpus, report, account.aspect) != variant.value:
                            continue
                        phrase = ""
                    text = corpus.articles[report.article_id].text
                    wording = tuple(text[q.start : q.end] for q in report.quotes)
                    sides.append(Side(variant.value, report.article_id, report.id, wording, phrase))
            found.append(Difference(fact_id, account.aspect, tuple(sides)))
    found.sort(key=lambda d: (_label(corpus, d.fact_id), d.fact_id, ASPECTS.index(d.aspect)))
    return found


def _label(corpus: Corpus, fact_id: str) -> str:
    fact = corpus.fact(fact_id)
    return corpus.label(fact).casefold() if fact else fact_id
