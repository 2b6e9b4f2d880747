"""factory-boy factories for units and users."""

from __future__ import annotations

import factory

from ttdn.text.normalize import fold
from ttdn.units.models import Role, Unit, UnitKind, User


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"U{n:03d}")
    name = factory.Sequence(lambda n: f"Đơn vị thử {n}")
    kind = UnitKind.DEPARTMENT
    province = "Quảng Trị"
    search_key = factory.LazyAttribute(lambda unit: f"{fold(unit.name)} {fold(unit.code)}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    role = Role.UNIT_OFFICER
    unit = factory.SubFactory(UnitFactory)
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            obj.save()


def library_item(
    *,
    unit: Unit,
    title: str,
    language: str = "vi",
    body: str = "",
    summary: str = "",
    **fields: object,
):  # type: ignore[no-untyped-def]
    """A CSDL item with its source translation, written straight to the tables (no workflow),
    indexed for search like the services do."""
    from django.utils.text import slugify

    from ttdn.library.models import Item, Translation
    from ttdn.library.search import search_backend
    from ttdn.library.services import search_document

    item = Item.objects.create(
        unit=unit, kind=fields.pop("kind", "news"), source_language=language, **fields
    )
    translation = Translation.objects.create(
        item=item,
        language=language,
        title=title,
        body=body,
        summary=summary,
        slug=slugify(fold(title))[:120],
    )
    translation.search_document = search_document(translation)
    translation.save(update_fields=["search_document"])
    search_backend().index([translation])
    return item
