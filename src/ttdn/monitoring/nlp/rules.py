"""Keyword/boolean rules officials can edit: `"quoted phrase" OR word* AND NOT (a OR b)`.

An expression compiles to a tree; a document is a set of word n-grams (lowercased NFC) and its
words joined by spaces, so a rule costs a few set look-ups. A trailing `*` matches any word
starting with the stem; prefixes and phrases longer than MAX_PHRASE are found in the joined words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ttdn.text.normalize import nfc

MAX_PHRASE = 5
_LEX = re.compile(r'\s*(?:(\()|(\))|"([^"]*)"|([^\s()"]+))')
# Chinese, Lao, Khmer, Thai: words are not separated by spaces.
_UNSPACED = re.compile(r"[\u4e00-\u9fff\u0e00-\u0eff\u1780-\u17ff]+")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


class RuleSyntaxError(ValueError):
    """The expression does not parse; the message is shown to the official who wrote it."""


def words_of(text: str) -> list[str]:
    """Lowercase words of `text`, which must already be NFC (the pipeline normalises once)."""
    return _WORD.findall(text.lower())


@dataclass
class Document:
    """The n-grams of a text, built once and shared by every rule."""

    grams: set[str] = field(default_factory=set)
    joined: str = ""  # " w1 w2 … ": prefixes and long phrases are searched in it
    unspaced: str = ""  # runs of scripts written without spaces, searched as substrings

    @classmethod
    def of(cls, text: str) -> Document:
        ws = words_of(text)
        grams: set[str] = set()
        for n in range(1, MAX_PHRASE + 1):
            grams.update(map(" ".join, zip(*(ws[k:] for k in range(n)), strict=False)))
        return cls(grams, f" {' '.join(ws)} ", "\n".join(_UNSPACED.findall(text)))

    def has(self, term: str) -> bool:
        if _UNSPACED.match(term):
            return term in self.unspaced
        if term.endswith("*"):
            # A word (or phrase) starting with the stem follows a space in the joined words.
            return f" {term[:-1]}" in self.joined
        if _is_long(term):
            return f" {term} " in self.joined
        return term in self.grams


@dataclass(frozen=True)
class Node:
    op: str  # term | anyof | and | or | not
    term: str = ""
    children: tuple[Node, ...] = ()
    exact: frozenset[str] = frozenset()  # anyof: plain words and phrases
    special: tuple[str, ...] = ()  # anyof: prefixes and phrases longer than MAX_PHRASE words
    scripts: tuple[str, ...] = ()  # anyof: unspaced-script terms (most texts have none)

    def matches(self, doc: Document, hits: set[str]) -> bool:
        if self.op == "anyof":
            # An OR of plain terms is one set intersection (most rules are such lists).
            present = doc.grams & self.exact
            present.update(t for t in self.special if doc.has(t))
            if doc.unspaced:
                present.update(t for t in self.scripts if t in doc.unspaced)
            hits |= present
            return bool(present)
        if self.op == "term":
            found = doc.has(self.term)
            if found:
                hits.add(self.term)
            return found
        if self.op == "not":
            return not self.children[0].matches(doc, set())
        if self.op == "and":
            return all(child.matches(doc, hits) for child in self.children)
        # OR evaluates every branch so that all matching terms are reported as evidence.
        return any([child.matches(doc, hits) for child in self.children])


def _is_long(term: str) -> bool:
    return term.count(" ") >= MAX_PHRASE and not term.endswith("*")


def parse(expression: str) -> Node:
    tokens = _lex(expression)
    node, rest = _or(tokens)
    if rest:
        raise RuleSyntaxError(f"Thừa “{rest[0]}” trong biểu thức")
    return node


def _lex(expression: str) -> list[str]:
    tokens: list[str] = []
    pos = 0
    text = nfc(expression).strip()
    while pos < len(text):
        m = _LEX.match(text, pos)
        if m is None or m.end() == pos:
            raise RuleSyntaxError("Dấu ngoặc kép chưa đóng")
        open_, close, phrase, word = m.groups()
        if phrase is not None and _UNSPACED.fullmatch(phrase.strip()):
            tokens.append("\x00" + phrase.strip())
        elif phrase is not None:
            tokens.append(
                "\x00" + " ".join(words_of(phrase)) + ("*" if phrase.endswith("*") else "")
            )
        else:
            tokens.append(open_ or close or word)
        pos = m.end()
    if not tokens:
        raise RuleSyntaxError("Biểu thức trống")
    return tokens


def _or(tokens: list[str]) -> tuple[Node, list[str]]:
    node, tokens = _and(tokens)
    children = [node]
    while tokens and tokens[0] == "OR":
        node, tokens = _and(tokens[1:])
        children.append(node)
    if len(children) == 1:
        return children[0], tokens
    if all(c.op == "term" for c in children):
        terms = [c.term for c in children]
        scripts = tuple(t for t in terms if _UNSPACED.match(t))
        special = tuple(t for t in terms if t not in scripts and (t.endswith("*") or _is_long(t)))
        plain = frozenset(terms).difference(scripts, special)
        return Node("anyof", exact=plain, special=special, scripts=scripts), tokens
    return Node("or", children=tuple(children)), tokens


def _and(tokens: list[str]) -> tuple[Node, list[str]]:
    node, tokens = _not(tokens)
    children = [node]
    while tokens and tokens[0] == "AND":
        node, tokens = _not(tokens[1:])
        children.append(node)
    return (children[0] if len(children) == 1 else Node("and", children=tuple(children))), tokens


def _not(tokens: list[str]) -> tuple[Node, list[str]]:
    if tokens and tokens[0] == "NOT":
        node, rest = _not(tokens[1:])
        return Node("not", children=(node,)), rest
    return _atom(tokens)


def _atom(tokens: list[str]) -> tuple[Node, list[str]]:
    if not tokens:
        raise RuleSyntaxError("Biểu thức kết thúc giữa chừng")
    head, rest = tokens[0], tokens[1:]
    if head == "(":
        node, rest = _or(rest)
        if not rest or rest[0] != ")":
            raise RuleSyntaxError("Thiếu dấu “)”")
        return node, rest[1:]
    if head in (")", "AND", "OR", "NOT"):
        raise RuleSyntaxError(f"Không chờ “{head}” ở đây")
    if head.startswith("\x00"):
        term = head[1:]
    elif _UNSPACED.fullmatch(head):
        # Kept whole: the vowel signs of Lao and Khmer are not word characters for `words_of`.
        term = head
    else:
        star = head.endswith("*")
        term = " ".join(words_of(head)) + ("*" if star else "")
    if not term.strip("*"):
        raise RuleSyntaxError(f"Từ khóa “{head}” không có chữ")
    return Node("term", term=term), rest
