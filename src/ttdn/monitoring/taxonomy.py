"""The topic taxonomy as officials edit it in the product: topics read from the active Taxonomy
version (or the default file), one topic added, changed, switched off or on at a time, each change
a new audited version (the older ones are kept); rule expressions checked with the position of
their first error; a rule tried on recent stored articles.

A switched-off topic stays in the version's YAML as a commented-out block after DISABLED_MARK:
the analysis reads only the live list, and a person reading the YAML in the admin sees why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from django.db import transaction

from ttdn.core.errors import Conflict, NotFound, ValidationFailed
from ttdn.monitoring.models import Article, Taxonomy
from ttdn.monitoring.nlp.rules import Document, RuleSyntaxError, parse
from ttdn.monitoring.nlp.topics import DEFAULT_TAXONOMY, taxonomy_from_text
from ttdn.monitoring.selectors import require_view
from ttdn.text.normalize import nfc
from ttdn.units.services import require_perm, save_audited

DISABLED_MARK = "# --- Chủ đề đang tắt (máy không dùng khi phân tích) ---"
CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The parser's lexical grammar (nlp/rules.py), with spans: "(" | ")" | "phrase" | word.
_TOKEN = re.compile(r'\s*(?:(\()|(\))|("[^"]*")|([^\s()"]+))')
TRY_LIMIT = 200  # recent articles a rule is tried on
RULES: dict[str, object] = {"field": "rules"}  # where a form shows a rule's error


@dataclass(frozen=True)
class TopicRule:
    expression: str
    weight: float = 1.0


@dataclass(frozen=True)
class TopicEntry:
    code: str
    name: str
    sensitive: bool
    min_score: float
    rules: tuple[TopicRule, ...]
    enabled: bool


@dataclass(frozen=True)
class TaxonomyState:
    version: int | None  # the active Taxonomy's id; None while the default file is in use
    entries: list[dict[str, Any]]  # live topics, as stored
    disabled: list[dict[str, Any]]  # switched-off topics

    def topics(self) -> list[TopicEntry]:
        return [_entry(e, True) for e in self.entries] + [_entry(e, False) for e in self.disabled]

    def topic(self, code: str) -> TopicEntry:
        for topic in self.topics():
            if topic.code == code:
                return topic
        raise NotFound(f"Không tìm thấy chủ đề “{code}”")


@dataclass(frozen=True)
class ExpressionProblem:
    message: str
    position: int  # 1-based character of the expression; len + 1 for "at the end"
    token: str

    def __str__(self) -> str:
        if self.token:
            return f"{self.message} (ký tự thứ {self.position}: “{self.token}”)"
        return f"{self.message} (ở cuối biểu thức)"


def _entry(raw: dict[str, Any], enabled: bool) -> TopicEntry:
    return TopicEntry(
        code=str(raw["code"]),
        name=str(raw.get("name", raw["code"])),
        sensitive=bool(raw.get("sensitive", False)),
        min_score=float(raw.get("min_score", 2)),
        rules=tuple(
            TopicRule(str(r.get("when", "")), float(r.get("weight", 1)))
            for r in raw.get("rules", [])
        ),
        enabled=enabled,
    )


def taxonomy_current() -> TaxonomyState:
    active = Taxonomy.objects.filter(active=True).first()
    if active is None:
        return TaxonomyState(None, _load(DEFAULT_TAXONOMY.read_text(encoding="utf-8")), [])
    live, _, rest = active.text.partition(DISABLED_MARK)
    disabled_text = "\n".join(line.removeprefix("#").removeprefix(" ") for line in rest.split("\n"))
    return TaxonomyState(active.pk, _load(live), _load(disabled_text))


def _load(text: str) -> list[dict[str, Any]]:
    try:
        entries = yaml.safe_load(text)
    except yaml.YAMLError:
        return []  # the admin's text is checked when saved; a broken comment block reads as none
    return [e for e in entries or [] if isinstance(e, dict) and e.get("code")]


def taxonomy_text(entries: list[dict[str, Any]], disabled: list[dict[str, Any]]) -> str:
    def dump(rows: list[dict[str, Any]]) -> str:
        return yaml.safe_dump(rows, allow_unicode=True, sort_keys=False, width=100_000)

    text = "# Bảng chủ đề sửa trong phần mềm (Giám sát báo chí → Chủ đề).\n" + dump(entries)
    if disabled:
        commented = "\n".join(f"# {line}" for line in dump(disabled).rstrip("\n").split("\n"))
        text += f"{DISABLED_MARK}\n{commented}\n"
    return text


def expression_problem(expression: str) -> ExpressionProblem | None:
    """None when the parser accepts the expression; otherwise its message and where it fails.

    The place is the first token after which no completion could parse: each prefix is closed
    with a term and the missing ")" and handed to the parser itself, so the two never disagree.
    """
    text = nfc(expression)
    try:
        parse(text)
        return None
    except RuleSyntaxError as exc:
        whole = str(exc)
    tokens: list[tuple[str, int, int]] = []
    pos = len(text) - len(text.lstrip())
    stripped_end = len(text.rstrip())
    while pos < stripped_end:
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            quote = text.index('"', pos)
            return ExpressionProblem(whole, quote + 1, '"')
        group = m.lastindex or 1
        tokens.append((m.group(group), m.start(group), m.end(group)))
        pos = m.end()
    depth = 0
    for word, start, end in tokens:
        depth += (word == "(") - (word == ")")
        try:
            operand = " x" if word in ("(", "AND", "OR", "NOT") else ""
            parse(text[:end] + operand + ")" * depth)
        except RuleSyntaxError as exc:
            return ExpressionProblem(str(exc), start + 1, word)
    return ExpressionProblem(whole, len(text.rstrip()) + 1, "")


def _check_rules(rules: list[TopicRule]) -> list[dict[str, Any]]:
    if not rules:
        raise ValidationFailed("Chủ đề cần ít nhất một quy tắc", details=RULES)
    out = []
    for number, rule in enumerate(rules, start=1):
        problem = expression_problem(rule.expression)
        if problem is not None:
            raise ValidationFailed(f"Quy tắc {number}: {problem}", details=RULES)
        if not 0 < rule.weight <= 10:
            raise ValidationFailed(
                f"Quy tắc {number}: trọng số phải lớn hơn 0 và không quá 10", details=RULES
            )
        out.append({"when": nfc(rule.expression).strip(), "weight": rule.weight})
    return out


@transaction.atomic
def topic_save(
    *,
    actor: Any,
    base_version: int | None,
    code: str,
    name: str,
    rules: list[TopicRule],
    sensitive: bool = False,
    min_score: float = 2.0,
    new: bool = False,
) -> Taxonomy:
    """Add a topic (`new`) or change one; the result becomes the active taxonomy version."""
    require_perm(actor, "monitoring.manage_rules")
    state = _locked_state(base_version)
    code, name = code.strip(), nfc(name).strip()
    if not CODE.match(code) or len(code) > 50:
        raise ValidationFailed(
            "Mã chủ đề chỉ gồm chữ thường không dấu, số và dấu gạch nối (ví dụ: cang-bien)"
        )
    if not name:
        raise ValidationFailed("Cần nhập tên chủ đề", details={"field": "name"})
    if not 0 < min_score <= 100:
        raise ValidationFailed(
            "Điểm tối thiểu phải lớn hơn 0 và không quá 100", details={"field": "min_score"}
        )
    known = {e["code"] for e in state.entries + state.disabled}
    if new and code in known:
        raise ValidationFailed(f"Mã chủ đề “{code}” đã có", details={"field": "code"})
    if not new and code not in known:
        raise NotFound(f"Không tìm thấy chủ đề “{code}”")
    row: dict[str, Any] = {"code": code, "name": name}
    if sensitive:
        row["sensitive"] = True
    if min_score != 2:
        row["min_score"] = min_score
    row["rules"] = _check_rules(rules)
    entries = [row if e["code"] == code else e for e in state.entries]
    disabled = [row if e["code"] == code else e for e in state.disabled]
    if new:
        entries.append(row)
    verb = "thêm" if new else "sửa"
    return _activate(actor, taxonomy_text(entries, disabled), f"{verb} chủ đề {code}")


@transaction.atomic
def topic_set_enabled(
    *, actor: Any, base_version: int | None, code: str, enabled: bool
) -> Taxonomy:
    """Switch a topic off (kept, commented out) or back on."""
    require_perm(actor, "monitoring.manage_rules")
    state = _locked_state(base_version)
    source, target = (state.disabled, state.entries) if enabled else (state.entries, state.disabled)
    moved = [e for e in source if e["code"] == code]
    if not moved:
        state.topic(code)  # NotFound for an unknown code
        raise ValidationFailed(f"Chủ đề “{code}” đã {'đang dùng' if enabled else 'tắt'} từ trước")
    source = [e for e in source if e["code"] != code]
    target = [*target, *moved]
    entries, disabled = (target, source) if enabled else (source, target)
    if not entries:
        raise ValidationFailed("Phải còn ít nhất một chủ đề đang dùng")
    verb = "bật" if enabled else "tắt"
    return _activate(actor, taxonomy_text(entries, disabled), f"{verb} chủ đề {code}")


def _locked_state(base_version: int | None) -> TaxonomyState:
    # Two officials editing at once: the second save is refused instead of undoing the first.
    active = list(Taxonomy.objects.select_for_update().filter(active=True).values_list("pk"))
    current = active[0][0] if active else None
    if current != base_version:
        raise Conflict(
            "Bảng chủ đề vừa được người khác sửa; hãy mở lại trang và sửa trên bản mới nhất"
        )
    return taxonomy_current()


def _activate(actor: Any, text: str, note: str) -> Taxonomy:
    try:
        taxonomy_from_text(text)
    except ValueError as exc:
        raise ValidationFailed(str(exc)) from exc
    for old in Taxonomy.objects.filter(active=True):
        old.active = False
        save_audited(old, actor)
    version = Taxonomy(text=text, note=note[:200], active=True)
    save_audited(version, actor)
    return version


@dataclass(frozen=True)
class RuleTrial:
    scanned: int
    matches: list[tuple[Article, tuple[str, ...]]]  # article and the terms found in it


def rule_try(*, user: Any, expression: str, limit: int = TRY_LIMIT) -> RuleTrial:
    """Which of the `limit` most recent stored articles the expression matches, with evidence."""
    require_view(user)
    problem = expression_problem(expression)
    if problem is not None:
        raise ValidationFailed(str(problem))
    node = parse(nfc(expression))
    recent = list(
        Article.objects.select_related("source")
        .defer("signature")
        .order_by("-fetched_at", "-pk")[:limit]
    )
    matches = []
    for article in recent:
        hits: set[str] = set()
        if node.matches(Document.of(f"{article.title}\n{article.text}"), hits):
            matches.append((article, tuple(sorted(hits))))
    return RuleTrial(len(recent), matches)
