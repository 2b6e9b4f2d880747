"""Text form -> ParsedPlan: section tree, tasks, units, time, money, references.

How tasks are found (see docs/plans.md for the user-facing version):
- The body is a tree of labelled items (I./1./1.1./a)/(1)/-/+/•); unlabelled paragraphs belong
  to the item above them. Top-level sections about purpose (MỤC ĐÍCH, YÊU CẦU, QUAN ĐIỂM,
  MỤC TIÊU) hold no tasks; funding sections (KINH PHÍ) only where a paragraph gives a unit work.
- An item whose heading names units ("2. Sở Ngoại vụ") passes them as the lead of every item and
  paragraph below it. An item with labelled lines ("Nội dung:", "Đơn vị chủ trì:", "Thời gian
  thực hiện:" …) is ONE task. An item whose only content is sub-items is not a task itself,
  unless none of its sub-items is a task (a list of cited documents).
- A heading-like item (bold, or no closing punctuation) with paragraphs under it is one task whose
  words are the first paragraph; a statement item with paragraphs under it is a task and so is
  each paragraph.
- Appendix tables (STT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian | Kinh phí | Kết quả) give one
  task per numbered row; rows split by a page break are joined back.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ttdn.plans.parsing.blocks import Block, is_terminal, to_blocks
from ttdn.plans.parsing.header import (
    find_title,
    issuer,
    localities,
    parse_closing,
    parse_header,
    plan_year,
)
from ttdn.plans.parsing.mentions import (
    Expander,
    leading_subject,
    split_assignment,
    split_units,
    starts_unit,
    support_mentions,
)
from ttdn.plans.parsing.model import (
    DocumentInfo,
    ParsedPlan,
    ParseWarning,
    PlanParseError,
    Section,
    Task,
)
from ttdn.plans.parsing.references import extract_references
from ttdn.plans.parsing.timeline import find_timeline, parse_timeline, report_deadline
from ttdn.text.money import parse_money, parse_money_in, stated_unit
from ttdn.text.normalize import fold

MAX_TEXT_CHARS = 2_000_000
TEXT_LIMIT = 300

_RANK = {
    "upper": -1,
    "roman": 0, "num1": 1, "num2": 2, "num3": 3, "num4": 4, "letter": 5, "paren": 6,
    "bullet-": 7, "bullet•": 8, "bullet+": 9,
}  # fmt: skip
_NON_TASK = re.compile(
    r"^(?:mục đích|yêu cầu|quan điểm|mục tiêu|đặc điểm|tình hình|kết quả|đánh giá|bối cảnh|"
    r"căn cứ|phạm vi|đối tượng|nguyên tắc)",
    re.IGNORECASE,
)
_FUNDING = re.compile(r"^(?:về\s+)?kinh phí|^nguồn kinh phí|^dự toán", re.IGNORECASE)
_FUNDING_WORK = re.compile(
    r"lập dự (?:trù|toán)|xây dựng dự toán|dự trù|đề xuất kinh phí|bố trí kinh phí|"
    r"thẩm định|tổng hợp (?:dự toán|kinh phí)",
    re.IGNORECASE,
)
_FIELD = re.compile(
    r"^(?P<name>Nội dung(?: thực hiện| công việc)?|Hình thức(?: thực hiện)?|"
    r"(?:Đơn vị|Cơ quan)\s*(?:chủ trì|thực hiện|phối hợp|đầu mối)|Chủ trì|Phối hợp|"
    r"Thời gian(?: thực hiện| hoàn thành| triển khai)?|Thời hạn(?: hoàn thành| thực hiện)?|"
    r"Tiến độ(?: thực hiện)?|Kinh phí(?: thực hiện| dự kiến)?|Dự toán(?: kinh phí)?|"
    r"Kết quả(?:\s*/\s*sản phẩm| đầu ra| dự kiến)?|Sản phẩm(?: đầu ra| dự kiến)?)"
    r"(?:\s[^:]{0,25}?)?\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_CITATION = re.compile(
    r"^(?:Kết luận|Chỉ thị|Quyết định|Nghị quyết|Nghị định|Thông tư|Kế hoạch|"
    r"Chương trình(?: hành động)?|Hướng dẫn|Công văn|Đề án|Luật|Văn bản|Quy chế|Chiến lược)"
    r"(?:\s+số|\s+\d|\s*“|\s*\"|\s+năm)",
)
_CLOSING = re.compile(
    r"^(?:Trên đây là|Trên đây|Trong quá trình (?:tổ chức |triển khai )*thực hiện(?: Kế hoạch)?,"
    r"\s*(?:nếu|trường hợp) có)\b",
    re.IGNORECASE,
)
_CLOSING_CALL = re.compile(
    r"^(?:(?:UBND|Ủy ban nhân dân|Ban|Sở)[^.]{0,60}?\s)?(?:yêu cầu|đề nghị)\b.*(?:./.|\./\.)$",
    re.IGNORECASE,
)
_NOTE = re.compile(r"^\(.*\)\.?$")
_TABLE_HEAD = {  # checked in this order: "Thời gian thực hiện" is a time, not a lead
    "stt": re.compile(r"^(?:stt|tt|số tt|số thứ tự)$", re.IGNORECASE),
    "timeline": re.compile(r"thời gian|thời hạn|tiến độ", re.IGNORECASE),
    "budget": re.compile(r"kinh phí|dự toán|ngân sách", re.IGNORECASE),
    "outputs": re.compile(r"kết quả|sản phẩm", re.IGNORECASE),
    "note": re.compile(r"ghi chú", re.IGNORECASE),
    "support": re.compile(r"phối hợp", re.IGNORECASE),
    "lead": re.compile(r"chủ trì|(?:đơn vị|cơ quan)\s+thực hiện|đầu mối", re.IGNORECASE),
    "text": re.compile(r"nhiệm vụ|nội dung|hoạt động|công việc", re.IGNORECASE),
}
_STT = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[IVX]{1,5}|[A-Z])\.?$")


@dataclass
class Node:
    block: Block | None
    kind: str = ""
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None

    @property
    def text(self) -> str:
        return self.block.text if self.block else ""

    @property
    def label(self) -> str:
        return self.block.label if self.block else ""

    @property
    def line(self) -> int:
        return self.block.line if self.block else 0

    def labelled(self) -> list[Node]:
        return [c for c in self.children if c.kind != "para"]

    def paras(self) -> list[Node]:
        return [c for c in self.children if c.kind == "para"]


@dataclass
class Ctx:
    section: str
    funding: bool = False
    lead: tuple[str, ...] = ()


@dataclass
class Draft:
    """A task while it is being assembled; turned into `Task` at the end."""

    ref: str
    section: str
    text: str
    line: int
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    timeline: str | None = None
    budget: int | None = None
    outputs: list[str] = field(default_factory=list)
    confidence: float = 0.9


def parse(text: str, *, source: str = "", province: str | None = None) -> ParsedPlan:
    if len(text) > MAX_TEXT_CHARS:
        raise PlanParseError(
            "Văn bản quá dài để là một kế hoạch (hơn 2 triệu ký tự).", code="too_large"
        )
    blocks = to_blocks(text)
    if not blocks:
        raise PlanParseError("Tệp không có nội dung chữ nào.", code="empty")
    title_at = find_title(blocks)
    head = parse_header(blocks, title_at)
    body_from = head.body_start if title_at is not None else 0
    closing = parse_closing(blocks, _first_section(blocks, body_from))
    body_to = _body_end(blocks, body_from, closing.first)
    roots, preamble = _tree(blocks[body_from:body_to])
    appendix = _appendix(blocks, closing.end if closing.end is not None else body_to)
    if title_at is None and not _has_task_sections(roots):
        raise PlanParseError(
            "Không nhận ra kế hoạch trong tệp: không thấy tiêu đề “KẾ HOẠCH” hoặc “CHƯƠNG TRÌNH” "
            "và các mục nhiệm vụ. Tệp có thể là công văn, bài báo hoặc văn bản khác; hãy chọn "
            "đúng tệp kế hoạch.",
            code="not_a_plan",
        )
    plan_text = "\n".join(b.text if not b.is_row else "\t".join(b.cells or ()) for b in blocks)
    prov, city = localities(plan_text)
    prov = prov or province
    year = plan_year(head.title)
    org, org_conf = issuer(
        head,
        " ".join(b.text for b in preamble) + " " + " ".join(b.text for b in blocks[:body_from]),
        closing.org,
        province=prov,
        city=city,
    )
    warnings: list[ParseWarning] = []
    drafts: list[Draft] = []
    for root in roots:
        drafts.extend(_section_tasks(root, warnings))
    for title, rows in appendix:
        drafts.extend(_table_tasks(rows, "PL", title, warnings))
    expander = Expander(plan_text, (u for d in drafts for u in (*d.lead, *d.support)))
    tasks = tuple(_finish(d, year, expander) for d in drafts)
    # extract_references skips "Số: …" header lines itself (the plan's, a cover letter's)
    references = extract_references(
        plan_text, province=prov, exclude=[head.number] if head.number else []
    )
    document = DocumentInfo(
        number=head.number,
        kind=head.kind,
        issuer=org,
        place=head.place,
        date=head.date,
        year=year,
        title=head.title,
        signer=closing.signer,
        signer_title=closing.signer_title,
    )
    body_text = "\n".join(b.text for b in blocks[body_from:body_to])
    if not tasks and title_at is not None:
        warnings.append(ParseWarning(blocks[title_at].line, "Không tìm thấy nhiệm vụ nào."))
    for t in tasks:
        if not t.lead and _is_assignment_section(t.section):
            warnings.append(ParseWarning(t.line, f"Nhiệm vụ {t.ref} chưa rõ đơn vị chủ trì."))
    confidence = {
        "document.number": 1.0 if head.number else 0.0,
        "document.title": 0.9 if head.title else 0.0,
        "document.issuer": org_conf,
        "document.date": 1.0 if head.date else 0.0,
        "document.signer": 0.9 if closing.signer else 0.0,
        "tasks": round(sum(t.confidence for t in tasks) / len(tasks), 2) if tasks else 0.0,
    }
    return ParsedPlan(
        source=source,
        document=document,
        references=references,
        tasks=tasks,
        report_deadline=report_deadline(body_text, plan_year=year),
        recipients=tuple(closing.recipients),
        sections=tuple(_sections(roots)),
        warnings=tuple(warnings),
        confidence=confidence,
    )


def _first_section(blocks: list[Block], start: int) -> int:
    for i in range(start, len(blocks)):
        if blocks[i].kind == "roman":
            return i
    return start


def _body_end(blocks: list[Block], start: int, closing_first: int | None) -> int:
    end = closing_first if closing_first is not None else len(blocks)
    for i in range(start, end):
        b = blocks[i]
        if b.label or b.is_row:
            continue
        if _CLOSING.match(b.text) or _CLOSING_CALL.match(b.text):
            return i
        if b.text.upper().startswith("PHỤ LỤC") and b.text[:7].isupper():
            return i
    return end


def _tree(blocks: list[Block]) -> tuple[list[Node], list[Block]]:
    """Top-level sections and the preamble (unlabelled paragraphs before the first section)."""
    root = Node(None, "root")
    stack: list[Node] = [root]
    preamble: list[Block] = []
    for b in blocks:
        if b.is_row:
            node = Node(b, "row", parent=stack[-1])
            stack[-1].children.append(node)
            continue
        if not b.label:
            if len(stack) == 1:
                preamble.append(b)
                continue
            owner = stack[-1]
            while (
                owner.kind.startswith("bullet")
                and owner.parent is not None
                and not _is_field(b.text)
            ):
                owner = owner.parent  # bullets do not own paragraphs
            node = Node(b, "para", parent=owner)
            owner.children.append(node)
            continue
        kind = b.kind
        if any(n.kind == kind for n in stack):
            while stack[-1].kind != kind:
                stack.pop()
            stack.pop()
        else:
            rank = _RANK.get(kind, 10)
            while len(stack) > 1 and _RANK.get(stack[-1].kind, 10) >= rank:
                stack.pop()
        node = Node(b, kind, parent=stack[-1])
        stack[-1].children.append(node)
        stack.append(node)
    return root.children, preamble


def _has_task_sections(roots: list[Node]) -> bool:
    return any(
        r.kind in {"roman", "upper", "num1"}
        and re.search(r"nhiệm vụ|giải pháp|tổ chức thực hiện", r.text, re.I)
        for r in roots
    )


def _is_field(text: str) -> bool:
    return bool(_FIELD.match(text))


def _is_assignment_section(title: str) -> bool:
    return bool(re.search(r"tổ chức thực hiện|phân công", title, re.IGNORECASE))


def _section_tasks(root: Node, warnings: list[ParseWarning]) -> list[Draft]:
    title = root.text.strip(" :.")
    if root.kind in {"para", "row"} or _NON_TASK.match(title):
        return []
    ctx = Ctx(section=title, funding=bool(_FUNDING.match(title)))
    return list(_children_tasks(root, _ref(root, None), ctx, warnings))


def _ref(node: Node, parent_ref: str | None) -> str:
    label = node.label
    if not parent_ref:
        return label
    parent_label = parent_ref.rsplit(".", 1)[-1]
    if "." in label and label.split(".")[0] == parent_label:
        # "3.1" under "II.3" is II.3.1, not II.3.3.1
        return f"{parent_ref.rsplit('.', 1)[0]}.{label}" if "." in parent_ref else label
    return f"{parent_ref}.{label}"


def _children_tasks(
    node: Node, ref: str, ctx: Ctx, warnings: list[ParseWarning]
) -> Iterator[Draft]:
    """Tasks under `node` (its own task, if any, is decided by the caller)."""
    bullet_no = 0
    lead = ctx.lead
    rows = [c for c in node.children if c.kind == "row"]
    if rows:
        yield from _table_tasks([c.block for c in rows if c.block], ref, ctx.section, warnings)
    for child in node.children:
        if child.kind == "row":
            continue
        if child.kind == "para":
            text = child.text
            intro = _intro_units(text)
            if intro:
                lead = tuple(intro)
                continue
            bullet_no += 1
            if _skip_paragraph(text, ctx):
                continue
            yield _draft(f"{ref}-{bullet_no}", ctx, child, text, lead)
            continue
        if child.kind.startswith("bullet"):
            bullet_no += 1
            child_ref = f"{ref}-{bullet_no}"
        else:
            child_ref = _ref(child, ref)
        yield from _node_tasks(child, child_ref, Ctx(ctx.section, ctx.funding, lead), warnings)


def _node_tasks(node: Node, ref: str, ctx: Ctx, warnings: list[ParseWarning]) -> Iterator[Draft]:
    title = node.text
    if _NON_TASK.match(title) and len(title) < 60:
        return
    heading_units, inline = _unit_heading(node)
    if heading_units is not None:
        sub = Ctx(ctx.section, ctx.funding, tuple(heading_units))
        if inline:
            yield _draft(ref, sub, node, inline, sub.lead)
        paras = node.paras()
        labelled = node.labelled()
        if paras and not labelled and len(paras) == 1 and not inline:
            yield _draft(ref, sub, paras[0], paras[0].text, sub.lead)
            return
        yield from _children_tasks(node, ref, sub, warnings)
        return
    if _FUNDING.match(title) and node.kind != "roman":
        ctx = Ctx(ctx.section, True, ctx.lead)
    fields = [c for c in node.children if c.kind != "row" and _is_field(c.text)]
    if fields:
        yield _fielded(node, ref, ctx, fields)
        # sub-items that are not fields (rare): their own tasks
        rest = [c for c in node.labelled() if c not in fields and c.labelled()]
        for child in rest:
            yield from _node_tasks(child, _ref(child, ref), ctx, warnings)
        return
    labelled = node.labelled()
    paras = node.paras()
    if not labelled and not paras:
        if _is_task_text(title, ctx) and not _is_field(title):
            yield _draft(ref, ctx, node, title, ctx.lead)
        return
    heading_like = _heading_like(node)
    own: list[Draft] = []
    if paras and heading_like:
        first = next((p for p in paras if not _skip_paragraph(p.text, ctx) and not _intro(p)), None)
        if first is not None:
            d = _draft(ref, ctx, first, first.text, ctx.lead)
            d.support = _merge(support_mentions(title), d.support)
            own.append(d)
        sub_tasks = list(_children_tasks(_without_paras(node), ref, ctx, warnings))
    else:
        sub_tasks = list(_children_tasks(node, ref, ctx, warnings))
        if not heading_like and _is_task_text(title, ctx) and (paras or not sub_tasks):
            own.append(_draft(ref, ctx, node, title, ctx.lead))
    if not own and not sub_tasks and _is_task_text(title, ctx) and not heading_like:
        own.append(_draft(ref, ctx, node, title, ctx.lead))  # e.g. a list of cited documents
    elif not own and not sub_tasks and _is_task_text(title, ctx) and labelled:
        own.append(_draft(ref, ctx, node, title, ctx.lead))
    yield from own
    yield from sub_tasks


def _without_paras(node: Node) -> Node:
    clone = Node(node.block, node.kind, [c for c in node.children if c.kind != "para"], node.parent)
    return clone


def _intro(p: Node) -> bool:
    return p.text.rstrip().endswith(":")


def _intro_units(text: str) -> list[str] | None:
    """ "Yêu cầu các đơn vị, địa phương được giao nhiệm vụ:" names the lead of what follows."""
    if not text.rstrip().endswith(":") or len(text) > 200:
        return None
    m = re.match(r"^(?:Yêu cầu|Đề nghị|Giao)\s+(.+?):$", text.strip(), re.IGNORECASE)
    if not m or not starts_unit(m.group(1)):
        return None
    units = split_units(m.group(1))
    return units or None


def _skip_paragraph(text: str, ctx: Ctx) -> bool:
    if _NOTE.match(text.strip()) or _CLOSING.match(text) or text.rstrip().endswith(":"):
        return True
    if len(text) < 160 and re.search(r"\bphụ lục\b", text, re.IGNORECASE):
        return True  # "(Chi tiết tại Phụ lục kèm theo)": a pointer, not work
    if ctx.funding:
        return not _funding_task(text)
    return not _is_task_text(text, ctx)


def _funding_task(text: str) -> bool:
    if re.match(r"^(?:Kinh phí|Nguồn|Ngân sách|Từ nguồn)", text, re.IGNORECASE):
        return False
    return bool(_FUNDING_WORK.search(text))


def _is_task_text(text: str, ctx: Ctx) -> bool:
    words = text.split()
    if len(words) < 3 or _CITATION.match(text):
        return False
    if ctx.funding:
        return _funding_task(text)
    return not _CLOSING.match(text)


def _heading_like(node: Node) -> bool:
    b = node.block
    if b is None:
        return True
    text = b.text.strip()
    if b.heading or (b.bold and len(text) < 250):
        return True
    if b.italic and len(text) < 200:
        return True
    return not is_terminal(text) and len(text) < 160


def _unit_heading(node: Node) -> tuple[list[str] | None, str]:
    """Units named by an item's heading ("2. Sở Ngoại vụ", "2. Văn phòng UBND tỉnh: …")."""
    if node.kind.startswith("bullet") or node.block is None:
        return None, ""
    text = node.text.strip()
    whole = _units_only(text.rstrip(" .:"))
    if whole is not None:
        return whole, ""
    head, inline = text, ""
    if ":" in text:
        head, inline = text.split(":", 1)
        inline = inline.strip()
        if not inline and not node.children:
            return None, ""
    units = _units_only(head)
    return (units, inline) if units is not None else (None, "")


