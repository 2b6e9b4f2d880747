"""Load a unit list from YAML or CSV: parse, validate everything, then write all or nothing.

File format (docs/units.md): one record per unit with code, name, kind, optional short_name,
province, parent (a code), valid_from/valid_to, aliases, and predecessors + reorganisation for
units created by a merge, split, rename or transfer.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from ttdn.core.errors import ValidationFailed
from ttdn.text.normalize import fold, nfc
from ttdn.units.models import AliasSource, SuccessionKind, Unit, UnitAlias, UnitKind
from ttdn.units.services import (
    require_perm,
    save_audited,
    succession_link,
    unit_refresh_search_key,
)

MAX_FILE_BYTES = 5 * 1024 * 1024
LIST_SEPARATOR = ";"
KIND_BY_KEY = {fold(str(label)): value for value, label in UnitKind.choices} | {
    value: value for value in UnitKind.values
}
SUCCESSION_BY_KEY = {fold(str(label)): value for value, label in SuccessionKind.choices} | {
    value: value for value in SuccessionKind.values
}


@dataclass
class UnitRow:
    line: int
    code: str
    name: str
    kind: str
    short_name: str = ""
    province: str = ""
    parent: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    aliases: list[str] = field(default_factory=list)
    predecessors: list[str] = field(default_factory=list)
    reorganisation: str = ""
    effective_date: dt.date | None = None  # of the reorganisation; defaults to valid_from
    decision: str = ""


class UnitsFileError(ValidationFailed):
    """The file cannot be loaded; `problems` lists every reason with its record number."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("Không nạp được danh mục đơn vị:\n- " + "\n- ".join(problems))
        self.problems = problems


def _text(value: Any) -> str:
    return nfc(str(value)).strip() if value is not None else ""


def _list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    items = value if isinstance(value, list) else str(value).split(LIST_SEPARATOR)
    return [_text(item) for item in items if _text(item)]


