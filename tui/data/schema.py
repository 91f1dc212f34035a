"""The fact format as a curator writes it in ``facts/*.toml``, validated by pydantic.

Every model forbids unknown keys. Ids are the table keys (``[entities.putin]``), an
article's id is its file name, and whatever the loader can derive (precision of a time
value, default status, the text file's path) is never written.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
ID_HINT = "lower-case letters, digits and hyphens, starting with a letter or digit"

EntityKind = Literal[
    "person", "country", "organisation", "institution", "place", "forum", "media", "group"
]
EventType = Literal[
    "visit",
    "hosting",
    "meeting",
    "phone_call",
    "summit",
    "summit_attendance",
    "statement",
    "invitation",
    "acceptance",
    "arrest_warrant",
    "tour",
    "representation",
    "pledge",
    "consultation",
    "expansion",
    "denial",
    "military_action",
    "deportation",
    "sanctions",
    "trade",
]
Role = Literal[
    "visitor",
    "host",
    "caller",
    "callee",
    "participant",
    "attendee",
    "issuer",
    "subject",
    "speaker",
    "addressee",
    "inviter",
    "invitee",
    "representative",
    "represented",
    "destination",
    "topic",
    "attacker",
    "perpetrator",
    "origin",
    "target",
    "imposer",
    "buyer",
    "seller",
]
Predicate = Literal[
    "member_of",
    "party_to",
    "signatory_to",
    "leader_of",
    "head_of_government_of",
    "minister_of",
    "government_of",
    "capital_of",
    "part_of",
    "located_in",
    "partner_of",
    "hosts",
    "backs",
    "backed_by",
    "supports",
    "buyer_from",
    "occupies",
    "presides",
]
Status = Literal[
    "planned",
    "occurred",
    "ongoing",
    "attended_virtually",
    "declined",
    "cancelled",
    "holds",
]
Certainty = Literal["asserted", "reported", "believed", "alleged", "denied"]
# How one event or relation bears on another, read "FROM <type> TO" (ACE/ERE and TimeML):
# cause (FROM caused TO), reason (FROM happened because of TO), purpose (FROM was done for
# TO), response (FROM answers TO), topic (FROM is about TO), part_of, sequence (FROM led on
# to TO), and the temporal before, after and since (FROM is the first of its kind since TO).
LinkType = Literal[
    "cause",
    "reason",
    "purpose",
    "response",
    "topic",
    "part_of",
    "sequence",
    "before",
    "after",
    "since",
]

EntityId = Annotated[str, Field(pattern=ID_PATTERN)]


def vocabulary(kind: Any) -> tuple[str, ...]:
    """The allowed values of a ``Literal`` vocabulary."""
    return tuple(str(v) for v in get_args(kind))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


def _as_quote(value: Any) -> Any:
    return {"exact": value} if isinstance(value, str) else value


def _as_published(value: Any) -> Any:
    return {"date": value} if isinstance(value, (dt.date, str)) else value


class QuoteIn(_Strict):
    """Verbatim evidence; ``prefix``/``suffix`` pick one occurrence when it occurs twice."""

    exact: Annotated[str, Field(min_length=1)]
    prefix: str = ""
    suffix: str = ""


TimeRole = Literal["point", "start", "end"]


class TimeIn(_Strict):
    """A time expression as written in the evidence and its normalised ISO 8601 value.

    ``role`` says whether the time is when the event happened (``point``), began or ended;
    ``basis``, when given, marks the value as the curator's inference and says from what."""

    phrase: Annotated[str, Field(min_length=1)]
    value: Annotated[str, Field(min_length=1)]
    role: TimeRole = "point"
    basis: str = ""


class PublishedIn(_Strict):
    """An exact publication date, or an estimated range with the reasoning behind it."""

    date: dt.date | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    basis: str = ""

    @model_validator(mode="after")
    def _one_form(self) -> PublishedIn:
        if self.date is not None:
            if self.earliest or self.latest:
                raise ValueError(
                    "both `date` and a range; expected `date`, or `earliest` and `latest`"
                )
        elif self.earliest is None or self.latest is None:
            raise ValueError("incomplete estimate; expected both `earliest` and `latest`")
        elif self.latest < self.earliest:
            raise ValueError("`latest` is before `earliest`; expected earliest ≤ latest")
        return self


class ArticleIn(_Strict):
    title: Annotated[str, Field(min_length=1)]
    published: Annotated[
        PublishedIn, BeforeValidator(_as_published, json_schema_input_type=dt.date | PublishedIn)
    ]
    publisher: str = ""
    url: str = ""
    language: str = "en"
    text: str | None = None
    note: str = ""


class EntityIn(_Strict):
    name: Annotated[str, Field(min_length=1)]
    kind: EntityKind
    aliases: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    description: str = ""


class EventIn(_Strict):
    type: EventType
    summary: Annotated[str, Field(min_length=1)]
    participants: dict[str, Role] = Field(min_length=1)
    place: EntityId | None = None


class RelationIn(_Strict):
    subject: EntityId
    predicate: Predicate
    object: EntityId
    negated: bool = False
    qualifiers: dict[str, str | int] = Field(default_factory=dict)


class ReportIn(_Strict):
    of: EntityId
    evidence: list[
        Annotated[QuoteIn, BeforeValidator(_as_quote, json_schema_input_type=str | QuoteIn)]
    ] = Field(min_length=1)
    status: Status | None = None
    certainty: Certainty = "asserted"
    time: TimeIn | None = None
    according_to: list[EntityId] = Field(default_factory=list)
    note: str = ""


class LinkIn(_Strict):
    """One article's statement that an event or relation bears on another, with its words."""

    from_: EntityId = Field(alias="from")
    type: LinkType
    to: EntityId
    evidence: list[
        Annotated[QuoteIn, BeforeValidator(_as_quote, json_schema_input_type=str | QuoteIn)]
    ] = Field(min_length=1)
    note: str = ""


class FactFileIn(_Strict):
    """A whole fact file, validated in one call when it is clean (the common case)."""

    article: ArticleIn | None = None
    entities: dict[str, EntityIn] = Field(default_factory=dict)
    events: dict[str, EventIn] = Field(default_factory=dict)
    relations: dict[str, RelationIn] = Field(default_factory=dict)
    reports: list[ReportIn] = Field(default_factory=list)
    links: list[LinkIn] = Field(default_factory=list)


SECTIONS: dict[str, type[_Strict]] = {
    "entities": EntityIn,
    "events": EventIn,
    "relations": RelationIn,
}
TOP_LEVEL = ("article", "entities", "events", "relations", "reports", "links")


def json_schema() -> dict[str, Any]:
    """The JSON Schema of one facts file, for editors that validate TOML as a curator types
    (taplo, Even Better TOML): keys, vocabularies and shapes, with each model's docstring."""
    schema = FactFileIn.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "diplo-tui facts file",
    }
