"""read_document: bad files refused with a distinct code and a Vietnamese message; Word numbering,
tables and formatting; PDF reading order, running lines, hyphens; text encodings."""

from __future__ import annotations

import io
import random
import struct
import time
import unicodedata
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pytest
from docx.oxml import parse_xml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import shared_or_skip
from tests.plans.parsing.rendering import (
    DataTable,
    LayoutTable,
    PlanPdf,
    paragraph,
    render_docx,
    render_pdf,
)
from ttdn.plans.parsing import MAX_FILE_BYTES
from ttdn.plans.parsing.model import PlanParseError
from ttdn.plans.parsing.readers import read_document

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
PLAN = "### I. MỤC ĐÍCH\n\n- Tuyên truyền về tỉnh Hà Lam.\n\n**1. Sở Ngoại vụ** chủ trì.\n"


def refused(data: bytes, name: str) -> PlanParseError:
    with pytest.raises(PlanParseError) as caught:
        read_document(data, name)
    return caught.value


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


# --- Word XML builders ---------------------------------------------------------------------------


def r(text: str, *, b: bool = False, i: bool = False) -> str:
    props = ("<w:b/>" if b else "") + ("<w:i/>" if i else "")
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def p(*runs: str, num: int | None = None, ilvl: int | None = None, style: str = "",
      mark_bold: bool = False) -> str:  # fmt: skip
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        props += f'<w:numPr>{level}<w:numId w:val="{num}"/></w:numPr>'
    if mark_bold:
        props += "<w:rPr><w:b/></w:rPr>"
    body = "".join(x if x.startswith("<") else r(x) for x in runs)
    return f"<w:p><w:pPr>{props}</w:pPr>{body}</w:p>"


def lvl(ilvl: int, fmt: str, text: str, *, start: int = 1, restart: int | None = None,
        style: str = "") -> str:  # fmt: skip
    extra = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    extra += f'<w:pStyle w:val="{style}"/>' if style else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


def abstract(ab_id: int, *levels: str) -> str:
    return f'<w:abstractNum w:abstractNumId="{ab_id}">{"".join(levels)}</w:abstractNum>'


def num(num_id: int, ab_id: int, **starts: int) -> str:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{k[1:]}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
        for k, v in starts.items()
    )
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{ab_id}"/>{overrides}</w:num>'


def tc(*paras: str, span: int = 1, vmerge: str | None = None) -> str:
    props = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    if vmerge is not None:
        props += f'<w:vMerge w:val="{vmerge}"/>' if vmerge else "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(paras) or p()}</w:tc>"


def tbl(columns: int, *rows: list[str]) -> str:
    grid = "".join('<w:gridCol w:w="1000"/>' for _ in range(columns))
    body = "".join(f"<w:tr>{''.join(cells)}</w:tr>" for cells in rows)
    return f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"


def make_docx(body: str, *, numbering: str = "", styles: str = "", header: str = "") -> bytes:
    """A real .docx from python-docx's template with our body, numbering and styles XML."""
    document = docx.Document()
    body_el = document.element.body
    section = body_el[-1]
    for child in list(body_el)[:-1]:
        body_el.remove(child)
    for child in list(parse_xml(f"<w:body {W}>{body}</w:body>")):
        section.addprevious(child)
    root = document.part.numbering_part.element
    for child in list(root):  # a clean slate: only the lists the test defines
        root.remove(child)
    for child in list(parse_xml(f"<w:numbering {W}>{numbering}</w:numbering>")):
        root.append(child)
    if styles:
        for child in list(parse_xml(f"<w:styles {W}>{styles}</w:styles>")):
            document.styles.element.append(child)
    if header:
        document.sections[0].header.paragraphs[0].text = header
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes(doc: PlanPdf) -> bytes:
    return bytes(doc.pdf.output())


# --- Refused files -------------------------------------------------------------------------------

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def test_empty_file_is_refused() -> None:
    error = refused(b"", "ke-hoach.docx")
    assert error.code == "empty"
    assert error.message.startswith("Tệp ke-hoach.docx rỗng (0 byte)")


