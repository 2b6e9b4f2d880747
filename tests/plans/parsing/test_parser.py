"""The parser on plans we write ourselves, in the layouts provinces use, and on arbitrary text."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ttdn.plans.parsing import PlanParseError, parse_text
from ttdn.plans.parsing.mentions import (
    Expander,
    leading_subject,
    split_assignment,
    split_units,
    support_mentions,
)

STATE_PLAN = """\
UBND TỈNH QUẢNG TRỊ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 45/KH-UBND

Quảng Trị, ngày 10 tháng 01 năm 2026

KẾ HOẠCH
Thông tin đối ngoại tỉnh Quảng Trị năm 2026

Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động thông tin đối ngoại;

Thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị;

Ủy ban nhân dân tỉnh ban hành Kế hoạch thông tin đối ngoại năm 2026 như sau:

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích

- Nâng cao hiệu quả quảng bá hình ảnh tỉnh Quảng Trị ra nước ngoài.

II. NHIỆM VỤ CỤ THỂ

1. Biên soạn sổ tay giới thiệu tiềm năng đầu tư bằng tiếng Anh và tiếng Lào

- Đơn vị chủ trì: Sở Ngoại vụ.
- Đơn vị phối hợp: Sở Tài chính, Sở Văn hóa, Thể thao và Du lịch và các đơn vị liên quan.
- Thời gian thực hiện: Quý II/2026.
- Kinh phí: 50 triệu đồng.
- Sản phẩm: 02 cuốn sổ tay song ngữ.

2. Tuyên truyền về biên giới Việt Nam - Lào

a) Tổ chức 04 hội nghị tuyên truyền tại các xã biên giới.

b) Lắp đặt 02 cụm pa-nô tại cửa khẩu quốc tế.

3. Theo dõi dư luận báo chí nước ngoài

Thường xuyên theo dõi, tổng hợp thông tin báo chí nước ngoài viết về tỉnh, báo cáo định kỳ hằng quý.

III. TỔ CHỨC THỰC HIỆN

1. Sở Văn hóa, Thể thao và Du lịch

- Là cơ quan thường trực, hướng dẫn các đơn vị triển khai Kế hoạch.

- Chủ trì, phối hợp với Sở Ngoại vụ tổ chức hội nghị giao ban báo chí hằng tháng.

2. Công an tỉnh: Chủ trì bảo đảm an ninh thông tin trong hoạt động thông tin đối ngoại.

3. Các sở, ban, ngành, UBND các xã, phường

Báo cáo kết quả thực hiện về Sở Văn hóa, Thể thao và Du lịch trước ngày 20/11/2026.

Trên đây là Kế hoạch thông tin đối ngoại năm 2026 của tỉnh, yêu cầu các đơn vị triển khai thực hiện./.

Nơi nhận:
- Bộ Ngoại giao;
- Thường trực Tỉnh ủy;
- Lưu: VT, KGVX.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Lê Văn Minh
"""

PARTY_PLAN = """\
TỈNH ỦY QUẢNG TRỊ
BAN CHỈ ĐẠO CÔNG TÁC THÔNG TIN ĐỐI NGOẠI
*
Số 12-KH/BCĐ

ĐẢNG CỘNG SẢN VIỆT NAM
Quảng Trị, ngày 05 tháng 3 năm 2026

KẾ HOẠCH
công tác thông tin đối ngoại năm 2026

Thực hiện Hướng dẫn số 15-HD/BTGTW ngày 20-01-2026 của Ban Tuyên giáo Trung ương, Ban Chỉ đạo xây dựng kế hoạch như sau:

I- MỤC ĐÍCH, YÊU CẦU

- Thống nhất nhận thức về công tác thông tin đối ngoại.

II- NHIỆM VỤ

1- Tuyên truyền kỷ niệm các ngày lễ lớn của đất nước và của tỉnh

- Xây dựng chuyên mục trên báo và đài của tỉnh.

- Tổ chức cuộc thi ảnh về con người và cảnh sắc quê hương.

2- Báo Quảng Trị, Đài Phát thanh và Truyền hình tỉnh

- Mở chuyên trang tiếng Anh về du lịch của tỉnh.

