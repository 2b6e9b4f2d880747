"""The KẾ HOẠCH writer: a `ParsedPlan` printed as .docx in the format of Nghị định 30/2020/NĐ-CP
(A4, margins 20/20/30/15 mm, Times New Roman, the header table, signature block and Nơi nhận).

Tasks are printed in a layout the plan parser reads back field for field: under "II. NHIỆM VỤ"
one numbered group per section ("1. …"), each task "1.2. …" followed by labelled lines
("- Đơn vị chủ trì: …", "- Đơn vị phối hợp: …", "- Thời gian thực hiện: …", "- Kinh phí: …").
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from docx import Document
from docx.document import Document as DocxDocument
from docx.text.paragraph import Paragraph

from ttdn.core.official_docx import (
    MOTTO,
    MOTTO_2,
    issuer_abbreviation,
    issuer_full_name,
    issuer_lines,
    national_header,
    page_setup,
    paragraph,
    recipient_lines,
    signature_block,
    signer_lines,
    title_block,
)
from ttdn.plans.parsing import ParsedPlan, Task
from ttdn.plans.parsing.model import Section
from ttdn.plans.parsing.timeline import parse_timeline
from ttdn.text.normalize import fold

# Re-exported: the names the plans' tests and callers know this module by.
__all__ = [
    "MOTTO",
    "MOTTO_2",
    "draft_docx",
    "issuer_abbreviation",
    "issuer_full_name",
    "plan_docx",
    "task_groups",
    "time_phrase",
]


def plan_docx(parsed: ParsedPlan, *, province: str, issuer: str) -> bytes:
    """The plan as .docx bytes. `issuer` is the issuing body as printed ("UBND tỉnh Quảng Trị"),
    `province` the place of the date line when the plan does not name one."""
    issuer = issuer_full_name(issuer)
    doc = Document()
    page_setup(doc)
    _header(doc, parsed, province=province, issuer=issuer)
    _title(doc, parsed)
    _lead_in(doc, parsed, issuer=issuer)
    _purpose(doc, parsed, province=province)
    _tasks(doc, parsed)
    _organisation(doc, parsed)
    _signature(doc, parsed, issuer=issuer)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def draft_docx(parsed: ParsedPlan, *, province: str) -> bytes:
    """A plan draft (next year's, or any draft under review) issued by the body it names."""
    return plan_docx(parsed, province=province, issuer=parsed.document.issuer or "Ủy ban nhân dân")


def task_groups(parsed: ParsedPlan) -> list[tuple[str, list[Task]]]:
    """Tasks grouped by the section they sit in (the nearest heading above them below the top
    level, else the top-level section), groups in the plan's order."""
    titles = _section_titles(parsed.sections)
    groups: list[tuple[str, list[Task]]] = []
    for task in parsed.tasks:
        title = _group_title(task, titles)
        if groups and groups[-1][0] == title:
            groups[-1][1].append(task)
        else:
            groups.append((title, [task]))
    return groups


# --- text helpers ----------------------------------------------------------------------------


def _body(doc: DocxDocument, text: str, *, bold: bool = False) -> Paragraph:
    return paragraph(doc, text, bold=bold, indent=True, after=6)


# --- the parts of the plan -------------------------------------------------------------------


def _header(doc: DocxDocument, parsed: ParsedPlan, *, province: str, issuer: str) -> None:
    number = parsed.document.number or f"…/KH-{issuer_abbreviation(issuer)}"
    # One row: the parser reads the number right under the issuer.
    national_header(
        doc,
        parent=(),
        issuer=issuer_lines(issuer),
        number=number,
        place_date=_date_line(parsed, province),
        number_row=False,
    )
    paragraph(doc)


def _date_line(parsed: ParsedPlan, province: str) -> str:
    document = parsed.document
    place = document.place or province
    if document.date:
        day = document.date
        return f"{place}, ngày {day:%d} tháng {day:%m} năm {day.year}"
    return f"{place}, ngày … tháng … năm {document.year or ''}".rstrip()


def _title(doc: DocxDocument, parsed: ParsedPlan) -> None:
    title = [parsed.document.title] if parsed.document.title else []
    title_block(doc, parsed.document.kind or "Kế hoạch", title)


def _lead_in(doc: DocxDocument, parsed: ParsedPlan, *, issuer: str) -> None:
    for ref in parsed.references:
        kind = f"{ref.kind} số" if ref.kind else "Văn bản số"
        day = f" ngày {ref.date:%d/%m/%Y}" if ref.date else ""
        by = f" của {issuer_full_name(ref.issuer)}" if ref.issuer else ""
        _body(doc, f"Căn cứ {kind} {ref.number}{day}{by};")
    title = _lower_first(parsed.document.title or "")
    _body(doc, f"{issuer} ban hành Kế hoạch {title} như sau:".replace("  ", " "))


def _purpose(doc: DocxDocument, parsed: ParsedPlan, *, province: str) -> None:
    year = parsed.document.year or ""
    _body(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    _body(doc, "1. Mục đích", bold=True)
    _body(
        doc,
        f"Triển khai đồng bộ, hiệu quả công tác thông tin đối ngoại năm {year}; giới thiệu "
        f"hình ảnh, tiềm năng và thế mạnh của {_locality(province)} với bạn bè trong nước và "
        "quốc tế; tiếp tục các nhiệm vụ thường xuyên, định kỳ và hoàn thành các nhiệm vụ còn "
        "dở dang.",
    )
    _body(doc, "2. Yêu cầu", bold=True)
    demand = (
        "Mỗi nhiệm vụ có đơn vị chủ trì, đơn vị phối hợp, thời gian thực hiện và sản phẩm rõ "
        "ràng; thông tin cung cấp chính xác, kịp thời, giữ nghiêm nguyên tắc bảo vệ bí mật nhà "
        "nước."
    )
    if parsed.report_deadline:
        demand += (
            " Các cơ quan, đơn vị báo cáo kết quả thực hiện về cơ quan thường trực công tác "
            f"thông tin đối ngoại trước ngày {parsed.report_deadline:%d/%m/%Y} để tổng hợp."
        )
    _body(doc, demand)


def _tasks(doc: DocxDocument, parsed: ParsedPlan) -> None:
    _body(doc, "II. NHIỆM VỤ", bold=True)
    for g, (title, tasks) in enumerate(task_groups(parsed), start=1):
        _body(doc, f"{g}. {title}", bold=True)
        for k, task in enumerate(tasks, start=1):
            _body(doc, f"{g}.{k}. {' '.join(task.text.split())}")
            for line in _task_lines(task):
                _body(doc, f"- {line}")


def _task_lines(task: Task) -> Iterable[str]:
    if task.lead:
        yield f"Đơn vị chủ trì: {'; '.join(task.lead)}."
    if task.support:
        yield f"Đơn vị phối hợp: {'; '.join(task.support)}."
    time = time_phrase(task)
    if time:
        yield f"Thời gian thực hiện: {time}."
    if task.budget_vnd:
        yield f"Kinh phí: {task.budget_vnd:,} đồng.".replace(",", ".")
    if task.outputs:
        yield f"Kết quả/sản phẩm: {'; '.join(o.rstrip('.; ') for o in task.outputs)}."


def time_phrase(task: Task) -> str | None:
    """The task's time as printed, so the parser reads its due date back: the timeline when it
    says that date; with ", hoàn thành trước ngày …" when the due date is later; the due date
    alone when it is earlier (a deadline set on the draft is more precise than "Quý II")."""
    timeline = (task.timeline or "").rstrip(". ") or None
    if task.due is None:
        return timeline
    deadline = f"trước ngày {task.due:%d/%m/%Y}"
    if timeline is None:
        return deadline
    said = parse_timeline(timeline, plan_year=task.due.year)
    if said.due == task.due or said.recurrence:
        return timeline
    if said.due is not None and said.due < task.due:
        return f"{timeline}, hoàn thành {deadline}"
    return deadline


def _organisation(doc: DocxDocument, parsed: ParsedPlan) -> None:
    _body(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    title = _lower_first(parsed.document.title or "")
    _body(
        doc,
        f"Trên đây là Kế hoạch {title}. Yêu cầu các cơ quan, đơn vị được giao nhiệm vụ "
        "nghiêm túc triển khai thực hiện./.".replace("  ", " "),
    )


def _signature(doc: DocxDocument, parsed: ParsedPlan, *, issuer: str) -> None:
    signature_block(
        doc,
        recipients=recipient_lines(parsed.recipients),
        signer=signer_lines(issuer),
        name=parsed.document.signer or "",
    )


# --- groups ----------------------------------------------------------------------------------


def _section_titles(sections: Iterable[Section], depth: int = 0) -> dict[str, tuple[str, int]]:
    titles: dict[str, tuple[str, int]] = {}
    for section in sections:
        titles[section.ref] = (section.title, depth)
        titles.update(_section_titles(section.children, depth + 1))
    return titles


def _group_title(task: Task, titles: dict[str, tuple[str, int]]) -> str:
    ref = task.ref
    while (cut := max(ref.rfind("."), ref.rfind("-"))) > 0:
        ref = ref[:cut]
        title, depth = titles.get(ref, ("", 0))
        if title and depth >= 1:
            return " ".join(title.split()).rstrip(".:; ")
    return _top_level_title(task.section)


def _top_level_title(section: str) -> str:
    key = fold(section)
    if key.startswith("phu luc") or not key:
        return "Các nhiệm vụ, đề án cụ thể"
    if key.startswith("to chuc thuc hien"):
        return "Nhiệm vụ của các cơ quan, đơn vị"
    return section[:1].upper() + section[1:].lower()


def _lower_first(text: str) -> str:
    text = " ".join(text.split())
    # Keep acronyms and proper names ("UBND", "Quảng Trị") as printed.
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _locality(province: str) -> str:
    province = " ".join(province.split())
    if not province:
        return "địa phương"
    if fold(province).startswith(("tinh ", "thanh pho ")):
        return province[:1].lower() + province[1:]
    return f"tỉnh {province}"
