"""How facts read in a sentence (kept free of pydantic: the explorer's start never imports it)."""

from __future__ import annotations

# How each predicate reads in a sentence, asserted and negated.
PREDICATE_PHRASES: dict[str, tuple[str, str]] = {
    "member_of": ("is a member of", "is not a member of"),
    "party_to": ("is a party to", "is not a party to"),
    "signatory_to": ("is a signatory to", "is not a signatory to"),
    "leader_of": ("leads", "does not lead"),
    "head_of_government_of": ("heads the government of", "does not head the government of"),
    "minister_of": ("is a minister of", "is not a minister of"),
    "government_of": ("is the government of", "is not the government of"),
    "capital_of": ("is the capital of", "is not the capital of"),
    "part_of": ("is part of", "is not part of"),
    "located_in": ("is in", "is not in"),
    "partner_of": ("is a partner of", "is not a partner of"),
    "hosts": ("hosts", "does not host"),
    "backs": ("backs", "does not back"),
    "backed_by": ("is backed by", "is not backed by"),
    "supports": ("supports", "does not support"),
    "buyer_from": ("buys from", "does not buy from"),
    "occupies": ("occupies", "does not occupy"),
    "presides": ("presides over", "does not preside over"),
    "holds_office": ("holds an office in", "holds no office in"),
    "affiliated_with": ("is aligned with", "is not aligned with"),
    "neighbour_of": ("neighbours", "does not neighbour"),
    "friend_of": ("is a friend of", "is not a friend of"),
    "ally_of": ("is an ally of", "is not an ally of"),
}