III- TỔ CHỨC THỰC HIỆN

Các cơ quan, đơn vị gửi báo cáo kết quả về Ban Chỉ đạo trước ngày 30-10-2026.

Nơi nhận:
- Thường trực Tỉnh ủy,
- Lưu.

K/T TRƯỞNG BAN
PHÓ TRƯỞNG BAN

Hoàng Thị Lan
"""

TABLE_PLAN = """\
Số: 7/KH-UBND

Đông Hà, ngày 02 tháng 02 năm 2026

KẾ HOẠCH
Quảng bá hình ảnh thành phố năm 2026

Thực hiện Kế hoạch số 45/KH-UBND ngày 10/01/2026 của UBND tỉnh, UBND thành phố xây dựng Kế hoạch như sau:

I. NHIỆM VỤ

Các nhiệm vụ cụ thể tại Phụ lục kèm theo.

CHỦ TỊCH

PHỤ LỤC NHIỆM VỤ

STT\tNhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian\tKinh phí (đồng)\tKết quả
1\tSản xuất video quảng bá du lịch thành phố\tPhòng Văn hóa và Thông tin\tTrung tâm Văn hóa; các phường\tQuý III/2026\t120.000.000\t1. Video 5 phút; 2. Bản tiếng Anh
2\tHội nghị xúc tiến đầu tư\t\t\t\t\t
2.1\tChuẩn bị tài liệu hội nghị\tPhòng Tài chính - Kế hoạch\tVăn phòng HĐND và UBND\tTháng 5/2026\t1,5 tỷ đồng\tBộ tài liệu
\t\t\tthành phố; các phường, xã\t\t\t
"""


def test_state_plan_header_and_closing() -> None:
    plan = parse_text(STATE_PLAN)
    doc = plan.document
    assert (doc.number, doc.kind, doc.place, doc.date, doc.year) == (
        "45/KH-UBND",
        "Kế hoạch",
        "Quảng Trị",
        date(2026, 1, 10),
        2026,
    )
    assert doc.title == "Thông tin đối ngoại tỉnh Quảng Trị năm 2026"
    assert doc.issuer == "UBND tỉnh Quảng Trị"
    assert (doc.signer, doc.signer_title) == ("Lê Văn Minh", "Phó Chủ tịch")
    assert plan.recipients == ("Bộ Ngoại giao", "Thường trực Tỉnh ủy", "Lưu: VT, KGVX")
    assert [r.number for r in plan.references] == ["72/2015/NĐ-CP", "57-KL/TW"]
    assert plan.report_deadline == date(2026, 11, 20)


def test_state_plan_tasks() -> None:
    tasks = {t.ref: t for t in parse_text(STATE_PLAN).tasks}
    assert list(tasks) == [
        "II.1",
        "II.2.a",
        "II.2.b",
        "II.3",
        "III.1-1",
        "III.1-2",
        "III.2",
        "III.3",
    ]
    first = tasks["II.1"]
    assert first.lead == ("Sở Ngoại vụ",)
    assert first.support == (
        "Sở Tài chính",
        "Sở Văn hóa, Thể thao và Du lịch",
        "các đơn vị liên quan",
    )
    assert (first.timeline, first.due, first.budget_vnd) == (
        "Quý II/2026",
        date(2026, 6, 30),
        50_000_000,
    )
    assert first.outputs == ("02 cuốn sổ tay song ngữ",)
    assert tasks["II.2.a"].text.startswith("Tổ chức 04 hội nghị")
    watch = tasks["II.3"]
    assert watch.text.startswith("Thường xuyên theo dõi")
    assert (watch.timeline, watch.recurrence, watch.due) == (
        "Thường xuyên",
        "continuous",
        date(2026, 12, 31),
    )
    assert tasks["III.1-2"].lead == ("Sở Văn hóa, Thể thao và Du lịch",)
    assert tasks["III.1-2"].support == ("Sở Ngoại vụ",)
    assert tasks["III.2"].lead == ("Công an tỉnh",)
    assert tasks["III.2"].text.startswith("Chủ trì bảo đảm an ninh")
    assert tasks["III.3"].lead == ("Các sở, ban, ngành", "UBND các xã, phường")
    assert tasks["III.3"].due == date(2026, 11, 20)


def test_party_plan() -> None:
    plan = parse_text(PARTY_PLAN)
    assert plan.document.number == "12-KH/BCĐ"
    assert plan.document.year == 2026
    assert plan.document.signer == "Hoàng Thị Lan"
    assert plan.document.signer_title == "Phó Trưởng ban"
    assert [r.number for r in plan.references] == ["15-HD/BTGTW"]
    tasks = {t.ref: t for t in plan.tasks}
    assert list(tasks) == ["II.1-1", "II.1-2", "II.2-1", "III-1"]
    assert tasks["II.2-1"].lead == ("Báo Quảng Trị", "Đài Phát thanh và Truyền hình tỉnh")
    assert tasks["III-1"].lead == ("Các cơ quan, đơn vị",)
    assert plan.report_deadline == date(2026, 10, 30)


def test_appendix_table_with_sub_rows_and_page_break() -> None:
    plan = parse_text(TABLE_PLAN)
    assert plan.document.issuer == "UBND thành phố"  # no city named in the text
    tasks = {t.ref: t for t in plan.tasks}
    assert list(tasks) == ["PL.1", "PL.2.1"]
    video = tasks["PL.1"]
    assert video.lead == ("Phòng Văn hóa và Thông tin",)
    assert video.support == ("Trung tâm Văn hóa", "các phường")
    assert (video.due, video.budget_vnd) == (date(2026, 9, 30), 120_000_000)
    assert video.outputs == ("Video 5 phút", "Bản tiếng Anh")
    docs = tasks["PL.2.1"]
    assert docs.budget_vnd == 1_500_000_000
    assert docs.support == (
        "Văn phòng HĐND và UBND thành phố",
        "các phường, xã",
    )  # row split by a page break
    assert docs.due == date(2026, 5, 31)


TWO_ROW_HEADING = """\
Số: 12/KH-UBND

