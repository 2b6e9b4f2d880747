"""Domestic or foreign outlet, from the source's domain.

Vietnamese outlets mostly live under .vn; the few national ones that do not are listed here (ours,
editable through the product's source settings, which take precedence).
"""

from __future__ import annotations

DOMESTIC_OUTSIDE_VN = frozenset(
    {
        "biendong.net",
        "talkvietnam.org",
        "vietnam.vn",
        "vietnamtourism.gov.vn",
        "english.vov.vn",
    }
)


def host_of(domain_or_url: str) -> str:
    host = domain_or_url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
    return host.removeprefix("www.")


def is_foreign(domain: str | None, domestic: frozenset[str] = DOMESTIC_OUTSIDE_VN) -> bool | None:
    """True for an outlet based abroad, False for a Vietnamese one, None when unknown."""
    if not domain:
        return None
    host = host_of(domain)
    if host.endswith(".vn") or host == "vn":
        return False
    return not any(host == d or host.endswith("." + d) for d in domestic)
