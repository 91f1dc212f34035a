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

FORMAT_VERSION: Literal[2] = 2

EntityKind = Literal[
    "person",
    "country",
    "organisation",
    "institution",
    "place",
    "forum",
    "media",
    "group",
    "document",
    "concept",
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
    "investigation",
    "request",
    "agreement",
    "criticism",
    "refusal",
    "election",
    "ceremony",
    "speech",
    "arrest",
    "talks",
    "announcement",
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
    "agent",
    "recipient",
    "accused",
    "organiser",
    "guest",
    "member",
    "investigator",
    "requester",
    "signatory",
]
# Roles that go with each event type (docs/FORMAT.md); GENERAL_ROLES go with any.
GENERAL_ROLES: tuple[str, ...] = ("participant", "topic", "agent")
EVENT_ROLES: dict[str, tuple[str, ...]] = {
    "visit": ("visitor", "host", "destination"),
    "hosting": ("host", "guest"),
    "meeting": ("participant",),
    "talks": ("participant",),
    "phone_call": ("caller", "callee", "participant"),
    "summit": ("host", "topic", "participant", "organiser"),
    "summit_attendance": ("attendee", "topic"),
    "statement": ("speaker", "addressee", "subject", "topic"),
    "speech": ("speaker", "addressee", "topic"),
    "announcement": ("speaker", "subject", "topic"),
    "invitation": ("inviter", "invitee", "topic"),
    "acceptance": ("agent", "inviter", "topic"),
    "request": ("requester", "addressee", "topic"),
    "agreement": ("participant", "topic"),
    "refusal": ("agent", "topic"),
    "criticism": ("speaker", "target", "topic"),
    "denial": ("speaker", "topic"),
    "arrest_warrant": ("issuer", "subject"),
    "arrest": ("agent", "accused"),
    "investigation": ("investigator", "subject", "accused"),
    "election": ("participant",),
    "ceremony": ("participant", "host", "organiser", "subject"),
    "tour": ("visitor", "destination"),
    "representation": ("representative", "represented"),
    "pledge": ("participant", "recipient"),
    "consultation": ("participant",),
    "expansion": ("subject",),
    "military_action": ("attacker", "target"),
    "deportation": ("perpetrator", "subject", "origin", "destination"),
    "sanctions": ("imposer", "target"),
    "trade": ("buyer", "seller"),
}

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
    "holds_office",
    "affiliated_with",
    "neighbour_of",
    "friend_of",
    "ally_of",
]
Status = Literal[
    "planned",
    "occurred",
    "ongoing",
    "attended_virtually",
    "declined",
    "cancelled",
    "postponed",
    "holds",
]
# Derived from a report's source chain (see `derive_certainty`), never written.
Certainty = Literal["asserted", "reported", "believed", "alleged", "denied"]
# FactBank's commitment of a source (or of the article itself) to a fact: how sure it is.
Commitment = Literal["certain", "probable", "possible", "uncommitted"]
Polarity = Literal["positive", "negative"]
# Whether the evidence gives the source's own words in quotation marks or the reporter's.
Speech = Literal["indirect", "direct"]
# What kind of happening a report claims: the event itself (actual), or only that it may,
# would under a condition, can, was tried, or usually happens (TimeML's modal/ aspectual
# classes, reduced to what news reports need).
Modality = Literal["actual", "possible", "conditional", "ability", "effort", "habitual"]
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
    "condition",
]
# Links the loader derives: a statement event asserts or denies each fact whose report names
# it as the `statement` of a source level.
DerivedLinkType = Literal["asserts", "denies"]

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


Quote = Annotated[QuoteIn, BeforeValidator(_as_quote, json_schema_input_type=str | QuoteIn)]
TimeRole = Literal["point", "start", "end"]
_OFFSET = r"^-?P[0-9]+[DWMY]$"


