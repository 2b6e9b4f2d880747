"""Rich text of the CSDL: sanitised with nh3 (Ammonia) on every write, reduced to plain text for
search and feeds, and search terms highlighted in it (accent-insensitively)."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import nh3
from django.utils.safestring import SafeString, mark_safe

from ttdn.text.normalize import fold

escape = html.escape  # the standard one: Django's lazy-aware wrapper costs more per word

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "sub", "sup", "ul", "ol", "li",
    "h2", "h3", "h4", "blockquote", "a", "table", "thead", "tbody", "tr", "th", "td",
    "caption", "figure", "figcaption", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": {"colspan", "rowspan"}}
_WORD = re.compile(r"[^\W_]+")
SNIPPET_WORDS = 40


def sanitize(body: str) -> str:
    """Keep structure (paragraphs, lists, links, tables); drop scripts, styles, event handlers,
    `javascript:` links and every tag not listed."""
    return nh3.clean(
        body,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def plain_text(body: str) -> str:
    """The text a reader sees, without markup, on one line."""
    text = nh3.clean(re.sub(r"<(br|/p|/li|/h\d|/td|/tr)\b[^>]*>", " ", body), tags=set())
    return " ".join(html.unescape(text).split())


@lru_cache(maxsize=65536)
def _folded(word: str) -> str:
    # Words repeat: folding each once keeps highlighting 50 results cheap.
    return fold(word)


def _matches(word: str, terms: tuple[str, ...]) -> bool:
    return _folded(word).startswith(terms)


def highlight(text: str, terms: tuple[str, ...]) -> SafeString:
    """`text` escaped, each word starting with a (folded) term wrapped in <mark>."""
    out: list[str] = []
    last = 0
    for match in _WORD.finditer(text):
        if _matches(match.group(), terms):
            out.append(escape(text[last : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def snippet(text: str, terms: tuple[str, ...], words: int = SNIPPET_WORDS) -> SafeString:
    """About `words` words of `text` around the first matching word, highlighted."""
    tokens = text.split()
    first = next(
        (i for i, token in enumerate(tokens) if _matches(token.strip(".,;:!?()“”\"'"), terms)), 0
    )
    start = max(0, first - words // 4)
    piece = " ".join(tokens[start : start + words])
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + words < len(tokens) else ""
    return mark_safe(prefix + highlight(piece, terms) + suffix)  # noqa: S308 - escaped above