Hà Lam, ngày 10 tháng 01 năm 2026

KẾ HOẠCH
Thông tin đối ngoại năm 2026

I. NHIỆM VỤ

Các nhiệm vụ tại Phụ lục kèm theo.

PHỤ LỤC

STT\tNội dung nhiệm vụ\tĐơn vị thực hiện\t\tThời gian hoàn thành\t{budget}
\t\tChủ trì\tPhối hợp\t\t
1\tXuất bản sách ảnh về tỉnh\tSở Văn hóa, Thể thao và Du lịch\tSở Ngoại vụ\tQuý III/2026\t150
2\tĐón đoàn phóng viên nước ngoài\tSở Ngoại vụ\tCông an tỉnh\tTháng 9/2026\t1,5
3\tDựng cụm pa-nô ở cửa khẩu\tBộ Chỉ huy Bộ đội Biên phòng tỉnh\t\tQuý IV/2026\t2 tỷ đồng
"""


@pytest.mark.parametrize(
    ("budget", "amounts"),
    [
        ("Kinh phí (triệu đồng)", (150_000_000, 1_500_000, 2_000_000_000)),
        ("Kinh phí (nghìn đồng)", (150_000, 1_500, 2_000_000_000)),
        ("Kinh phí (triệu)", (150_000_000, 1_500_000, 2_000_000_000)),
        ("Kinh phí (đồng)", (150, 2, 2_000_000_000)),  # 1,5 đồng: whole đồng
    ],
)
def test_two_row_heading_and_a_budget_column_in_millions(budget: str, amounts: tuple) -> None:  # type: ignore[type-arg]
    """ "Đơn vị thực hiện" over "Chủ trì" | "Phối hợp", bare figures scaled by the heading (a
    figure with its own words is read as written); no signature before the appendix."""
    plan = parse_text(TWO_ROW_HEADING.format(budget=budget))
    assert [t.ref for t in plan.tasks] == ["PL.1", "PL.2", "PL.3"]
    assert [(t.lead, t.support) for t in plan.tasks] == [
        (("Sở Văn hóa, Thể thao và Du lịch",), ("Sở Ngoại vụ",)),
        (("Sở Ngoại vụ",), ("Công an tỉnh",)),
        (("Bộ Chỉ huy Bộ đội Biên phòng tỉnh",), ()),
    ]
    assert tuple(t.budget_vnd for t in plan.tasks) == amounts
    assert plan.tasks[0].due == date(2026, 9, 30)


def test_cover_letter_before_the_plan_is_skipped() -> None:
    letter = (
        "SỞ NGOẠI VỤ\n\nSố: 88/SNV-TTĐN\nV/v góp ý dự thảo Kế hoạch\n\nKính gửi: Các sở, ngành\n\n"
        "Sở Ngoại vụ gửi dự thảo Kế hoạch, đề nghị góp ý trước ngày 01/12/2025.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nTrần Văn Hải\n\n"
    )
    plan = parse_text(letter + STATE_PLAN)
    assert plan.document.number == "45/KH-UBND"
    assert plan.document.signer == "Lê Văn Minh"
    assert "88/SNV-TTĐN" not in [r.number for r in plan.references]
    assert len(plan.tasks) == 8


def test_opening_only_still_gives_document_and_references() -> None:
    opening = STATE_PLAN.split("I. MỤC ĐÍCH")[0]
    plan = parse_text(opening)
    assert plan.document.number == "45/KH-UBND"
    assert [r.number for r in plan.references] == ["72/2015/NĐ-CP", "57-KL/TW"]
    assert plan.tasks == ()
    assert any("Không tìm thấy nhiệm vụ" in w.message for w in plan.warnings)


@pytest.mark.parametrize(
    "text",
    [
        "Kính gửi: Sở Ngoại vụ\n\nĐề nghị quý cơ quan cử cán bộ dự họp vào ngày 5/12/2025.\n\nTrân trọng./.",
        "Du lịch Quảng Trị đón khách quốc tế\n\nSáng nay, đoàn khách Nhật Bản đã đến thăm thành cổ.",
    ],
)
def test_a_letter_or_an_article_is_refused(text: str) -> None:
    with pytest.raises(PlanParseError) as exc:
        parse_text(text)
    assert exc.value.code == "not_a_plan"
    assert "Không nhận ra kế hoạch" in exc.value.message


def test_empty_text_is_refused() -> None:
    with pytest.raises(PlanParseError) as exc:
        parse_text(" \n\n ")
    assert exc.value.code == "empty"


def test_json_round_trip() -> None:
    plan = parse_text(STATE_PLAN)
    data = plan.to_json()
    assert set(data) == {
        "source",
        "document",
        "references",
        "tasks",
        "report_deadline",
        "recipients",
        "_extra",
    }
    assert data["tasks"][0]["due"] == "2026-06-30"
    assert data["_extra"]["sections"][0]["ref"] == "I"
    again = type(plan).from_json(data)
    assert again.to_json() == data


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sở Tư pháp, Công an tỉnh và các đơn vị liên quan.",
            ["Sở Tư pháp", "Công an tỉnh", "các đơn vị liên quan"],
        ),
        (
            "Các sở, ban ngành; UBND các huyện, thị xã, thành phố",
            ["Các sở, ban ngành", "UBND các huyện, thị xã, thành phố"],
        ),
        ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
        (
            "Sở Thông tin và Truyền thông và các cơ quan, đơn vị liên quan",
            ["Sở Thông tin và Truyền thông", "các cơ quan, đơn vị liên quan"],
        ),
        (
            "Báo tỉnh, các Tạp chí: Cửa Việt, Văn nghệ",
            ["Báo tỉnh", "Tạp chí Cửa Việt", "Tạp chí Văn nghệ"],
        ),
        ("UBND huyện, thành phố", ["UBND huyện, thành phố"]),
        ("Mời Ban Tuyên giáo Tỉnh ủy; Công an tỉnh", ["Ban Tuyên giáo Tỉnh ủy", "Công an tỉnh"]),
    ],
)
def test_split_units(text: str, expected: list[str]) -> None:
    assert split_units(text) == expected


def test_subject_support_and_assignment() -> None:
    text = "Sở TTTT chủ trì, phối hợp với Sở Ngoại vụ và các cơ quan liên quan tổ chức hội nghị."
    assert leading_subject(text) == (["Sở TTTT"], False)
    assert support_mentions(text) == ["Sở Ngoại vụ", "các cơ quan liên quan"]
    assert leading_subject("Tổ chức hội nghị tập huấn cho cán bộ.") is None
    assert leading_subject("Ban hành văn bản hướng dẫn.") is None
    assert leading_subject("Đề nghị Ban Tuyên giáo Tỉnh ủy chỉ đạo báo chí.") == (
        ["Ban Tuyên giáo Tỉnh ủy"],
        True,
    )
    assert support_mentions("Tăng cường công tác phối hợp giữa các cơ quan.") == []
    assert split_assignment(
        "Phòng Văn hóa và Thông tin, phối hợp với Phòng Tài chính - Kế hoạch, UBND các xã."
    ) == (
        ["Phòng Văn hóa và Thông tin"],
        ["Phòng Tài chính - Kế hoạch", "UBND các xã"],
    )
    expander = Expander("Sở Thông tin và Truyền thông chủ trì.")
    assert expander.expand("Sở TTTT") == "Sở Thông tin và Truyền thông"
    assert expander.expand("Sở TT&TT") == "Sở Thông tin và Truyền thông"
    assert expander.expand("Sở NV") == "Sở NV"  # not spelled out in this plan: left as printed


_PIECES = st.sampled_from(
    [
        "KẾ HOẠCH\n", "I. NHIỆM VỤ\n", "II. TỔ CHỨC THỰC HIỆN\n", "1. ", "1.1. ", "a) ", "- ", "+ ",
        "Sở Ngoại vụ", " chủ trì, phối hợp với ", "các sở, ban, ngành", "Thời gian thực hiện: ",
        "Quý I/2026", "Thường xuyên", "Kinh phí: 1,5 tỷ đồng", "Nơi nhận:\n", "KT. CHỦ TỊCH\n",
        "STT\tNhiệm vụ\tĐơn vị chủ trì\tThời gian\n", "1\tViệc\tSở\tNăm 2026\n", "\t\t\n",
        "Số: 1/KH-UBND\n", "Huế, ngày 3 tháng 4 năm 2026\n", "**", "*", "#### ", "\n", "\n\n", ";", ":",
        "đ) ", "(1) ", "V/v ", "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015;\n", "./.", "…",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=60).map("".join))
def test_arbitrary_text_gives_a_plan_or_a_domain_error(text: str) -> None:
    try:
        plan = parse_text(text)
    except PlanParseError as exc:
        assert exc.message
        return
    data = plan.to_json()
    assert isinstance(data["tasks"], list)
    for task in data["tasks"]:
        assert task["text"] and len(task["text"]) <= 300


VARIANT_PLAN = """\
KẾ HOẠCH
Tuyên truyền đối ngoại năm 2027