def test_file_above_the_size_cap_is_refused_with_the_limit() -> None:
    error = refused(b"x" * (MAX_FILE_BYTES + 1), "lon.txt")
    assert error.code == "too_large"
    assert "giới hạn là 20 MB" in error.message


@pytest.mark.parametrize("name", ["ke-hoach.docx", "ke-hoach.pdf"])
def test_random_bytes_named_docx_or_pdf_are_damaged(name: str) -> None:
    data = random.Random(7).randbytes(5000)
    error = refused(data, name)
    assert error.code == "damaged"
    assert f"không phải tệp {Path(name).suffix} thật" in error.message


def test_truncated_docx_is_damaged() -> None:
    data = render_docx(PLAN)
    error = refused(data[: len(data) // 2], "cat.docx")
    assert error.code == "damaged"
    assert "không trọn vẹn" in error.message


def test_truncated_pdf_is_damaged() -> None:
    data = render_pdf(PLAN)
    error = refused(data[: len(data) // 2], "cat.pdf")
    assert error.code == "damaged"
    assert "không trọn vẹn" in error.message


def test_password_protected_office_file_asks_to_remove_the_password() -> None:
    data = OLE + "EncryptionInfo".encode("utf-16-le") + bytes(64)
    error = refused(data, "mat.docx")
    assert error.code == "encrypted"
    assert "gỡ mật khẩu" in error.message


def test_legacy_doc_asks_to_save_as_docx() -> None:
    data = OLE + "WordDocument".encode("utf-16-le") + bytes(64)
    error = refused(data, "cu.doc")
    assert error.code == "legacy_doc"
    assert "Lưu thành .docx" in error.message


def test_password_protected_pdf_is_refused() -> None:
    doc = PlanPdf()
    doc.paragraph(paragraph("Kế hoạch có mật khẩu."))
    doc.pdf.set_encryption(owner_password="chu", user_password="khach")
    error = refused(pdf_bytes(doc), "mat.pdf")
    assert error.code == "encrypted"
    assert "mật khẩu" in error.message


def test_scanned_pdf_without_text_layer_is_refused() -> None:
    doc = PlanPdf(running_header="", footer="")
    doc.pdf.rect(30, 30, 150, 200, style="F")  # a page image, no characters
    error = refused(pdf_bytes(doc), "scan.pdf")
    assert error.code == "scan"
    assert "không có lớp chữ" in error.message
    assert "OCR" in error.message


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_zip_bomb_whose_directory_claims_a_huge_member_is_refused() -> None:
    data = bytearray(_zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"}))
    directory = data.rfind(b"PK\x01\x02")  # the last central directory record
    data[directory + 24 : directory + 28] = struct.pack("<I", 0xFFFFFFF0)
    error = refused(bytes(data), "bom.docx")
    assert error.code == "zip_bomb"
    assert "giới hạn 100 MB" in error.message


def test_zip_bomb_with_a_wildly_compressed_member_is_refused() -> None:
    data = _zip({"word/document.xml": bytes(8 * 1024 * 1024)})
    assert len(data) < 100_000
    assert refused(data, "bom.docx").code == "zip_bomb"


def test_docx_with_absurdly_many_entries_is_refused() -> None:
    data = _zip({f"word/media/{n}.xml": b"" for n in range(2500)} | {"word/document.xml": b""})
    assert refused(data, "nhieu.docx").code == "zip_bomb"


def test_zip_that_is_not_a_docx_is_unsupported() -> None:
    error = refused(_zip({"xl/workbook.xml": b"<workbook/>"}), "bang.docx")
    assert error.code == "unsupported"
    assert "bảng tính Excel" in error.message


def test_image_named_txt_is_unsupported() -> None:
    error = refused(b"\x89PNG\r\n\x1a\n" + bytes(100), "anh.txt")
    assert error.code == "unsupported"
    assert "ảnh PNG" in error.message


def test_byte_soup_text_is_refused_naming_the_encoding() -> None:
    soup = bytes(b for b in random.Random(3).randbytes(3000) if b >= 0x20)
    error = refused(soup, "la.txt")
    assert error.code == "encoding"
    assert "bảng mã" in error.message
    assert any(name in error.message for name in ("TCVN3", "VNI", "Windows-1258"))


# --- Text files ----------------------------------------------------------------------------------

TEXT = "KẾ HOẠCH\n\n- Sở Ngoại vụ chủ trì; thời gian: Quý II/2025.\n"


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xfe" + TEXT.encode("utf-16-le"),
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),
        TEXT.encode("utf-16-be"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "utf8-bom", "crlf"],
)
def test_unicode_text_files_are_read_in_any_form(data: bytes) -> None:
    assert read_document(data, "ke-hoach.md") == TEXT


def test_text_output_is_nfc_without_control_characters() -> None:
    data = unicodedata.normalize("NFD", "Kế hoạch\x07 số\x00 12\ttrang\u2028mới").encode("utf-8")
    assert read_document(data, "a.txt") == "Kế hoạch số 12\ttrang\nmới"


def test_tcvn3_text_is_converted_to_unicode() -> None:
    tcvn3 = b"K\xd5 ho\xb9ch th\xabng tin \xae\xe8i ngo\xb9i n\xa8m 2025"
    assert read_document(tcvn3, "cu.txt") == "Kế hoạch thông tin đối ngoại năm 2025"


def test_largest_sample_reads_fast_as_text() -> None:
    data = shared_or_skip("samples", "plans", "002_8437af1b69e885c0.txt").read_bytes()
    started = time.perf_counter()
    text = read_document(data, "002.txt")
    assert time.perf_counter() - started < 0.1
    assert text == data.decode("utf-8")


# --- .docx: numbering ----------------------------------------------------------------------------


def test_numbering_restarts_with_a_start_override_and_continues_across_nums() -> None:
    numbering = abstract(1, lvl(0, "decimal", "%1.")) + num(1, 1) + num(2, 1, l0=1) + num(3, 1)
    body = "".join(
        [p("Một", num=1, ilvl=0), p("Hai", num=1, ilvl=0), p("Lại một", num=2, ilvl=0),
         p("Tiếp", num=2, ilvl=0), p("Nối tiếp", num=3, ilvl=0)]
    )  # fmt: skip
    text = read_document(make_docx(body, numbering=numbering), "a.docx")
    assert paragraphs(text) == ["1. Một", "2. Hai", "1. Lại một", "2. Tiếp", "3. Nối tiếp"]


def test_nested_levels_restart_deeper_counters() -> None:
    numbering = abstract(
        1,
        lvl(0, "upperRoman", "%1."),
        lvl(1, "decimal", "%2."),
        lvl(2, "lowerLetter", "%3)"),
        lvl(3, "bullet", "\uf0b7"),
        lvl(4, "bullet", "o"),
    ) + num(5, 1)
    items = [(0, "MỤC ĐÍCH"), (1, "Mục đích"), (2, "Tuyên truyền"), (2, "Quảng bá"),
             (3, "Báo in"), (4, "Báo điện tử"), (1, "Yêu cầu"), (2, "Bám sát"), (0, "NHIỆM VỤ"),
             (1, "Thông tin")]  # fmt: skip
    body = "".join(p(text, num=5, ilvl=level) for level, text in items)
    text = read_document(make_docx(body, numbering=numbering), "a.docx")
    assert paragraphs(text) == [
        "I. MỤC ĐÍCH", "1. Mục đích", "a) Tuyên truyền", "b) Quảng bá", "- Báo in",
        "+ Báo điện tử", "2. Yêu cầu", "a) Bám sát", "II. NHIỆM VỤ", "1. Thông tin",
    ]  # fmt: skip


def test_multilevel_label_prints_every_level() -> None:
    numbering = abstract(1, lvl(0, "decimal", "%1."), lvl(1, "decimal", "%1.%2.")) + num(4, 1)
    body = "".join(
        p(text, num=4, ilvl=level)
        for level, text in [(0, "A"), (1, "B"), (1, "C"), (0, "D"), (1, "E")]
    )
    text = read_document(make_docx(body, numbering=numbering), "a.docx")
    assert paragraphs(text) == ["1. A", "1.1. B", "1.2. C", "2. D", "2.1. E"]


def test_level_that_never_restarts_keeps_counting() -> None:
    numbering = abstract(1, lvl(0, "decimal", "%1."), lvl(1, "lowerLetter", "%2)", restart=0))
    body = "".join(p(t, num=6, ilvl=k) for k, t in [(0, "A"), (1, "B"), (0, "C"), (1, "D")])
    text = read_document(make_docx(body, numbering=numbering + num(6, 1)), "a.docx")
    assert paragraphs(text) == ["1. A", "a) B", "2. C", "b) D"]


def test_numbering_inherited_from_the_paragraph_style() -> None:
    numbering = abstract(1, lvl(0, "upperRoman", "%1.", style="Muc"),
                         lvl(1, "lowerLetter", "%2)", style="Tieumuc")) + num(7, 1)  # fmt: skip
    styles = (
        '<w:style w:type="paragraph" w:styleId="Muc"><w:name w:val="Muc"/>'
        '<w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Tieumuc"><w:name w:val="Tieumuc"/>'
        '<w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>'
    )
    body = (
        p("MỤC ĐÍCH", style="Muc") + p("Tuyên truyền", style="Tieumuc")
        + p("NHIỆM VỤ", style="Muc") + p("Không đánh số", style="Muc", num=0)
    )  # fmt: skip
    text = read_document(make_docx(body, numbering=numbering, styles=styles), "a.docx")
    assert paragraphs(text) == [
        "**I. MỤC ĐÍCH**", "a) Tuyên truyền", "**II. NHIỆM VỤ**", "**Không đánh số**"
    ]  # fmt: skip


def test_roman_and_letter_formats_and_start_values() -> None:
    numbering = (
        abstract(1, lvl(0, "lowerRoman", "(%1)", start=3)) + num(1, 1)
        + abstract(2, lvl(0, "upperLetter", "%1.", start=26)) + num(2, 2)
        + abstract(3, lvl(0, "decimalZero", "%1.")) + num(3, 3)
    )  # fmt: skip
    body = p("x", num=1, ilvl=0) + p("y", num=1, ilvl=0) + p("z", num=2, ilvl=0)
    body += p("t", num=2, ilvl=0) + p("u", num=3, ilvl=0)
    text = read_document(make_docx(body, numbering=numbering), "a.docx")
    assert paragraphs(text) == ["(iii) x", "(iv) y", "Z. z", "AA. t", "01. u"]


def test_label_takes_the_paragraph_mark_formatting() -> None:
    numbering = abstract(1, lvl(0, "decimal", "%1.")) + num(1, 1)
    body = p(r("Yêu cầu:", b=True), " Bám sát định hướng.", num=1, ilvl=0, mark_bold=True)
    text = read_document(make_docx(body, numbering=numbering), "a.docx")
    assert text == "**1. Yêu cầu:** Bám sát định hướng."


# --- .docx: runs, order, tables ------------------------------------------------------------------


def test_bold_and_italic_runs_become_hints_with_spaces_outside() -> None:
    body = p(
        r("Kế ", b=True), r("hoạch", b=True), r(" số 12 ", b=False), r("(sau đây ", i=True),
        r("gọi tắt)", i=True), " và ", r("rất gấp ", b=True, i=True), "nhé",
    )  # fmt: skip
    text = read_document(make_docx(body), "a.docx")
    assert text == "**Kế hoạch** số 12 *(sau đây gọi tắt)* và ***rất gấp*** nhé"


def test_line_breaks_hidden_and_deleted_text() -> None:
    body = (
        "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>KT. CHỦ TỊCH</w:t><w:br/>"
        "<w:t>PHÓ CHỦ TỊCH</w:t></w:r>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r>"
        "<w:del><w:r><w:delText>đã xóa</w:delText></w:r></w:del></w:p>"
        '<w:p><w:hyperlink><w:r><w:t xml:space="preserve">Cổng </w:t></w:r></w:hyperlink>'
        "<w:ins><w:r><w:t>thông tin</w:t></w:r></w:ins></w:p>"
    )
    text = read_document(make_docx(body), "a.docx")
    assert paragraphs(text) == ["**KT. CHỦ TỊCH**\n**PHÓ CHỦ TỊCH**", "Cổng thông tin"]


def test_body_order_is_kept_and_page_header_is_not_body() -> None:
    body = (
        p("Trước bảng")
        + tbl(3, [tc(p("STT")), tc(p("Nhiệm vụ")), tc(p("Thời gian"))])
        + p("Sau bảng")
    )
    text = read_document(make_docx(body, header="Đầu trang lặp lại"), "a.docx")
    assert paragraphs(text) == ["Trước bảng", "STT\tNhiệm vụ\tThời gian", "Sau bảng"]


def test_data_table_with_merged_cells_and_paragraphs_in_cells() -> None:
    numbering = abstract(1, lvl(0, "decimal", "%1.")) + num(1, 1)
    body = tbl(
        4,
        [tc(p("STT")), tc(p("Nhiệm vụ")), tc(p("Chủ trì")), tc(p("Kết quả"))],
        [tc(p("1"), vmerge="restart"), tc(p("Tuyên truyền"), span=2),
         tc(p("Bài viết", num=1, ilvl=0), p("Phóng sự", num=1, ilvl=0))],
        [tc(vmerge=""), tc(p(r("Quảng bá", i=True))), tc(p("Sở Ngoại vụ")), tc(p("Ảnh"))],
    )  # fmt: skip
    text = read_document(make_docx(body, numbering=numbering), "a.docx")
    assert text.split("\n") == [
        "STT\tNhiệm vụ\tChủ trì\tKết quả",
        "1\tTuyên truyền\t\t<p>1. Bài viết</p> <p>2. Phóng sự</p>",
        "\t<i>Quảng bá</i>\tSở Ngoại vụ\tẢnh",
    ]


def test_layout_tables_are_flattened_cell_by_cell() -> None:
    header = tbl(
        2,
        [tc(p("ỦY BAN NHÂN DÂN"), p(r("TỈNH HÀ LAM", b=True))),
         tc(p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), p("Độc lập – Tự do – Hạnh phúc"))],
        [tc(p("Số: 58/KH-UBND")), tc(p(r("Hà Lam, ngày 14 tháng 01 năm 2025", i=True)))],
    )  # fmt: skip
    signature = tbl(
        2, [tc(p(r("Nơi nhận:", b=True, i=True)), p("- Sở Ngoại vụ;")), tc(p("KT. CHỦ TỊCH"))]
    )
    text = read_document(make_docx(header + p("KẾ HOẠCH") + signature), "a.docx")
    assert paragraphs(text) == [
        "ỦY BAN NHÂN DÂN", "**TỈNH HÀ LAM**", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập – Tự do – Hạnh phúc", "Số: 58/KH-UBND", "*Hà Lam, ngày 14 tháng 01 năm 2025*",
        "KẾ HOẠCH", "***Nơi nhận:***", "- Sở Ngoại vụ;", "KT. CHỦ TỊCH",
    ]  # fmt: skip


def test_heading_styles_become_hash_marks() -> None:
    data = render_docx("# KẾ HOẠCH\n\n### II. NHIỆM VỤ\n\n#### **1. Sở Ngoại vụ**\n")
    assert paragraphs(read_document(data, "a.docx")) == [
        "# KẾ HOẠCH", "### II. NHIỆM VỤ", "#### **1. Sở Ngoại vụ**"
    ]  # fmt: skip


# --- .pdf -------------------------------------------------------------------------------------------

BODY = (
    "Các cơ quan, đơn vị chủ động cung cấp thông tin cho báo chí về các hoạt động đối ngoại của "
    "tỉnh, cập nhật thường xuyên trên cổng thông tin điện tử và các trang mạng xã hội chính thức."
)


@pytest.mark.parametrize("footer", ["- {n} -", "Trang {n}", "{n}/3", "{n}"])
def test_pdf_running_header_and_page_numbers_are_removed(footer: str) -> None:
    doc = PlanPdf(running_header="Kế hoạch thông tin đối ngoại năm 2025", footer=footer)
    for n in range(1, 36):
        doc.paragraph(paragraph(f"{n}. {BODY}"))
    assert doc.pdf.page_no() == 3
    text = read_document(pdf_bytes(doc), "a.pdf")
    assert paragraphs(text) == [f"{n}. {BODY}" for n in range(1, 36)]


def test_pdf_hyphenated_line_ends_are_mended() -> None:
    doc = PlanPdf(running_header="")
    doc.lines([
        "Tiếp tục quán triệt, triển khai thực hiện Kết luận số 57-",
        "KL/TW ngày 15/6/2023 của Bộ Chính trị; mở rộng hợp tác tele-",
        "communication và truyền thông với các đối tác quốc tế - khu vực,",
        "- Các cơ quan báo chí của tỉnh tham gia.",
    ])  # fmt: skip
    text = read_document(pdf_bytes(doc), "a.pdf")
    assert paragraphs(text) == [
        "Tiếp tục quán triệt, triển khai thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ "
        "Chính trị; mở rộng hợp tác telecommunication và truyền thông với các đối tác quốc tế - "
        "khu vực, - Các cơ quan báo chí của tỉnh tham gia."
    ]


def test_pdf_paragraph_breaks_at_labels_short_lines_and_gaps() -> None:
    doc = PlanPdf(running_header="")
    for line in ["I. NHIỆM VỤ", f"1. {BODY}", "a) Tuyên truyền", f"- {BODY}", "+ Báo in"]:
        doc.paragraph(paragraph(line), after=0)
    text = read_document(pdf_bytes(doc), "a.pdf")
    assert paragraphs(text) == ["I. NHIỆM VỤ", f"1. {BODY}", "a) Tuyên truyền", f"- {BODY}",
                                "+ Báo in"]  # fmt: skip


def test_pdf_two_column_header_is_read_column_by_column() -> None:
    header = LayoutTable(
        [
            [[paragraph("ỦY BAN NHÂN DÂN"), paragraph("**TỈNH HÀ LAM**")],
             [paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
              paragraph("Độc lập – Tự do – Hạnh phúc")]],
            [[paragraph("Số: 58/KH-UBND")], [paragraph("*Hà Lam, ngày 14 tháng 01 năm 2025*")]],
        ]
    )  # fmt: skip
    header.rows[1][0][0].space_before = header.rows[1][1][0].space_before = True
    doc = PlanPdf(running_header="")
    doc.layout(header)
    doc.paragraph(paragraph("**KẾ HOẠCH**"))
    text = read_document(pdf_bytes(doc), "a.pdf")
    assert paragraphs(text) == [
        "ỦY BAN NHÂN DÂN", "**TỈNH HÀ LAM**", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập – Tự do – Hạnh phúc", "Số: 58/KH-UBND", "*Hà Lam, ngày 14 tháng 01 năm 2025*",
        "**KẾ HOẠCH**",
    ]  # fmt: skip


def test_pdf_bold_and_italic_come_from_font_names() -> None:
    doc = PlanPdf(running_header="")
    doc.paragraph(paragraph("**2. Yêu cầu:** bám sát (*sau đây gọi là Kế hoạch*) và ***gấp***."))
    text = read_document(pdf_bytes(doc), "a.pdf")
    assert text == "**2. Yêu cầu:** bám sát (*sau đây gọi là Kế hoạch*) và ***gấp***."


def test_pdf_table_rows_are_tab_separated_and_not_repeated_as_text() -> None:
    rows = [
        ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian"],
        ["1", "Biên soạn bộ ảnh giới thiệu làng nghề truyền thống của tỉnh", "Sở Văn hóa",
         "Quý II/2025"],
        ["2", "<i>Đón đoàn phóng viên nước ngoài</i>", "Sở Ngoại vụ", "Tháng 9/2025"],
    ]  # fmt: skip
    doc = PlanPdf(running_header="")
    doc.paragraph(paragraph("PHỤ LỤC"))
    doc.table(DataTable(rows))
    doc.paragraph(paragraph("Hết phụ lục."))
    text = read_document(pdf_bytes(doc), "a.pdf")
    assert paragraphs(text) == ["PHỤ LỤC", "\n".join("\t".join(r) for r in rows), "Hết phụ lục."]


def test_docx_row_starting_late_keeps_places_and_row_ending_early_just_ends() -> None:
    late = '<w:trPr><w:gridBefore w:val="1"/></w:trPr>'
    early = '<w:trPr><w:gridAfter w:val="2"/></w:trPr>'
    body = tbl(
        4,
        [tc(p("STT")), tc(p("Nhiệm vụ")), tc(p("Thời gian")), tc(p("Kết quả"))],
        [late + tc(p("Tiếp nội dung")) + tc(p("Quý I")) + tc(p("Báo cáo"))],
        [early + tc(p("2")) + tc(p("Nhiệm vụ ngắn"))],
    )
    text = read_document(make_docx(body), "a.docx")
    assert text.split("\n") == [
        "STT\tNhiệm vụ\tThời gian\tKết quả",
        "\tTiếp nội dung\tQuý I\tBáo cáo",
        "2\tNhiệm vụ ngắn",
    ]


def test_pdf_merged_cell_leaves_empty_places_and_short_row_just_ends() -> None:
    doc = PlanPdf(running_header="")
    doc.pdf.set_y(30)
    doc.pdf.set_font("DV", "", 9)
    with doc.pdf.table(
        col_widths=(1, 3, 2, 2), text_align="LEFT", first_row_as_headings=False
    ) as t:
        for cells in [
            [("STT", 1), ("Nhiệm vụ", 1), ("Thời gian", 1), ("Kết quả", 1)],
            [("1", 1), ("Tuyên truyền trên báo in và báo điện tử", 2), ("Bài viết", 1)],
            [("2", 1), ("Đón đoàn phóng viên", 1)],
        ]:
            row = t.row()
            for text, span in cells:
                row.cell(text, colspan=span)
    text = read_document(pdf_bytes(doc), "a.pdf")
    assert text.split("\n") == [
        "STT\tNhiệm vụ\tThời gian\tKết quả",
        "1\tTuyên truyền trên báo in và báo điện tử\t\tBài viết",
        "2\tĐón đoàn phóng viên",
    ]


_PREFIXES = [b"", b"PK\x03\x04", b"%PDF-1.7\n", OLE, b"\xff\xfe", "Kế hoạch ".encode()]


@settings(max_examples=60, deadline=None)
@given(
    prefix=st.sampled_from(_PREFIXES),
    body=st.binary(max_size=3000),
    suffix=st.sampled_from([b"", b"\n%%EOF\n"]),
    name=st.sampled_from(["a.txt", "a.md", "a.docx", "a.pdf", "a"]),
)
def test_any_bytes_give_text_form_or_a_plan_parse_error(
    prefix: bytes, body: bytes, suffix: bytes, name: str
) -> None:
    try:
        text = read_document(prefix + body + suffix, name)
    except PlanParseError as error:
        assert error.code in CODES
        assert error.message.startswith("Tệp ")
        return
    assert unicodedata.is_normalized("NFC", text)
    assert all(ch >= " " or ch in "\t\n" for ch in text)


CODES = {"empty", "too_large", "scan", "encrypted", "legacy_doc", "damaged", "zip_bomb",
         "encoding", "unsupported"}  # fmt: skip
