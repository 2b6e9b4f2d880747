"""Staff pages of the CSDL (login required): the item list, create and edit with translations,
images, the workflow actions, revisions with a diff, and the translation-status table. Thin:
every read is a scoped selector, every write a service; errors come back as messages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.core.errors import ApplicationError, NotFound
from ttdn.library import selectors, services
from ttdn.library.forms import (
    AltTextForm,
    ItemFilterForm,
    ItemForm,
    MediaForm,
    PublishForm,
    ReturnForm,
    TranslationForm,
    language_options,
)
from ttdn.library.languages import content_languages, language_name
from ttdn.library.media import attachment_set, media_add, media_update
from ttdn.library.models import Item, Media

MAX_LISTED = 200
ITEM_FIELDS = services.ITEM_FIELDS


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    form = ItemFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    items = selectors.items_list(
        user=request.user,
        state=data.get("state", ""),
        q=data.get("q", ""),
        kind=data.get("kind", ""),
    )
    context = {
        "form": form,
        "items": list(items[:MAX_LISTED]),
        "can_create": request.user.has_perm("library.create_item"),
        "can_bulk": request.user.has_perm("library.bulk_items"),
        "now": timezone.now(),
    }
    return render(request, "library/item_list.html", context)


def _item_initial(item: Item) -> dict[str, Any]:
    source = item.translations.filter(language=item.source_language).first()
    initial = {field: getattr(item, field) for field in ITEM_FIELDS}
    initial.update(
        title=source.title if source else "",
        summary=source.summary if source else "",
        body=source.body if source else "",
        categories=list(item.categories.all()),
        tags=", ".join(tag.name for tag in item.tags.all()),
    )
    return initial


@login_required
def item_create(request: HttpRequest) -> HttpResponse:
    form = ItemForm(request.POST or None, initial={"security_level": "public"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.item_create(
                actor=request.user,
                title=data["title"],
                summary=data["summary"],
                body=data["body"],
                categories=list(data["categories"]),
                tags=form.tag_names(),
                **{field: data[field] for field in ITEM_FIELDS},
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu bản nháp."))
            return redirect("library:item", pk=item.pk)
    return render(request, "library/item_form.html", {"form": form, "item": None})


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_get_for_user(user=request.user, pk=pk)
    form = ItemForm(request.POST or None, initial=_item_initial(item))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.item_update(
                actor=request.user,
                item=item,
                changes={field: data[field] for field in ITEM_FIELDS},
                categories=list(data["categories"]),
                tags=form.tag_names(),
            )
            services.translation_save(
                actor=request.user,
                item=item,
                language=item.source_language,
                title=data["title"],
                summary=data["summary"],
                body=data["body"],
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("library:item", pk=item.pk)
    return render(request, "library/item_form.html", {"form": form, "item": item})


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_get_for_user(user=request.user, pk=pk)
    user = request.user
    by_language = {t.language: t for t in item.translations.all()}
    context = {
        "item": item,
        "translations": [
            (code, language_name(code), by_language.get(code)) for code in content_languages()
        ],
        "media": list(item.media.all()),
        "events": list(item.events.select_related("actor")),
        "can_edit": user.has_perm("library.change_item", item),
        "can_submit": user.has_perm("library.submit_item", item)
        and item.state in ("draft", "returned"),
        "can_review": user.has_perm("library.review_item", item),
        "return_form": ReturnForm(),
        "publish_form": PublishForm(),
        "media_form": MediaForm(),
    }
    return render(request, "library/item_detail.html", context)


ACTIONS = {
    "submit": (services.item_submit, _("Đã gửi duyệt.")),
    "approve": (services.item_approve, _("Đã duyệt.")),
    "archive": (services.item_archive, _("Đã chuyển vào lưu trữ.")),
}


@require_POST
@login_required
def item_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    item = selectors.item_get_for_user(user=request.user, pk=pk)
    try:
        if action == "return":
            form = ReturnForm(request.POST)
            comment = form.data.get("comment", "")
            services.item_return(actor=request.user, item=item, comment=comment)
            messages.success(request, _("Đã trả lại cho đơn vị kèm ý kiến."))
        elif action == "publish":
            form = PublishForm(request.POST)
            at = form.cleaned_data["at"] if form.is_valid() else None
            item = services.item_publish(actor=request.user, item=item, at=at)
            messages.success(request, _("Đã xuất bản.") if not at else _("Đã hẹn giờ xuất bản."))
        elif action in ACTIONS:
            service, message = ACTIONS[action]
            service(actor=request.user, item=item)
            messages.success(request, message)
        else:
            raise NotFound("Không có thao tác này.")
    except ApplicationError as exc:
        if isinstance(exc, NotFound):
            raise
        messages.error(request, exc.message)
    return redirect("library:item", pk=pk)


@login_required
def translation_edit(request: HttpRequest, pk: int, lang: str) -> HttpResponse:
    item = selectors.item_get_for_user(user=request.user, pk=pk)
    if lang not in content_languages():
        raise NotFound("Ngôn ngữ không có trong danh sách của cổng.")
    translation = item.translations.filter(language=lang).first()
    source = item.translations.filter(language=item.source_language).first()
    initial = (
        {"title": translation.title, "summary": translation.summary, "body": translation.body}
        if translation
        else {}
    )
    form = TranslationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.translation_save(
                actor=request.user, item=item, language=lang, **form.cleaned_data
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Đã lưu bản %(language)s.") % {"language": language_name(lang)}
            )
            return redirect("library:item", pk=pk)
    context = {
        "item": item,
        "form": form,
        "lang": lang,
        "language": language_name(lang),
        "source": source,
    }
    return render(request, "library/translation_form.html", context)


@login_required
def revisions(request: HttpRequest, pk: int, lang: str) -> HttpResponse:
    item = selectors.item_get_for_user(user=request.user, pk=pk)
    translation = item.translations.filter(language=lang).first()
    if translation is None:
        raise NotFound("Chưa có bản ngôn ngữ này.")
    listed = list(selectors.revisions_of(translation=translation))
    diff = None
    old, new = request.GET.get("old", ""), request.GET.get("new", "")
    if old.isdigit() and new.isdigit():
        diff = selectors.revision_diff(translation=translation, old=int(old), new=int(new))
    elif len(listed) >= 2:
        diff = selectors.revision_diff(
            translation=translation, old=listed[1].number, new=listed[0].number
        )
    context = {
        "item": item,
        "translation": translation,
        "revisions": listed,
        "diff": diff,
        "language": language_name(lang),
    }
    return render(request, "library/revisions.html", context)


@require_POST
@login_required
def media_upload(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_get_for_user(user=request.user, pk=pk)
    upload = request.FILES.get("image")
    if upload is None:
        messages.error(request, _("Cần chọn một tệp ảnh."))
        return redirect("library:item", pk=pk)
    try:
        media_add(
            actor=request.user,
            item=item,
            name=upload.name or "",
            size=upload.size or 0,
            read=upload.read,
            alt_text=request.POST.get("alt_text", ""),
            caption=request.POST.get("caption", ""),
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã thêm ảnh."))
    return redirect("library:item", pk=pk)


@require_POST
@login_required
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_get_for_user(user=request.user, pk=pk)
    upload = request.FILES.get("attachment")
    if upload is None:
        messages.error(request, _("Cần chọn một tệp."))
        return redirect("library:item", pk=pk)
    try:
        attachment_set(
            actor=request.user,
            item=item,
            name=upload.name or "",
            size=upload.size or 0,
            read=upload.read,
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã lưu tệp đính kèm."))
    return redirect("library:item", pk=pk)


@login_required
def attachment_file(request: HttpRequest, pk: int) -> FileResponse:
    item = selectors.item_get_for_user(user=request.user, pk=pk)
    if not item.attachment:
        raise NotFound("Tin, bài không có tệp đính kèm.")
    return FileResponse(
        item.attachment.open("rb"), as_attachment=True, content_type=item.attachment_type
    )


def _media_for_user(request: HttpRequest, pk: int) -> Media:
    media = Media.objects.select_related("item").filter(pk=pk).first()
    if media is None:
        raise NotFound("Không tìm thấy ảnh.")
    selectors.item_get_for_user(user=request.user, pk=media.item_id)
    return media


@require_POST
@login_required
def media_alt(request: HttpRequest, pk: int) -> HttpResponse:
    media = _media_for_user(request, pk)
    form = AltTextForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần nhập mô tả ảnh (alt)."))
    else:
        try:
            media_update(actor=request.user, media=media, **form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã lưu mô tả ảnh."))
    return redirect("library:item", pk=media.item_id)


@login_required
def media_file(request: HttpRequest, pk: int, size: str) -> FileResponse:
    media = _media_for_user(request, pk)
    field = media.thumbnail if size == "thumb" and media.thumbnail else media.image
    content_type = "image/jpeg" if field is media.thumbnail else media.content_type
    response = FileResponse(field.open("rb"), content_type=content_type)
    response["Content-Disposition"] = "inline"
    return response


@login_required
def translation_status(request: HttpRequest) -> HttpResponse:
    only_incomplete = request.GET.get("incomplete") == "1"
    rows = selectors.translation_status(user=request.user, only_incomplete=only_incomplete)
    context = {"rows": rows, "languages": language_options(), "only_incomplete": only_incomplete}
    return render(request, "library/translation_status.html", context)