class TimeIn(_Strict):
    """A time expression as written in the evidence and its normalised ISO 8601 value.

    ``role`` says whether the time is when the event happened (``point``), began or ended;
    ``basis``, when given, marks the value as the curator's inference and says from what.
    ``anchor`` ties the time to another event ("the day after the warrant was issued":
    ``anchor = "icc-warrant-putin"``, ``offset = "P1D"``); the loader computes the value
    from the anchor's time, so ``value`` is then left out or must agree."""

    phrase: Annotated[str, Field(min_length=1)]
    value: str = ""
    role: TimeRole = "point"
    basis: str = ""
    anchor: EntityId | None = None
    offset: Annotated[str, Field(pattern=_OFFSET)] = ""

    @model_validator(mode="after")
    def _value_or_anchor(self) -> TimeIn:
        if not self.value and self.anchor is None:
            raise ValueError("no `value`; expected `value` (ISO 8601) or an `anchor` event")
        if self.offset and self.anchor is None:
            raise ValueError("an `offset` without an `anchor`; expected both or neither")
        return self


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
    publisher: EntityId | None = None  # a media entity
    wire: list[EntityId] = Field(default_factory=list)  # agencies credited: media entities
    dateline: str = ""  # as it stands in the text ("NEW DELHI, Aug 28:")
    url: str = ""
    language: str = "en"
    text: str | None = None
    note: str = ""
    # Names that stand for an entity in this article only ("the court", "his counterpart").
    aliases: dict[EntityId, list[Annotated[str, Field(min_length=1)]]] = Field(default_factory=dict)


class EntityIn(_Strict):
    name: Annotated[str, Field(min_length=1)]
    kind: EntityKind
    aliases: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    description: str = ""
    count: Annotated[int, Field(ge=0)] | None = None  # a group's size, as the text gives it
    members: list[EntityId] = Field(default_factory=list)  # a group's named members


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


class SourceIn(_Strict):
    """One level of a report's source chain, outermost first: who says it, in which words.

    ``cue`` is the wording that introduces the source, verbatim inside the report's evidence
    ("according to a statement from", "told", "is also believed"). ``commitment`` and
    ``polarity`` are FactBank's: how sure the source is presented to be, and whether it
    says the fact holds or not (a denial is ``polarity = "negative"``)."""

    by: EntityId
    cue: Annotated[str, Field(min_length=1)]
    commitment: Commitment = "certain"
    polarity: Polarity = "positive"
    speech: Speech = "indirect"
    # The statement event in which the source says it: the statement asserts (or denies)
    # the fact, so "what did the Kremlin say?" is answerable from either side.
    statement: EntityId | None = None
    # The reporter's words inside a direct quote ("[in the call]"), verbatim in the evidence.
    insertions: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)


class ReportIn(_Strict):
    of: EntityId
    evidence: list[Quote] = Field(min_length=1)
    status: Status | None = None
    time: TimeIn | None = None
    sources: list[SourceIn] = Field(default_factory=list)
    # The article's own commitment to the fact, beyond whom it cites ("alleged": possible).
    commitment: Commitment = "certain"
    modality: Modality = "actual"
    negated: bool = False
    # What this article adds to the fact: participants and its own characterisation.
    participants: dict[str, Role] = Field(default_factory=dict)
    qualifiers: dict[str, str | int] = Field(default_factory=dict)
    note: str = ""


class LinkIn(_Strict):
    """One article's statement that an event or relation bears on another, with its words."""

    from_: EntityId = Field(alias="from")
    type: LinkType
    to: EntityId
    evidence: list[Quote] = Field(min_length=1)
    note: str = ""


class FactFileIn(_Strict):
    """A whole fact file, validated in one call when it is clean (the common case)."""

    format: Literal[2] = FORMAT_VERSION
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
TOP_LEVEL = ("format", "article", "entities", "events", "relations", "reports", "links")


def json_schema() -> dict[str, Any]:
    """The JSON Schema of one facts file, for editors that validate TOML as a curator types
    (taplo, Even Better TOML): keys, vocabularies and shapes, with each model's docstring."""
    schema = FactFileIn.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "diplo-tui facts file",
    }


_WEAK: frozenset[str] = frozenset({"probable", "possible", "uncommitted"})


def derive_certainty(commitment: str, sources: list[tuple[str, str]]) -> Certainty:
    """The one rule from a report's chain to the explorer's one-word certainty.

    ``sources`` holds each level's (commitment, polarity), outermost first. In order: a
    source that says the fact does not hold makes it ``denied``; an article that presents
    it as possible (``alleged``, ``accused``) makes it ``alleged``; any level short of
    certain makes it ``believed``; any source at all, ``reported``; else ``asserted``."""
    if any(polarity == "negative" for _, polarity in sources):
        return "denied"
    if commitment == "possible":
        return "alleged"
    if commitment in _WEAK or any(level in _WEAK for level, _ in sources):
        return "believed"
    return "reported" if sources else "asserted"
