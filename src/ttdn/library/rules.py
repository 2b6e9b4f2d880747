"""Permissions of the CSDL TTĐN (django-rules).

A contributor unit (its officers and leader) sees and edits its own items (sub-units included)
while they are drafts or returned, and submits them. The coordinating agency's editors (biên tập
viên nội dung), its officers and administrators see every item, edit any item before it is
archived, and approve, return, publish and archive. The province's leaders (viewer) read all.
"""

from __future__ import annotations

from typing import Any

import rules

from ttdn.library.models import ItemState
from ttdn.units.models import Role
from ttdn.units.rules import is_admin, is_coordinator, is_own_unit, is_viewer

EDITABLE_BY_UNIT = (ItemState.DRAFT, ItemState.RETURNED)


@rules.predicate
def is_content_editor(user: Any) -> bool:
    return bool(user.is_authenticated and user.role == Role.CONTENT_EDITOR)


@rules.predicate
def is_contributor(user: Any) -> bool:
    return bool(
        user.is_authenticated
        and user.unit_id is not None
        and user.role in (Role.UNIT_OFFICER, Role.UNIT_LEADER, Role.CONTENT_EDITOR)
    )


@rules.predicate
def contributes_item(user: Any, item: Any) -> bool:
    return bool(is_contributor(user) and is_own_unit(user, getattr(item, "unit", None)))


@rules.predicate
def item_open_to_unit(user: Any, item: Any) -> bool:
    return getattr(item, "state", None) in EDITABLE_BY_UNIT


@rules.predicate
def item_not_archived(user: Any, item: Any) -> bool:
    return getattr(item, "state", None) != ItemState.ARCHIVED


edits_library = is_admin | is_coordinator | is_content_editor
sees_library = edits_library | is_viewer

rules.add_perm("library.view_item", sees_library | contributes_item)
rules.add_perm("library.create_item", is_contributor | edits_library)
rules.add_perm(
    "library.change_item",
    (edits_library & item_not_archived) | (contributes_item & item_open_to_unit),
)
rules.add_perm("library.submit_item", contributes_item | edits_library)
rules.add_perm("library.review_item", edits_library)
rules.add_perm("library.bulk_items", edits_library)
