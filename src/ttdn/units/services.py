"""Writes to units, aliases, reorganisations, users and API tokens.

Every function is keyword-only, checks permission itself, runs in one transaction and records
the acting user in the audit trail (django-simple-history).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from ttdn.core.errors import Conflict, PermissionDenied, ValidationFailed
from ttdn.text.normalize import fold, nfc
from ttdn.units.models import (
    AliasSource,
    ApiToken,
    Language,
    SuccessionKind,
    Unit,
    UnitAlias,
    UnitSuccession,
    User,
)

UNIT_EDITABLE_FIELDS = ("name", "short_name", "email", "phone", "address", "valid_from", "valid_to")


def require_perm(user: Any, perm: str, obj: object | None = None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")


def audit_actor(actor: Any) -> Any:
    """The user to record in the audit trail: None (the system) for the console or a job."""
    return actor if getattr(actor, "is_authenticated", False) else None


def save_audited(instance: Any, actor: Any) -> None:
    instance._history_user = audit_actor(actor)
    instance.save()


def unit_search_key(unit: Unit) -> str:
    names = [unit.name, unit.short_name, unit.code, *(a.text for a in unit.aliases.all())]
    return " ".join(fold(name) for name in names if name)


def unit_refresh_search_key(*, unit: Unit) -> None:
    Unit.objects.filter(pk=unit.pk).update(search_key=unit_search_key(unit))


@transaction.atomic
def unit_update(*, actor: Any, unit: Unit, changes: dict[str, Any]) -> Unit:
    require_perm(actor, "units.change_unit", unit)
    unknown = set(changes) - set(UNIT_EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    for field, value in changes.items():
        setattr(unit, field, nfc(value).strip() if isinstance(value, str) else value)
    if not unit.name:
        raise ValidationFailed("Tên đơn vị không được để trống.")
    if unit.valid_from and unit.valid_to and unit.valid_to < unit.valid_from:
        raise ValidationFailed("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")
    save_audited(unit, actor)
    unit_refresh_search_key(unit=unit)
    return unit


@transaction.atomic
def unit_alias_add(
    *, actor: Any, unit: Unit, text: str, source: str = AliasSource.OFFICER
) -> UnitAlias:
    require_perm(actor, "units.change_unit", unit)
    text = nfc(text).strip()
    if not text:
        raise ValidationFailed("Tên gọi khác không được để trống.")
    if len(text) > 255:
        raise ValidationFailed("Tên gọi khác dài quá 255 ký tự.")
    folded = fold(text)
    if folded == fold(unit.name) or unit.aliases.filter(folded=folded).exists():
        raise Conflict(f"Đơn vị đã có tên gọi “{text}”.")
    alias = UnitAlias(unit=unit, text=text, folded=folded, source=source)
    save_audited(alias, actor)
    unit_refresh_search_key(unit=unit)
    return alias


@transaction.atomic
def unit_alias_remove(*, actor: Any, alias: UnitAlias) -> None:
    require_perm(actor, "units.change_unit", alias.unit)
    alias._history_user = actor  # type: ignore[attr-defined]
    unit = alias.unit
    alias.delete()
    unit_refresh_search_key(unit=unit)


@transaction.atomic
def unit_succession_add(
    *,
    actor: Any,
    predecessors: list[Unit],
    successor: Unit,
    kind: str,
    effective_date: dt.date,
    decision: str = "",
) -> list[UnitSuccession]:
    """Record a reorganisation; predecessors that cease get `valid_to` = the day before."""
    require_perm(actor, "units.reorganise_units")
    if kind not in SuccessionKind.values:
        raise ValidationFailed(f"Hình thức thay đổi tổ chức không hợp lệ: {kind}.")
    if not predecessors or successor in predecessors:
        raise ValidationFailed("Cần ít nhất một đơn vị tiền thân khác với đơn vị kế thừa.")
    links = []
    for predecessor in predecessors:
        if UnitSuccession.objects.filter(predecessor=predecessor, successor=successor).exists():
            raise Conflict(f"Đã ghi nhận {predecessor} → {successor}.")
        links.append(
            succession_link(
                actor=actor,
                predecessor=predecessor,
                successor=successor,
                kind=kind,
                effective_date=effective_date,
                decision=decision,
            )
        )
    return links


def succession_link(
    *,
    actor: Any,
    predecessor: Unit,
    successor: Unit,
    kind: str,
    effective_date: dt.date,
    decision: str,
) -> UnitSuccession:
    """Write one link; a predecessor that ceases (all but a transfer) ends the day before."""
    link = UnitSuccession(
        predecessor=predecessor,
        successor=successor,
        kind=kind,
        effective_date=effective_date,
        decision=nfc(decision).strip(),
    )
    save_audited(link, actor)
    if kind != SuccessionKind.TRANSFER and predecessor.valid_to is None:
        predecessor.valid_to = effective_date - dt.timedelta(days=1)
        save_audited(predecessor, actor)
    return link


@transaction.atomic
def user_set_language(*, actor: Any, user: User, language: str) -> User:
    if actor.pk != user.pk:
        raise PermissionDenied("Chỉ người dùng mới đổi được ngôn ngữ của mình.")
    if language not in Language.values:
        raise ValidationFailed("Ngôn ngữ không được hỗ trợ.")
    user.language = language
    save_audited(user, actor)
    return user


def api_token_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(
    *, actor: Any, name: str, expires_in_days: int | None = 365
) -> tuple[ApiToken, str]:
    """Create a token for the actor; the returned key is shown once and never stored."""
    name = nfc(name).strip()
    if not name:
        raise ValidationFailed("Cần đặt tên cho mã truy cập.")
    key = "ttdn_" + secrets.token_urlsafe(32)
    expires = timezone.now() + dt.timedelta(days=expires_in_days) if expires_in_days else None
    token = ApiToken(
        user=actor, name=name, prefix=key[:12], key_hash=api_token_hash(key), expires_at=expires
    )
    save_audited(token, actor)
    return token, key


@transaction.atomic
def api_token_revoke(*, actor: Any, token: ApiToken) -> None:
    if token.user_id != actor.pk and not actor.has_perm("units.load_units"):
        raise PermissionDenied("Bạn không có quyền thu hồi mã truy cập này.")
    token.revoked_at = timezone.now()
    save_audited(token, actor)
