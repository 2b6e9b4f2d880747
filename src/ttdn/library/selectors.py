"""Reads for the staff side of the CSDL: items a user may see (own unit's, or all for the
coordinating agency's editors), one item by id, the translation-status table, revision diffs.
Public reads live in `visibility` (the one rule) and `portal`."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ttdn.core.errors import NotFound
from ttdn.library.html import plain_text
from ttdn.library.languages import content_languages
from ttdn.library.models import Item, Revision, Translation
from ttdn.library.rules import sees_library
from ttdn.library.search import search
from ttdn.units.selectors import unit_subtree_ids


def items_for_user(user: Any) -> QuerySet[Item]:
    items = Item.objects.select_related("unit")
    if sees_library(user):
        return items
    if not user.is_authenticated or user.unit_id is None:
        return items.none()
    return items.filter(unit_id__in=unit_subtree_ids(user.unit_id))


LISTED_TRANSLATION_FIELDS = ("id", "item_id", "language", "title", "revision", "source_revision")


def _with_titles(items: QuerySet[Item]) -> QuerySet[Item]:
    titles = Translation.objects.only(*LISTED_TRANSLATION_FIELDS)
    return items.prefetch_related(Prefetch("translations", queryset=titles))


def items_list(*, user: Any, state: str = "", q: str = "", kind: str = "") -> QuerySet[Item]:
    items = _with_titles(items_for_user(user))
    if state:
        items = items.filter(state=state)
    if kind:
        items = items.filter(kind=kind)
    if q.strip():
        among = Translation.objects.filter(item__in=items_for_user(user).values("pk"))
        ids = {t.item_id for t in search(q, among, limit=500)}
        items = items.filter(pk__in=ids)
    return items.order_by("-updated_at", "-pk")


def item_get_for_user(*, user: Any, pk: int) -> Item:
    item = items_for_user(user).filter(pk=pk).first()
    if item is None or not user.has_perm("library.view_item", item):
        raise NotFound("Không tìm thấy tin, bài (hoặc bạn không có quyền xem).")
    return item


@dataclass(frozen=True)
class TranslationCell:
    language: str
    state: str  # "source", "current", "stale", "missing"
    translation: Translation | None


@dataclass(frozen=True)
class TranslationStatusRow:
    item: Item
    cells: tuple[TranslationCell, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(c.language for c in self.cells if c.state == "missing")

    @property
    def stale(self) -> tuple[str, ...]:
        return tuple(c.language for c in self.cells if c.state == "stale")


def _cell(item: Item, language: str, by_language: dict[str, Translation]) -> TranslationCell:
    translation = by_language.get(language)
    if translation is None:
        return TranslationCell(language, "missing", None)
    if language == item.source_language:
        return TranslationCell(language, "source", translation)
    source = by_language.get(item.source_language)
    stale = source is not None and translation.source_revision < source.revision
    return TranslationCell(language, "stale" if stale else "current", translation)


def translation_status(
    *, user: Any, only_incomplete: bool = False, state: str = ""
) -> list[TranslationStatusRow]:
    """Per item and configured language: the source, up to date, older than the source, or
    missing. Two queries whatever the number of items."""
    items = _with_titles(items_for_user(user)).exclude(state="archived").order_by("-pk")
    if state:
        items = items.filter(state=state)
    rows = []
    for item in items:
        by_language = {t.language: t for t in item.translations.all()}
        cells = tuple(_cell(item, lang, by_language) for lang in content_languages())
        row = TranslationStatusRow(item, cells)
        if not only_incomplete or row.missing or row.stale:
            rows.append(row)
    return rows


def revisions_of(*, translation: Translation) -> QuerySet[Revision]:
    return translation.revisions.select_related("created_by").order_by("-number")


def _diff(old: str, new: str) -> SafeString:
    """Word-level diff: removed words in <del>, added words in <ins>, everything escaped."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape(" ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return mark_safe(" ".join(out))  # noqa: S308 - every piece is escaped


@dataclass(frozen=True)
class RevisionDiff:
    old: Revision
    new: Revision
    title: SafeString
    summary: SafeString
    body: SafeString


def revision_diff(*, translation: Translation, old: int, new: int) -> RevisionDiff:
    revisions = {r.number: r for r in translation.revisions.filter(number__in=(old, new))}
    if old not in revisions or new not in revisions:
        raise NotFound("Không tìm thấy phiên bản.")
    a, b = revisions[old], revisions[new]
    return RevisionDiff(
        a,
        b,
        _diff(a.title, b.title),
        _diff(a.summary, b.summary),
        _diff(plain_text(a.body), plain_text(b.body)),
    )