def _units_only(head: str) -> list[str] | None:
    """The units of a heading made of nothing but unit names ("Sở Ngoại vụ"), else None."""
    head = re.split(r"\s+[–—]\s+|\s+-\s+(?=Cơ quan|cơ quan)", head)[0].strip(" .")
    head = re.sub(r"^(?:Đề nghị|Giao|Mời)\s+", "", head)
    if not head or len(head.split()) > 40 or not starts_unit(head):
        return None
    if re.match(r"^(?:về|các nhiệm vụ|nhiệm vụ)\b", head, re.IGNORECASE):
        return None
    subj = leading_subject(head + " thực hiện")
    if subj is None:
        return None
    units, _ = subj
    # the heading must be nothing but units: the predicate starts only at the appended verb
    joined = fold(" ".join(units))
    if len(joined.split()) < 0.7 * len(fold(head).split()):
        return None
    return units


def _fielded(node: Node, ref: str, ctx: Ctx, fields: list[Node]) -> Draft:
    values: dict[str, list[str]] = {}
    for f in fields:
        m = _FIELD.match(f.text)
        assert m is not None
        values.setdefault(_field_key(m.group("name")), []).append(m.group("value").strip())
    paras = [p for p in node.paras() if not _is_field(p.text) and not _skip_note(p.text)]
    title = node.text
    if "text" in values and values["text"][0]:
        text, source = " ".join(values["text"]), node
    elif paras and _heading_like(node):
        text, source = paras[0].text, paras[0]
    else:
        text, source = title, node
    d = _draft(ref, ctx, source, text, ctx.lead)
    lead: list[str] = []
    support: list[str] = []
    for value in values.get("lead", []):
        lv, sv = split_assignment(value)
        lead.extend(lv)
        support.extend(sv)
    for value in values.get("support", []):
        support.extend(split_units(value))
    if lead:
        d.lead = lead
    if support:
        d.support = _merge(support, [])
    if values.get("timeline"):
        d.timeline = values["timeline"][0].rstrip(" .;")
    if values.get("budget"):
        d.budget = parse_money(values["budget"][0])
    if values.get("outputs"):
        d.outputs = [o.rstrip(" .;") for v in values["outputs"] for o in _split_outputs(v)]
    d.confidence = 1.0
    return d


