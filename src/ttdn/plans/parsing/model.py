"""What the parser returns: frozen dataclasses whose JSON form is the plan schema.

`ParsedPlan.to_json()` follows ../shared/docs/plan-schema.md field for field (document,
references, tasks, report_deadline, recipients) and adds the parser's own extras under
`"_extra"`: the section tree, a confidence per field and warnings with line numbers.
`ParsedPlan.from_json()` reads that form back (the web preview edits the JSON).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any, Literal

Recurrence = Literal["continuous", "quarterly", "monthly", "yearly"]
RECURRENCES: tuple[str, ...] = ("continuous", "quarterly", "monthly", "yearly")


class PlanParseError(Exception):
    """The input cannot be read as a plan; `message` is Vietnamese and shown to the user as is."""

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class DocumentInfo:
    number: str | None = None
    kind: str | None = None
    issuer: str | None = None
    place: str | None = None
    date: date | None = None
    year: int | None = None
    title: str | None = None
    signer: str | None = None
    signer_title: str | None = None


@dataclass(frozen=True)
class Reference:
    number: str
    kind: str | None = None
    date: date | None = None
    issuer: str | None = None


@dataclass(frozen=True)
class Task:
    ref: str
    section: str
    text: str
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    timeline: str | None = None
    due: date | None = None
    recurrence: Recurrence | None = None
    budget_vnd: int | None = None
    outputs: tuple[str, ...] = ()
    # Parser extras (under "_extra" in JSON): where the task starts and how sure we are.
    line: int = 0
    confidence: float = 1.0


@dataclass(frozen=True)
class Section:
    ref: str
    label: str
    title: str
    line: int
    children: tuple[Section, ...] = ()


@dataclass(frozen=True)
class ParseWarning:
    line: int
    message: str


@dataclass(frozen=True)
class ParsedPlan:
    source: str
    document: DocumentInfo
    references: tuple[Reference, ...] = ()
    tasks: tuple[Task, ...] = ()
    report_deadline: date | None = None
    recipients: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    warnings: tuple[ParseWarning, ...] = ()
    confidence: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "document": {
                f.name: _out(getattr(self.document, f.name)) for f in fields(DocumentInfo)
            },
            "references": [
                {"number": r.number, "kind": r.kind, "date": _out(r.date), "issuer": r.issuer}
                for r in self.references
            ],
            "tasks": [_task_json(t) for t in self.tasks],
            "report_deadline": _out(self.report_deadline),
            "recipients": list(self.recipients),
            "_extra": {
                "sections": [_section_json(s) for s in self.sections],
                "confidence": dict(self.confidence),
                "warnings": [{"line": w.line, "message": w.message} for w in self.warnings],
                "tasks": [{"line": t.line, "confidence": t.confidence} for t in self.tasks],
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ParsedPlan:
        doc = data.get("document") or {}
        extra = data.get("_extra") or {}
        task_extra = extra.get("tasks") or []
        tasks = []
        for i, t in enumerate(data.get("tasks") or []):
            more = task_extra[i] if i < len(task_extra) else {}
            tasks.append(
                Task(
                    ref=str(t.get("ref") or ""),
                    section=str(t.get("section") or ""),
                    text=str(t.get("text") or ""),
                    lead=tuple(t.get("lead") or ()),
                    support=tuple(t.get("support") or ()),
                    timeline=t.get("timeline"),
                    due=_date_in(t.get("due")),
                    recurrence=t.get("recurrence") if t.get("recurrence") in RECURRENCES else None,
                    budget_vnd=t.get("budget_vnd"),
                    outputs=tuple(t.get("outputs") or ()),
                    line=int(more.get("line") or 0),
                    confidence=float(more.get("confidence", 1.0)),
                )
            )
        return cls(
            source=str(data.get("source") or ""),
            document=DocumentInfo(
                number=doc.get("number"),
                kind=doc.get("kind"),
                issuer=doc.get("issuer"),
                place=doc.get("place"),
                date=_date_in(doc.get("date")),
                year=doc.get("year"),
                title=doc.get("title"),
                signer=doc.get("signer"),
                signer_title=doc.get("signer_title"),
            ),
            references=tuple(
                Reference(
                    number=str(r["number"]),
                    kind=r.get("kind"),
                    date=_date_in(r.get("date")),
                    issuer=r.get("issuer"),
                )
                for r in data.get("references") or ()
                if r.get("number")
            ),
            tasks=tuple(tasks),
            report_deadline=_date_in(data.get("report_deadline")),
            recipients=tuple(data.get("recipients") or ()),
            sections=tuple(_section_in(s) for s in extra.get("sections") or ()),
            warnings=tuple(
                ParseWarning(int(w.get("line") or 0), str(w.get("message") or ""))
                for w in extra.get("warnings") or ()
            ),
            confidence={str(k): float(v) for k, v in (extra.get("confidence") or {}).items()},
        )

    def with_tasks(self, tasks: tuple[Task, ...]) -> ParsedPlan:
        return replace(self, tasks=tasks)


def _out(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def _date_in(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _task_json(t: Task) -> dict[str, Any]:
    return {
        "ref": t.ref,
        "section": t.section,
        "text": t.text,
        "lead": list(t.lead),
        "support": list(t.support),
        "timeline": t.timeline,
        "due": _out(t.due),
        "recurrence": t.recurrence,
        "budget_vnd": t.budget_vnd,
        "outputs": list(t.outputs),
    }


def _section_json(s: Section) -> dict[str, Any]:
    return {
        "ref": s.ref,
        "label": s.label,
        "title": s.title,
        "line": s.line,
        "children": [_section_json(c) for c in s.children],
    }


def _section_in(d: dict[str, Any]) -> Section:
    return Section(
        ref=str(d.get("ref") or ""),
        label=str(d.get("label") or ""),
        title=str(d.get("title") or ""),
        line=int(d.get("line") or 0),
        children=tuple(_section_in(c) for c in d.get("children") or ()),
    )
