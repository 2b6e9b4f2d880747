"""Content items of the CSDL TTĐN, their taxonomy, translations (one per language), revisions,
workflow events and media. Every model keeps an audit trail (django-simple-history)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ttdn.library.languages import language_choices


class ItemKind(models.TextChoices):
    NEWS = "news", _("Tin")
    ARTICLE = "article", _("Bài viết")
    PHOTO = "photo", _("Ảnh")
    VIDEO = "video", _("Video")
    PUBLICATION = "publication", _("Ấn phẩm")
    DOCUMENT = "document", _("Tài liệu")
    FACT_SHEET = "fact_sheet", _("Số liệu")
    EVENT_FILE = "event_file", _("Hồ sơ sự kiện")


class SecurityLevel(models.TextChoices):
    PUBLIC = "public", _("Công khai")
    RESTRICTED = "restricted", _("Hạn chế")
    SECRET = "secret", _("Mật")


class ItemState(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Chờ duyệt")
    RETURNED = "returned", _("Trả lại để sửa")
    APPROVED = "approved", _("Đã duyệt")
    PUBLISHED = "published", _("Đã xuất bản")
    ARCHIVED = "archived", _("Lưu trữ")


class Category(models.Model):
    """One entry of the configurable taxonomy (lĩnh vực); names per portal language."""

    slug = models.SlugField(_("mã"), max_length=80, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    names = models.JSONField(_("tên theo ngôn ngữ"), default=dict, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def name_in(self, language: str) -> str:
        """The name in `language`; Vietnamese is `name`, others fall back to English."""
        if language == "vi":
            return self.name
        return str(self.names.get(language) or self.names.get("en") or self.name)


class Tag(models.Model):
    slug = models.SlugField(_("mã"), max_length=100, unique=True)
    name = models.CharField(_("từ khóa"), max_length=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("từ khóa")
        verbose_name_plural = _("từ khóa")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Item(models.Model):
    """One piece of foreign-information content, in any number of languages."""

    kind = models.CharField(_("loại"), max_length=20, choices=ItemKind.choices)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị cung cấp"),
        on_delete=models.PROTECT,
        related_name="library_items",
    )
    security_level = models.CharField(
        _("độ mật"), max_length=12, choices=SecurityLevel.choices, default=SecurityLevel.PUBLIC
    )
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=ItemState.choices, default=ItemState.DRAFT
    )
    source_language = models.CharField(
        _("ngôn ngữ gốc"), max_length=8, choices=language_choices(), default="vi"
    )
    categories = models.ManyToManyField(Category, verbose_name=_("lĩnh vực"), blank=True)
    tags = models.ManyToManyField(Tag, verbose_name=_("từ khóa"), blank=True)
    places = models.CharField(_("địa danh"), max_length=500, blank=True)
    event_start = models.DateField(_("ngày sự kiện"), null=True, blank=True)
    event_end = models.DateField(_("đến ngày"), null=True, blank=True)
    source = models.CharField(_("nguồn"), max_length=300, blank=True)
    author = models.CharField(_("tác giả"), max_length=200, blank=True)
    licence = models.CharField(_("bản quyền, giấy phép"), max_length=200, blank=True)
    video_url = models.URLField(_("đường dẫn video"), blank=True)
    attachment = models.FileField(_("tệp đính kèm"), upload_to="library/files/%Y/", blank=True)
    attachment_type = models.CharField(max_length=120, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)
    # When the item goes (or went) live on the portal; in the future = scheduled.
    published_at = models.DateTimeField(_("xuất bản lúc"), null=True, blank=True)
    review_comment = models.TextField(_("ý kiến biên tập"), blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("tin, bài, tư liệu")
        verbose_name_plural = _("tin, bài, tư liệu")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["state", "security_level", "published_at"])]

    def __str__(self) -> str:
        source = next(
            (t for t in self.translations.all() if t.language == self.source_language), None
        )
        return source.title if source else f"#{self.pk}"


class Translation(models.Model):
    """The item in one language; the source language's translation is the original."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("ngôn ngữ"), max_length=8, choices=language_choices())
    title = models.CharField(_("tiêu đề"), max_length=300)
    slug = models.SlugField(max_length=120, allow_unicode=False, blank=True)
    summary = models.TextField(_("tóm tắt"), blank=True)
    body = models.TextField(_("nội dung"), blank=True)  # sanitised HTML (ttdn.library.html)
    # Plain text the search backends index: title, summary, body text, tags and places.
    search_document = models.TextField(blank=True, default="", editable=False)
    revision = models.PositiveIntegerField(_("lần sửa"), default=1)
    # The source translation's revision this translation was made from (stale when older).
    source_revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_document", "updated_at"])

    class Meta:
        verbose_name = _("bản ngôn ngữ")
        verbose_name_plural = _("bản ngôn ngữ")
        constraints = [
            models.UniqueConstraint(fields=["item", "language"], name="one_translation_per_lang")
        ]
        indexes = [models.Index(fields=["language", "item"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class Revision(models.Model):
    """A saved state of one translation's text, for the diff view."""

    translation = models.ForeignKey(Translation, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phiên bản")
        verbose_name_plural = _("phiên bản")
        ordering = ["translation", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["translation", "number"], name="one_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.translation} #{self.number}"


class WorkflowEvent(models.Model):
    """One transition of an item's workflow: who, when, from which state to which, why."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=12, choices=ItemState.choices)
    to_state = models.CharField(max_length=12, choices=ItemState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bước quy trình")
        verbose_name_plural = _("bước quy trình")
        ordering = ["item", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


class Media(models.Model):
    """An image of an item, checked by its content, with a thumbnail and alt text."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="media")
    image = models.FileField(_("ảnh"), upload_to="library/images/%Y/")
    thumbnail = models.FileField(upload_to="library/thumbs/%Y/", blank=True)
    content_type = models.CharField(max_length=40)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    size = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(_("mô tả ảnh (alt)"), max_length=300, blank=True)
    caption = models.CharField(_("chú thích"), max_length=500, blank=True)
    gps_stripped = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")
        ordering = ["item", "pk"]

    def __str__(self) -> str:
        return self.alt_text or self.image.name