def _skip_note(text: str) -> bool:
    return bool(_NOTE.match(text.strip()))


def _field_key(name: str) -> str:
    n = fold(name)
    if n.startswith(("noi dung", "hinh thuc")):
        return "text"
    if "phoi hop" in n:
        return "support"
    if (
        "chu tri" in n
        or ("thuc hien" in n and n.startswith(("don vi", "co quan")))
        or "dau moi" in n
    ):
        return "lead"
    if n.startswith(("thoi gian", "thoi han", "tien do")):
        return "timeline"
    if n.startswith(("kinh phi", "du toan")):
        return "budget"
    return "outputs"


def _draft(ref: str, ctx: Ctx, node: Node, text: str, lead: tuple[str, ...]) -> Draft:
    clean = text.strip()
    m = _FIELD.match(clean)
    if m and _field_key(m.group("name")) == "text":
        clean = m.group("value").strip()
    d = Draft(ref=ref, section=ctx.section, text=clean, line=node.line, lead=list(lead))
    subject = leading_subject(clean)
    after = clean.split(": ", 1)[1] if ": " in clean[:200] else ""
    if subject is None and after[:1].isupper():
        subject = leading_subject(after)  # "Đối với …: Cơ quan, đơn vị được giao …"
    if subject:
        units, lead_in = subject
        specific = any(not re.match(r"^(?:các|những)\b", u, re.IGNORECASE) for u in units)
        if not lead or lead_in or specific:
            d.lead = units
    d.support = [s for s in support_mentions(clean) if fold(s) not in {fold(x) for x in d.lead}]
    phrase = find_timeline(clean)
    if phrase:
        d.timeline = phrase
    if not d.lead and _is_assignment_section(ctx.section):
        d.confidence = 0.6
    return d


