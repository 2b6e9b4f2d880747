"""What a ParsedPlan must satisfy before it is stored: every problem listed, with the task's
printed reference, so an edited draft or a hand-made JSON fails with one clear message."""

from __future__ import annotations

from ttdn.plans.parsing import ParsedPlan
from ttdn.plans.parsing import Task as ParsedTask

MAX_BUDGET_VND = 10**15  # a million billion đồng: anything above is a reading error
LIMITS = {"ref": (50, "mục"), "section": (255, "tên phần"), "timeline": (255, "thời gian")}
MAX_MENTION_CHARS = 500
MAX_NUMBER_CHARS = 100
MAX_ISSUER_CHARS = 255


def plan_problems(parsed: ParsedPlan) -> list[str]:
    problems: list[str] = []
    if not parsed.tasks:
        problems.append("Kế hoạch không có nhiệm vụ nào.")
    document = parsed.document
    if len(document.number or "") > MAX_NUMBER_CHARS:
        problems.append(f"Số ký hiệu dài quá {MAX_NUMBER_CHARS} ký tự.")
    if len(document.issuer or "") > MAX_ISSUER_CHARS:
        problems.append(f"Tên cơ quan ban hành dài quá {MAX_ISSUER_CHARS} ký tự.")
    for reference in parsed.references:
        if (
            len(reference.number) > MAX_NUMBER_CHARS
            or len(reference.issuer or "") > MAX_ISSUER_CHARS
        ):
            problems.append(
                f"Văn bản được trích dẫn “{reference.number[:40]}” có thông tin quá dài."
            )
    for position, task in enumerate(parsed.tasks, start=1):
        problems.extend(f"Nhiệm vụ {task.ref or position}: {p}" for p in task_problems(task))
    return problems


def task_problems(task: ParsedTask) -> list[str]:
    problems = []
    if not task.text.strip():
        problems.append("nội dung nhiệm vụ đang để trống.")
    for field, (limit, label) in LIMITS.items():
        if len(getattr(task, field) or "") > limit:
            problems.append(f"{label} dài quá {limit} ký tự.")
    if any(len(text) > MAX_MENTION_CHARS for text in (*task.lead, *task.support)):
        problems.append(f"tên đơn vị dài quá {MAX_MENTION_CHARS} ký tự.")
    budget = task.budget_vnd
    if budget is not None and (
        isinstance(budget, bool) or not isinstance(budget, int) or not 0 <= budget < MAX_BUDGET_VND
    ):
        problems.append(f"kinh phí “{budget}” không hợp lệ (số đồng, không âm).")
    return problems
