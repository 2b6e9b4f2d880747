"""Rich text is sanitised on every write: scripts, event handlers and javascript: links go."""

from __future__ import annotations

from ttdn.library.html import plain_text, sanitize


def test_scripts_handlers_and_javascript_links_are_removed() -> None:
    dirty = (
        '<p onclick="steal()">Xin chào <script>alert(1)</script><b>bạn</b></p>'
        '<img src=x onerror="alert(2)"><a href="javascript:alert(3)">bấm</a>'
        '<a href="https://quangtri.gov.vn">cổng</a><style>p{}</style><iframe src="//x"></iframe>'
    )

    assert sanitize(dirty) == (
        '<p>Xin chào <b>bạn</b></p><a rel="noopener noreferrer">bấm</a>'
        '<a href="https://quangtri.gov.vn" rel="noopener noreferrer">cổng</a>'
    )


def test_structure_is_kept() -> None:
    body = "<h2>Tiêu đề</h2><ul><li>Một</li></ul><table><tbody><tr><td>1</td></tr></tbody></table>"
    assert sanitize(body) == body


def test_plain_text_for_search_and_feeds() -> None:
    assert (
        plain_text("<p>Đồng&nbsp;Hới</p><p>Quảng&amp;Bình</p><br>hết") == "Đồng Hới Quảng&Bình hết"
    )
