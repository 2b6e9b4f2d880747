"""The "Báo cáo tổng hợp dư luận báo chí" digest of a period: Word (.docx) and Excel (.xlsx)."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.shared import Pt
from openpyxl import Workbook

from ttdn.monitoring.nlp.topics import default_taxonomy

TITLE = "BÁO CÁO TỔNG HỢP DƯ LUẬN BÁO CHÍ"


def _share(part: int, total: int) -> str:
    return f"{part * 100 / total:.1f}%".replace(".", ",") if total else "0%"


def summary_rows(data: dict[str, Any]) -> list[tuple[str, str]]:
    t = data["totals"]
    return [
        ("Tổng số tin", str(t["total"])),
        ("Tích cực", f"{t['positive']} ({_share(t['positive'], t['total'])})"),
        ("Trung lập", f"{t['neutral']} ({_share(t['neutral'], t['total'])})"),
        ("Tiêu cực", f"{t['negative']} ({_share(t['negative'], t['total'])})"),
        ("Báo nước ngoài", f"{t['foreign']} ({_share(t['foreign'], t['total'])})"),
        ("Báo trong nước", str(t["total"] - t["foreign"])),
        ("Tin ưu tiên", str(t["priority"])),
    ]


def digest_docx(data: dict[str, Any]) -> bytes:
    names = {t.code: t.name for t in default_taxonomy()}
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    heading = doc.add_paragraph(TITLE)
    heading.alignment = 1
    heading.runs[0].bold = True
    period = doc.add_paragraph(
        f"Từ ngày {data['since']:%d/%m/%Y} đến ngày {data['until']:%d/%m/%Y}"
    )
    period.alignment = 1
    doc.add_paragraph("I. TÌNH HÌNH CHUNG").runs[0].bold = True
    for label, value in summary_rows(data):
        doc.add_paragraph(f"- {label}: {value}.")
    doc.add_paragraph("II. THEO CHỦ ĐỀ").runs[0].bold = True
    for code, count in data["topics"]:
        doc.add_paragraph(f"- {names.get(code, code)}: {count} tin.")
    doc.add_paragraph("III. CÂU CHUYỆN NỔI BẬT").runs[0].bold = True
    for row in data["stories"]:
        flag = " (ưu tiên)" if row["priority"] else ""
        doc.add_paragraph(f"- {row['title']}: {row['n']} lần xuất hiện{flag}.")
    doc.add_paragraph("IV. CƠ QUAN BÁO CHÍ ĐĂNG NHIỀU NHẤT").runs[0].bold = True
    for row in data["outlets"]:
        doc.add_paragraph(f"- {row['source__name']}: {row['n']} tin.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def digest_xlsx(data: dict[str, Any]) -> bytes:
    names = {t.code: t.name for t in default_taxonomy()}
    book = Workbook()
    sheet = book.active
    sheet.title = "Tổng hợp"
    sheet.append([TITLE])
    sheet.append([f"Từ ngày {data['since']:%d/%m/%Y} đến ngày {data['until']:%d/%m/%Y}"])
    for label, value in summary_rows(data):
        sheet.append([label, value])
    days = book.create_sheet("Theo ngày")
    days.append(["Ngày", "Số tin"])
    for row in data["by_day"]:
        days.append([row["day"].strftime("%d/%m/%Y"), row["n"]])
    topics = book.create_sheet("Theo chủ đề")
    topics.append(["Chủ đề", "Số tin"])
    for code, count in data["topics"]:
        topics.append([names.get(code, code), count])
    stories = book.create_sheet("Câu chuyện")
    stories.append(["Câu chuyện", "Số lần xuất hiện", "Ưu tiên"])
    for row in data["stories"]:
        stories.append([row["title"], row["n"], "có" if row["priority"] else ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
