"""Search behind one interface: the same answers on SQLite FTS5 and PostgreSQL full-text (the
suite runs on both): accent-insensitive, every word required, prefixes, never outside `among`."""

from __future__ import annotations

from django.db import connection
from django.utils.safestring import SafeString

from tests.library.conftest import published
from ttdn.library.html import highlight, snippet
from ttdn.library.models import Translation
from ttdn.library.search import (
    PostgresFullTextBackend,
    SqliteFts5Backend,
    query_terms,
    search,
    search_backend,
)
from ttdn.library.visibility import public_translations


def titles(found: list[Translation]) -> list[str]:
    return sorted(t.title for t in found)


def test_the_backend_matches_the_database() -> None:
    expected = PostgresFullTextBackend if connection.vendor == "postgresql" else SqliteFts5Backend
    assert isinstance(search_backend(), expected)


def test_query_terms_fold_accents_and_drop_punctuation() -> None:
    assert query_terms("Quảng Bình") == ("quang", "binh")
    assert query_terms("  QUẢNG-bình, Đông Hà!! ") == ("quang", "binh", "dong", "ha")
    assert query_terms('"; DROP TABLE x; --') == ("drop", "table", "x")
    assert query_terms("***") == ()


def test_accented_and_unaccented_queries_find_the_same_items(world) -> None:  # type: ignore[no-untyped-def]
    unit = world.foreign_affairs
    published(unit, "Quảng Bình mở đường bay mới", body="<p>Đồng Hới đón khách.</p>")
    published(unit, "Hội chợ ở Quảng Trị", body="<p>Doanh nghiệp <i>Quảng Bình</i> tham gia.</p>")
    published(unit, "Đường Hồ Chí Minh", body="<p>Không liên quan.</p>")
    among = public_translations()

    for q in ("quang binh", "Quảng Bình", "QUANG BÌNH"):
        assert titles(search(q, among)) == ["Hội chợ ở Quảng Trị", "Quảng Bình mở đường bay mới"]
    assert titles(search("dong hoi", among)) == ["Quảng Bình mở đường bay mới"]
    assert titles(search("đuong", among)) == ["Quảng Bình mở đường bay mới", "Đường Hồ Chí Minh"]
    assert titles(search("quang binh cho", among)) == ["Hội chợ ở Quảng Trị"]
    assert search("không có từ này", among) == []


def test_a_short_item_about_the_words_ranks_before_a_long_one_mentioning_them_once(world) -> None:  # type: ignore[no-untyped-def]
    unit = world.foreign_affairs
    published(unit, "Tin thường", body="<p>" + "chữ " * 200 + "cồn cỏ</p>")
    published(unit, "Đảo Cồn Cỏ đón khách")

    assert [t.title for t in search("con co", public_translations())] == [
        "Đảo Cồn Cỏ đón khách",
        "Tin thường",
    ]


def test_search_never_returns_what_among_excludes(world) -> None:  # type: ignore[no-untyped-def]
    unit = world.foreign_affairs
    shown = published(unit, "Lễ hội Quảng Bình công khai")
    published(unit, "Lễ hội Quảng Bình hạn chế", security_level="restricted")

    assert [t.item_id for t in search("le hoi", public_translations())] == [shown.pk]


def test_highlight_marks_words_whatever_their_accents_and_escapes_the_rest() -> None:
    terms = query_terms("quang binh")
    marked = highlight("Tỉnh Quảng Bình <b>& biển</b>", terms)

    assert isinstance(marked, SafeString)
    assert str(marked) == "Tỉnh <mark>Quảng</mark> <mark>Bình</mark> &lt;b&gt;&amp; biển&lt;/b&gt;"
    words = "một " * 30 + "Quảng Bình " + "hai " * 60
    assert str(snippet(words, terms, words=10)).startswith(
        "… một một <mark>Quảng</mark> <mark>Bình</mark> hai"
    )


def test_only_the_last_word_matches_as_a_prefix(world) -> None:  # type: ignore[no-untyped-def]
    published(world.foreign_affairs, "Quảng Bình đón khách")

    assert titles(search("quang bi", public_translations())) == ["Quảng Bình đón khách"]
    assert search("qua binh", public_translations()) == []


def test_a_very_common_query_lists_the_newest_matches_first(world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ttdn.library import search as search_module

    unit = world.foreign_affairs
    older = published(unit, "Du lịch du lịch du lịch biển")
    newer = published(unit, "Tin về du lịch")
    assert [t.item_id for t in search("du lich", public_translations())] == [older.pk, newer.pk]

    monkeypatch.setattr(search_module, "RANK_LIMIT", 1)
    assert [t.item_id for t in search("du lich", public_translations())] == [newer.pk, older.pk]