A. MỤC ĐÍCH, YÊU CẦU

Bảo đảm thông tin kịp thời, chính xác.

B. NHIỆM VỤ

I. Thông tin cơ sở

1.1. Phát thanh chuyên mục đối ngoại trên loa truyền thanh các xã biên giới.

Cơ quan chủ trì thực hiện: Trung tâm Văn hóa - Thể thao
Thời gian hoàn thành: tháng 6/2027

II. Nhiệm vụ theo bảng

TT\tNội dung công việc\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện
1\tIn tờ gấp giới thiệu tỉnh\tSở Ngoại vụ\tBáo tỉnh\tQuý IV/2027
"""


def test_parts_fields_with_extra_words_and_body_table() -> None:
    tasks = {t.ref: t for t in parse_text(VARIANT_PLAN).tasks}
    assert list(tasks) == ["B.I.1.1", "B.II.1"]
    radio = tasks["B.I.1.1"]
    assert radio.lead == ("Trung tâm Văn hóa - Thể thao",)
    assert radio.due == date(2027, 6, 30)
    leaflet = tasks["B.II.1"]
    assert (leaflet.lead, leaflet.support, leaflet.due) == (
        ("Sở Ngoại vụ",),
        ("Báo tỉnh",),
        date(2027, 12, 31),
    )