def _merge(a: list[str], b: list[str]) -> list[str]:
    out: list[str] = []
    for x in [*a, *b]:
        if fold(x) not in {fold(y) for y in out}:
            out.append(x)
    return out


def _split_outputs(value: str) -> list[str]:
    value = value.strip()
    if not value:
        return []
    # "1. A; 2. B", "- A - B" at the start or after a sentence; not "song ngữ Việt - Anh"
    parts = re.split(r"(?:^|(?<=[;.:])\s*|\s+(?=\d{1,2}[.)]\s))(?:\d{1,2}[.)]|[-–•+])\s+", value)
    parts = [p.strip(" ;.") for p in parts if p.strip(" ;.")]
    return parts or [value.strip(" ;.")]


def _finish(d: Draft, year: int | None, expander: Expander) -> Task:
    due = None
    recurrence = None
    if d.timeline:
        t = parse_timeline(d.timeline, plan_year=year)
        due, recurrence = t.due, t.recurrence
    text = re.sub(r"\s+", " ", d.text).strip()
    lead = tuple(_unique(expander.expand(u) for u in d.lead))
    support = tuple(u for u in _unique(expander.expand(u) for u in d.support) if u not in lead)
    return Task(
        ref=d.ref,
        section=d.section,
        text=text[:TEXT_LIMIT],
        lead=lead,
        support=support,
        timeline=d.timeline,
        due=due,
        recurrence=recurrence,  # type: ignore[arg-type]
        budget_vnd=d.budget,
        outputs=tuple(d.outputs),
        line=d.line,
        confidence=d.confidence,
    )


