"""Search behind one interface: the same answers on SQLite FTS5 and PostgreSQL full-text (the
suite runs on both): accent-insensitive, every word required, prefixes, never outside `among`."""

from __future__ import annotations

import pytest
from django.db import connection
from django.utils.safestring import SafeString

from tests.factories import library_item
from tests.library.conftest import published
from ttdn.library import services
from ttdn.library.html import highlight, snippet
from ttdn.library.models import ItemState, Translation
from ttdn.library.search import (
    PostgresFullTextBackend,
    SqliteFts5Backend,
    query_terms,
    search,
    search_backend,
)
from ttdn.library.visibility import public_translations
from ttdn.units.models import Role


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


def test_a_word_no_translation_has_finds_nothing_whatever_the_other_words(world) -> None:  # type: ignore[no-untyped-def]
    published(world.foreign_affairs, "Quảng Bình đón khách")

    assert search("quang xyzxyz", public_translations()) == []
    assert search("xyzxyz quang", public_translations()) == []
    assert titles(search("quang", public_translations())) == ["Quảng Bình đón khách"]


def test_a_very_common_single_word_lists_the_newest_matches_first(world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ttdn.library import search as search_module

    unit = world.foreign_affairs
    older = published(unit, "Biển biển biển đảo")
    newer = published(unit, "Tin về biển")
    assert [t.item_id for t in search("bien", public_translations())] == [older.pk, newer.pk]

    monkeypatch.setattr(search_module, "RANK_LIMIT", 1)
    assert [t.item_id for t in search("bien", public_translations())] == [newer.pk, older.pk]
    assert [t.item_id for t in search("bi", public_translations())] == [newer.pk, older.pk]


def test_an_unfinished_word_starting_many_words_finds_the_same_items(world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    unit = world.foreign_affairs
    published(unit, "Cồn Cỏ đón khách", body="<p>Công tác đối ngoại của Cục Cửa khẩu</p>")
    published(unit, "Cô gái Lào học tiếng Việt")
    published(unit, "Con đường du lịch")
    expected = ["Con đường du lịch", "Cô gái Lào học tiếng Việt", "Cồn Cỏ đón khách"]
    assert titles(search("co", public_translations())) == expected

    # Past EXPANSION_LIMIT lexemes, PostgreSQL falls back to GIN's prefix match: same answer.
    monkeypatch.setattr(PostgresFullTextBackend, "EXPANSION_LIMIT", 1)
    assert titles(search("co", public_translations())) == expected
    assert titles(search("don co", public_translations())) == ["Cồn Cỏ đón khách"]


def test_restricted_items_are_never_shown_though_the_lexicon_holds_their_words(world) -> None:  # type: ignore[no-untyped-def]
    unit = world.foreign_affairs
    shown = published(unit, "Hội nghị Savannakhet")
    published(unit, "Hội nghị Savanna kín", security_level="restricted")
    library_item(unit=unit, title="Bản nháp Savannaket", state=ItemState.DRAFT)

    assert [t.item_id for t in search("savanna", public_translations())] == [shown.pk]
    assert [t.item_id for t in search("hoi nghi savann", public_translations())] == [shown.pk]
    assert search("kin", public_translations()) == []
    assert search("savannaket", public_translations()) == []


# The lexicon of the PostgreSQL backend (`library_search_term`, migration 0003).


def lexicon() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT term, documents FROM library_search_term")
        return dict(cursor.fetchall())


def recounted() -> dict[str, int]:
    """What the lexicon must hold: every lexeme of every translation, counted from scratch."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, count(*) FROM library_translation, "
            "unnest(tsvector_to_array(search_tsv)) AS word GROUP BY word"
        )
        return dict(cursor.fetchall())


def postgres_or_skip() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("Bảng từ vựng library_search_term chỉ có trên PostgreSQL")


def test_the_lexicon_counts_stay_right_through_edits_workflow_and_deletes(world) -> None:  # type: ignore[no-untyped-def]
    postgres_or_skip()
    officer, editor = world.users[Role.UNIT_OFFICER], world.users[Role.CONTENT_EDITOR]
    item = services.item_create(actor=officer, kind="news", title="Quảng Bình đón khách")
    other = published(world.foreign_affairs, "Khách Lào tới Quảng Trị")
    assert lexicon() == recounted()
    assert (lexicon()["quang"], lexicon()["khach"], lexicon()["binh"]) == (2, 2, 1)

    # An edit replaces the words of the old text by those of the new one.
    services.translation_save(actor=officer, item=item, language="vi", title="Đồng Hới đón khách")
    assert lexicon() == recounted()
    assert ("binh" not in lexicon(), lexicon()["hoi"], lexicon()["quang"]) == (True, 1, 1)
    # So does a change of the item's places (reindexed into every translation).
    services.item_update(actor=officer, item=item, changes={"places": "Lệ Thủy"})
    assert lexicon()["thuy"] == 1
    # A second language adds its words; the workflow itself changes no text and no count.
    services.translation_save(actor=officer, item=item, language="en", title="Dong Hoi welcome")
    assert (lexicon()["dong"], lexicon()["welcome"]) == (2, 1)
    services.item_submit(actor=officer, item=item)
    services.item_approve(actor=editor, item=item)
    services.item_publish(actor=editor, item=item)
    services.item_archive(actor=editor, item=item)
    assert lexicon() == recounted()
    assert lexicon()["khach"] == 2

    # Deleting an item deletes its translations (a cascade): their words go with them.
    item.delete()
    assert lexicon() == recounted()
    assert ("hoi" in lexicon(), "welcome" in lexicon(), lexicon()["khach"]) == (False, False, 1)
    other.translations.all().update(title="x")  # an update that leaves the text as it was
    assert lexicon() == recounted() == {"khach": 1, "lao": 1, "toi": 1, "quang": 1, "tri": 1}


def test_the_lexicon_follows_bulk_writes_and_truncation(world) -> None:  # type: ignore[no-untyped-def]
    postgres_or_skip()
    item = published(world.foreign_affairs, "Cửa Tùng")
    Translation.objects.bulk_create(
        [
            Translation(item=item, language=lang, title="t", search_document="Cửa Việt")
            for lang in ("en", "fr")
        ]
    )
    assert lexicon() == recounted() == {"cua": 3, "tung": 1, "viet": 2}

    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred foreign-key checks left
        cursor.execute("TRUNCATE library_translation CASCADE")  # what a test database flush does
    assert lexicon() == {}


def test_newest_first_holds_however_the_matches_are_fetched(world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ttdn.library import search as search_module

    unit = world.foreign_affairs
    items = [published(unit, f"Biển đảo quê hương, tin số {n}") for n in range(8)]
    published(unit, "Tin khác về đất liền")
    newest_first = [item.pk for item in reversed(items)]
    monkeypatch.setattr(search_module, "RANK_LIMIT", 1)

    assert [t.item_id for t in search("bien dao", public_translations())] == newest_first
    # PostgreSQL: only 2 newest matches come with the answer "too common"; the rest is fetched.
    monkeypatch.setattr(PostgresFullTextBackend, "PREFETCH", 2)
    assert [t.item_id for t in search("bien dao", public_translations())] == newest_first
    assert [t.item_id for t in search("bien dao", public_translations(), limit=3)] == newest_first[
        :3
    ]


def test_words_stored_with_punctuation_never_break_a_search(world) -> None:  # type: ignore[no-untyped-def]
    # PostgreSQL keeps a URL, a host:port or an e-mail address as one lexeme; the expanded
    # query quotes each lexeme, so none of them is read as query syntax.
    shown = published(
        world.foreign_affairs,
        "Cổng thông tin",
        body="<p>Xem hanoi.example.com:8080/a(b)?x=1&amp;y='2' hoặc gửi thư tới a@hanoi.vn</p>",
    )

    for q in ("han", "xem han", "hanoi", "gui thu han"):
        assert [t.item_id for t in search(q, public_translations())] == [shown.pk], q