def _date(value: Any, label: str, line: int, problems: list[str]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(str(value).strip(), fmt).date()
        except ValueError:
            continue
    problems.append(f"bản ghi {line}: {label} “{value}” không phải ngày (dd/mm/yyyy).")
    return None


def _row(record: Any, line: int, defaults: dict[str, Any], problems: list[str]) -> UnitRow | None:
    if not isinstance(record, dict):
        problems.append(f"bản ghi {line}: không đúng dạng (cần các trường code, name, kind).")
        return None
    data = {**defaults, **{str(k).strip(): v for k, v in record.items() if k is not None}}
    code, name = _text(data.get("code")), _text(data.get("name"))
    kind = KIND_BY_KEY.get(fold(_text(data.get("kind"))), "")
    reorganisation = _text(data.get("reorganisation"))
    for label, value in (("mã (code)", code), ("tên (name)", name)):
        if not value:
            problems.append(f"bản ghi {line}: thiếu {label}.")
    if not kind:
        problems.append(f"bản ghi {line}: loại đơn vị “{_text(data.get('kind'))}” không hợp lệ.")
    if reorganisation and fold(reorganisation) not in SUCCESSION_BY_KEY:
        problems.append(f"bản ghi {line}: hình thức tổ chức lại “{reorganisation}” không hợp lệ.")
    return UnitRow(
        line=line,
        code=code,
        name=name,
        kind=kind,
        short_name=_text(data.get("short_name")),
        province=_text(data.get("province")),
        parent=_text(data.get("parent")),
        valid_from=_date(data.get("valid_from"), "valid_from", line, problems),
        valid_to=_date(data.get("valid_to"), "valid_to", line, problems),
        aliases=_list(data.get("aliases")),
        predecessors=_list(data.get("predecessors")),
        reorganisation=SUCCESSION_BY_KEY.get(fold(reorganisation), ""),
        effective_date=_date(data.get("effective_date"), "effective_date", line, problems)
        or _date(data.get("valid_from"), "valid_from", line, []),
        decision=_text(data.get("decision")),
    )


def _records(path: Path) -> tuple[list[Any], dict[str, Any]]:
    if not path.is_file():
        raise UnitsFileError([f"không tìm thấy tệp {path}."])
    if path.stat().st_size > MAX_FILE_BYTES:
        raise UnitsFileError(["tệp lớn hơn 5 MB."])
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnitsFileError(["tệp không phải văn bản UTF-8."]) from None
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return list(csv.DictReader(io.StringIO(text))), {}
    if suffix not in {".yaml", ".yml"}:
        raise UnitsFileError(["chỉ nhận tệp .yaml, .yml hoặc .csv."])
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise UnitsFileError([f"tệp YAML sai cú pháp: {exc}"]) from None
    if isinstance(data, list):
        return data, {}
    if not isinstance(data, dict) or not isinstance(data.get("units"), list):
        raise UnitsFileError(["tệp YAML cần danh sách “units”."])
    defaults = {"province": data["province"]} if data.get("province") else {}
    return data["units"], defaults


def parse_units_file(path: Path) -> list[UnitRow]:
    records, defaults = _records(path)
    problems: list[str] = []
    rows = [_row(record, i, defaults, problems) for i, record in enumerate(records, start=1)]
    if not records:
        problems.append("tệp không có đơn vị nào.")
    if problems:
        raise UnitsFileError(problems)
    return [row for row in rows if row is not None]


def _check_graph(rows: list[UnitRow], existing: dict[str, str | None]) -> list[str]:
    """Duplicate codes, unknown parents/predecessors and parent cycles, across file and database."""
    problems: list[str] = []
    seen: dict[str, int] = {}
    for row in rows:
        if row.code in seen:
            problems.append(
                f"bản ghi {row.line}: mã {row.code} trùng với bản ghi {seen[row.code]}."
            )
        seen[row.code] = row.line
        if row.valid_from and row.valid_to and row.valid_to < row.valid_from:
            problems.append(f"bản ghi {row.line}: valid_to trước valid_from.")
    parent_of = existing | {row.code: row.parent or None for row in rows}
    for row in rows:
        for ref, label in [
            (row.parent, "đơn vị cấp trên"),
            *((p, "đơn vị tiền thân") for p in row.predecessors),
        ]:
            if ref and ref not in parent_of:
                problems.append(
                    f"bản ghi {row.line}: {label} “{ref}” không có trong tệp hay hệ thống."
                )
        if row.predecessors and not row.reorganisation:
            problems.append(f"bản ghi {row.line}: có predecessors nhưng thiếu reorganisation.")
    problems.extend(_cycles(rows, parent_of))
    return problems


def _cycles(rows: list[UnitRow], parent_of: dict[str, str | None]) -> list[str]:
    problems = []
    for row in rows:
        chain, code = [row.code], parent_of.get(row.code)
        while code and code not in chain:
            chain.append(code)
            code = parent_of.get(code)
        if code == row.code:
            problems.append(f"bản ghi {row.line}: vòng lặp cấp trên {' → '.join([*chain, code])}.")
    return problems


@dataclass(frozen=True)
class LoadSummary:
    created: int
    updated: int
    aliases_added: int
    successions_added: int


def units_load(*, actor: Any | None, path: Path) -> LoadSummary:
    """Validate the whole file, then upsert units by code; `actor=None` is the server console."""
    rows = parse_units_file(path)
    with transaction.atomic():
        if actor is not None:
            require_perm(actor, "units.load_units")
        existing = dict(Unit.objects.values_list("code", "parent__code"))
        problems = _check_graph(rows, existing)
        problems += [
            f"bản ghi {row.line}: cần effective_date hoặc valid_from khi có predecessors."
            for row in rows
            if row.predecessors and row.effective_date is None
        ]
        if problems:
            raise UnitsFileError(problems)
        units = {row.code: _upsert(row, actor) for row in rows}
        created = sum(1 for row in rows if row.code not in existing)
        referenced = {row.parent for row in rows} | {p for row in rows for p in row.predecessors}
        units |= {u.code: u for u in Unit.objects.filter(code__in=referenced - units.keys())}
        aliases = successions = 0
        for row in rows:
            unit = units[row.code]
            parent = units[row.parent] if row.parent else None
            if unit.parent_id != (parent.pk if parent else None):
                unit.parent = parent
                save_audited(unit, actor)
            aliases += _add_aliases(unit, row.aliases, actor)
            successions += _add_successions(unit, row, units, actor)
            unit_refresh_search_key(unit=unit)
    return LoadSummary(created, len(rows) - created, aliases, successions)


def _upsert(row: UnitRow, actor: Any | None) -> Unit:
    unit = Unit.objects.filter(code=row.code).first() or Unit(code=row.code)
    valid_to = row.valid_to
    if valid_to is None and unit.pk and _ceased_by_reorganisation(unit):
        valid_to = unit.valid_to  # set when its successor was loaded; keep re-loads idempotent
    values = {
        "name": row.name,
        "short_name": row.short_name,
        "kind": row.kind,
        "province": row.province,
        "valid_from": row.valid_from,
        "valid_to": valid_to,
    }
    if unit.pk is None or any(getattr(unit, k) != v for k, v in values.items()):
        for key, value in values.items():
            setattr(unit, key, value)
        save_audited(unit, actor)
    return unit


def _ceased_by_reorganisation(unit: Unit) -> bool:
    return unit.successions_out.exclude(kind=SuccessionKind.TRANSFER).exists()


def _add_aliases(unit: Unit, texts: list[str], actor: Any | None) -> int:
    known = set(unit.aliases.values_list("folded", flat=True)) | {fold(unit.name)}
    added = 0
    for text in texts:
        folded = fold(text)
        if folded in known:
            continue
        known.add(folded)
        save_audited(UnitAlias(unit=unit, text=text, folded=folded, source=AliasSource.DATA), actor)
        added += 1
    return added


def _add_successions(unit: Unit, row: UnitRow, units: dict[str, Unit], actor: Any | None) -> int:
    linked = set(unit.successions_in.values_list("predecessor__code", flat=True))
    added = 0
    for code in row.predecessors:
        if code in linked:
            continue
        assert row.effective_date is not None  # checked before any write
        succession_link(
            actor=actor,
            predecessor=units[code],
            successor=unit,
            kind=row.reorganisation,
            effective_date=row.effective_date,
            decision=row.decision,
        )
        added += 1
    return added
