"""Collective mentions: "các sở, ban, ngành", "UBND các huyện, thị xã" name a class of units.

`collective_kinds` says which unit kinds such a mention means; `starts_mention` and
`looks_like_unit` tell a list splitter where one mention ends and the next begins.
"""

from __future__ import annotations

import re

from ttdn.text.normalize import fold, fold_tokens
from ttdn.text.unit_names import KINDS, Tokens, can_be_acronym, prefix_len

# Plural nouns that make a mention collective ("các sở, ban, ngành"), with the unit kind meant.
COLLECTIVE_NOUNS: dict[str, str | None] = {
    "sở": "department", "ban": "department", "ngành": "department", "phòng": "department",
    "huyện": "commune", "thị xã": "commune", "thị": "commune", "thành phố": "commune",
    "TP": "commune", "quận": "commune", "xã": "commune", "phường": "commune",
    "thị trấn": "commune", "địa phương": "commune",
    "huyện ủy": "party", "thị ủy": "party", "thành ủy": "party", "tỉnh ủy": "party",
    "đảng ủy": "party", "cấp ủy": "party", "chi bộ": "party", "tổ chức đảng": "party",
    "cơ quan báo chí": "press", "báo chí": "press", "cơ quan thông tấn": "press",
    "đoàn thể": "mass_org", "hội": "mass_org", "hội hữu nghị": "mass_org",
    "tổ chức hữu nghị": "mass_org", "tổ chức nhân dân": "mass_org",
    "tổ chức chính trị - xã hội": "mass_org", "lực lượng vũ trang": "armed_forces",
    "cơ quan": None, "đơn vị": None, "tổ chức": None, "cơ quan đại diện": None,
}  # fmt: skip
# Nouns that never begin a registered name: a mention starting with one is collective even
# without "các" ("cơ quan báo chí trong tỉnh"), unless a unit of that name is registered.
COLLECTIVE_STARTS = ("cơ quan", "đơn vị", "địa phương", "đoàn thể", "đảng ủy", "tổ chức", "báo chí")

PLURAL = frozenset({"cac", "nhung"})
UBND: tuple[Tokens, ...] = (("ubnd",), ("uy", "ban", "nhan", "dan"))
_NOUNS = {fold_tokens(k): v for k, v in COLLECTIVE_NOUNS.items()}
_STARTS = frozenset(fold_tokens(s) for s in COLLECTIVE_STARTS)
_LONGEST_NOUN = max(map(len, _NOUNS))
_WORD_OR_SEP = re.compile(r"[^\W_]+|[,;&]")

Heads = list[tuple[Tokens, str | None]]


def collective_kinds(text: str, *, strong: bool = True) -> tuple[str, ...] | None:
    """Kinds meant by a collective mention ("UBND các huyện" -> commune), else None.

    `strong=False` also accepts mentions that merely start with a class noun; callers use it
    only after no registered unit matched.
    """
    found = _WORD_OR_SEP.findall(fold(text))
    tokens = ["," if t in {";", "&", "va"} else t for t in found]
    start = next((len(u) for u in UBND if tuple(tokens[: len(u)]) == u), 0)
    plural = start < len(tokens) and tokens[start] in PLURAL
    heads, separated = _heads(tokens, start + plural)
    listed = len(heads) >= 2 and separated
    if start and (plural or listed):
        return ("commune",)
    if not start and (plural or listed):
        return _kinds(heads)
    if not strong and not start and heads and tuple(tokens[:2]) in _STARTS:
        return _kinds(heads)
    return None


def starts_mention(piece: str) -> bool:
    """Whether a piece inside a collective list begins a mention of its own."""
    tokens = fold_tokens(piece)
    if not tokens:
        return False
    if tokens[0] in PLURAL or any(tokens[: len(u)] == u for u in UBND):
        return True
    heads, _ = _heads(list(tokens), 0)
    if not piece.lstrip()[:1].isupper() or (heads and heads[0][1] == "commune"):
        return False  # lower-case nouns and "Thành phố Huế" continue the list
    return not heads or len(heads[0][0]) < len(tokens)


def looks_like_unit(piece: str) -> bool:
    """Whether a piece starts like a unit name: a generic head, an acronym or a class noun."""
    tokens = fold_tokens(piece)
    if not tokens:
        return False
    first = tokens[0]
    return bool(
        prefix_len(tokens)
        or first in PLURAL
        or tokens[:2] in _STARTS
        or (can_be_acronym(first) and len(first) > 2)
    )


def _heads(tokens: list[str], i: int) -> tuple[Heads, bool]:
    """The class nouns listed from `i`, and whether a separator stood between two of them."""
    heads: Heads = []
    separated = False
    while i < len(tokens):
        if tokens[i] == ",":
            separated, i = separated or bool(heads), i + 1
            continue
        sizes = range(min(_LONGEST_NOUN, len(tokens) - i), 0, -1)
        size = next((k for k in sizes if tuple(tokens[i : i + k]) in _NOUNS), 0)
        if not size:
            break
        phrase = tuple(tokens[i : i + size])
        heads.append((phrase, _NOUNS[phrase]))
        i += size
    return heads, separated


def _kinds(heads: Heads) -> tuple[str, ...]:
    kinds = [kind for _, kind in heads]
    found = {k for k in kinds if k}
    if kinds and kinds[-1] == "party":  # "Các huyện, thị, thành ủy": the "ủy" covers all
        found = {"party" if k == "commune" else k for k in found}
    return tuple(k for k in KINDS if k in found)