def _unique(items: Iterator[str] | list[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for item in items:
        key = fold(item)
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return out


# ---------------------------------------------------------------- tables


def _appendix(blocks: list[Block], start: int) -> list[tuple[str, list[Block]]]:
    """(title, table rows) of each appendix after the signature."""
    out: list[tuple[str, list[Block]]] = []
    title = ""
    rows: list[Block] = []
    for b in blocks[start:]:
        if not b.is_row and b.text.upper().startswith("PHỤ LỤC"):
            if rows:
                out.append((title, rows))
            title, rows = b.text.strip(), []
            continue
        if b.is_row:
            rows.append(b)
    if rows:
        out.append((title or "PHỤ LỤC", rows))
    return out


def _columns(row: tuple[str, ...]) -> dict[str, int] | None:
    cols: dict[str, int] = {}
    for i, cell in enumerate(row):
        c = cell.strip()
        for key, rx in _TABLE_HEAD.items():
            if key not in cols and (rx.match(c) if key == "stt" else rx.search(c)):
                if key == "lead" and "phối hợp" in c.lower():
                    continue
                cols[key] = i
                break
    return cols if "text" in cols and ("lead" in cols or "timeline" in cols) else None


def _table_tasks(
    rows: list[Block], prefix: str, section: str, warnings: list[ParseWarning]
) -> list[Draft]:
    cols: dict[str, int] | None = None
    width = 0
    head: list[str] = []
    records: list[tuple[Block, list[str]]] = []
    for b in rows:
        cells = list(b.cells or ())
        if cols is None:
            cols = _columns(tuple(cells))
            head, width = cells, len(cells)
            continue
        if not any(c.strip() for c in cells):
            continue
        if not records and _sub_heading(cells):
            # A two-row heading: "Đơn vị thực hiện" over "Chủ trì" | "Phối hợp".
            head = [f"{a} {c}".strip() for a, c in itertools.zip_longest(head, cells, fillvalue="")]
            cols, width = _columns(tuple(head)) or cols, max(width, len(cells))
            continue
        if re.fullmatch(r"\(?\d+\)?", cells[0].strip()) and all(
            re.fullmatch(r"\(?\d+\)?", c.strip()) for c in cells if c.strip()
        ):
            continue  # the "(1) (2) (3)" column-number row
        if cells[0].strip() == "" and records:
            prev = records[-1][1]  # a row cut by a page break goes on in the same places
            for i, c in enumerate(cells):
                if c.strip() and i < len(prev):
                    prev[i] = f"{prev[i]} {c.strip()}".strip()
            continue
        records.append((b, cells))
    if cols is None:
        return []
    records = [(b, _align(cells, cols, width, b, warnings)) for b, cells in records]
    drafts: list[Draft] = []
    unit = stated_unit(head[cols["budget"]]) if "budget" in cols else None
    stts = [r[1][cols.get("stt", 0)].strip().rstrip(".") for r in records]
    for (b, cells), stt in zip(records, stts, strict=True):

        def cell(key: str, cells: list[str] = cells) -> str:
            i = cols.get(key) if cols else None
            return cells[i].strip() if i is not None and i < len(cells) else ""

        text = cell("text")
        has_children = any(s.startswith(f"{stt}.") for s in stts if s != stt)
        lead_text = cell("lead")
        if not text or (has_children and not lead_text) or not _STT.match(stt or "x"):
            continue
        d = Draft(ref=f"{prefix}.{stt}", section=section, text=text, line=b.line)
        lead, support = split_assignment(lead_text) if lead_text else ([], [])
        d.lead = lead
        d.support = _merge(support, split_units(cell("support")))
        d.timeline = cell("timeline").rstrip(" .;") or None
        d.budget = parse_money_in(cell("budget"), unit) if cell("budget") else None
        d.outputs = [o.rstrip(" .;") for o in _split_outputs(cell("outputs"))]
        d.confidence = 1.0 if lead else 0.7
        drafts.append(d)
    return drafts


def _sub_heading(cells: list[str]) -> bool:
    """The second row of a two-row heading: no STT, and its cells name columns, not a task."""
    named = [c for c in cells if c.strip()]
    return (
        not cells[0].strip()
        and bool(named)
        and all(len(c) < 40 and any(rx.search(c) for rx in _TABLE_HEAD.values()) for c in named)
    )


def _align(
    cells: list[str], cols: dict[str, int], width: int, b: Block, warnings: list[ParseWarning]
) -> list[str]:
    """A row with fewer cells than the header: an empty optional cell was dropped."""
    if len(cells) >= width:
        return cells
    missing = width - len(cells)
    budget = cols.get("budget")
    if budget is not None and budget < len(cells) and parse_money(cells[budget]) is None:
        cells = [*cells[:budget], *([""] * missing), *cells[budget:]]
    else:
        cells = [*cells, *([""] * missing)]
    warnings.append(ParseWarning(b.line, "Hàng bảng thiếu ô; đã căn theo nội dung các ô."))
    return cells


def _sections(nodes: list[Node], parent_ref: str | None = None) -> Iterator[Section]:
    for n in nodes:
        if n.kind in {"para", "row"} or n.kind.startswith("bullet"):
            continue
        ref = _ref(n, parent_ref)
        yield Section(
            ref=ref,
            label=n.label,
            title=n.text[:160],
            line=n.line,
            children=tuple(_sections(n.children, ref)),
        )
