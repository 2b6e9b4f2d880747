"""Unit, UnitAlias, UnitSuccession (reorganisations), User and ApiToken."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class UnitKind(models.TextChoices):
    UBND = "ubnd", _("Ủy ban nhân dân")
    PARTY = "party", _("Tỉnh ủy, ban Đảng")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    COMMUNE = "commune", _("Xã, phường, đặc khu")
    PRESS = "press", _("Cơ quan báo chí")
    ARMED_FORCES = "armed_forces", _("Lực lượng vũ trang")
    MASS_ORG = "mass_org", _("Mặt trận, đoàn thể, hội")
    CENTRAL = "central", _("Cơ quan trung ương")
    OTHER = "other", _("Khác")


class Unit(models.Model):
    """An organisation that plans name: issuer, lead (chủ trì) or support (phối hợp) unit."""

    code = models.SlugField(_("mã đơn vị"), max_length=64, unique=True)
    name = models.CharField(_("tên đầy đủ"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=UnitKind.choices)
    province = models.CharField(
        _("tỉnh, thành phố"),
        max_length=100,
        blank=True,
        help_text=_("Bỏ trống với cơ quan trung ương."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    # Folded name, short name and aliases: accent-insensitive directory search on any database.
    search_key = models.TextField(editable=False, blank=True, default="")
    history = HistoricalRecords(excluded_fields=["search_key"])

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_valid_on(self, day: dt.date) -> bool:
        starts = self.valid_from is None or self.valid_from <= day
        return starts and (self.valid_to is None or day <= self.valid_to)


class AliasSource(models.TextChoices):
    DATA = "data", _("Danh mục")
    OFFICER = "officer", _("Cán bộ ánh xạ")


class UnitAlias(models.Model):
    """Another way documents print the unit's name ("Sở TTTT", "STTTT")."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(_("tên gọi khác"), max_length=255)
    folded = models.CharField(max_length=255, db_index=True, editable=False)
    source = models.CharField(max_length=10, choices=AliasSource.choices, default=AliasSource.DATA)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tên gọi khác")
        verbose_name_plural = _("tên gọi khác")
        constraints = [models.UniqueConstraint(fields=["unit", "folded"], name="unit_alias_unique")]

    def __str__(self) -> str:
        return self.text


class SuccessionKind(models.TextChoices):
    RENAME = "rename", _("Đổi tên")
    MERGE = "merge", _("Hợp nhất, sáp nhập")
    SPLIT = "split", _("Chia tách")
    TRANSFER = "transfer", _("Chuyển giao chức năng")


class UnitSuccession(models.Model):
    """One link of a reorganisation: `predecessor`'s work passed to `successor` on a date.

    A merge is several rows sharing a successor, a split several rows sharing a predecessor.
    """

    predecessor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="successions_out")
    successor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="successions_in")
    kind = models.CharField(_("hình thức"), max_length=10, choices=SuccessionKind.choices)
    effective_date = models.DateField(_("ngày hiệu lực"))
    decision = models.CharField(_("văn bản quyết định"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thay đổi tổ chức")
        verbose_name_plural = _("thay đổi tổ chức")
        ordering = ["effective_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="unit_succession_unique"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")), name="unit_succession_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    COORDINATOR = "coordinator", _("Cán bộ cơ quan đầu mối")
    UNIT_OFFICER = "unit_officer", _("Cán bộ đơn vị")
    UNIT_LEADER = "unit_leader", _("Lãnh đạo đơn vị")
    CONTENT_EDITOR = "content_editor", _("Biên tập viên nội dung")
    VIEWER = "viewer", _("Lãnh đạo (xem)")


class Language(models.TextChoices):
    VI = "vi", "Tiếng Việt"
    EN = "en", "English"


class User(AbstractUser):
    """A person who signs in; belongs to one unit and holds one role."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    role = models.CharField(
        _("vai trò"), max_length=20, choices=Role.choices, default=Role.UNIT_OFFICER
    )
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    language = models.CharField(
        _("ngôn ngữ giao diện"), max_length=5, choices=Language.choices, default=Language.VI
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 is stored, the key is shown once at creation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("tên"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("hết hạn"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
