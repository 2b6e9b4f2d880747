"""Canonical URLs and content hashes: the two keys that keep an article from being stored twice."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ttdn.text.normalize import fold

_TRACKING = ("utm_", "fbclid", "gclid", "mc_", "ref", "source", "zarsrc", "_ga")


def canonical_url(url: str) -> str:
    """Lowercase scheme and host, no www., no fragment, no tracking parameters, sorted query."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING)
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(((parts.scheme or "http").lower(), host, path, urlencode(query), ""))


def content_hash(title: str, text: str) -> str:
    """Same words, same hash: case, diacritics variants, spacing and punctuation do not count."""
    key = " ".join((fold(title) + " " + fold(text)).split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
