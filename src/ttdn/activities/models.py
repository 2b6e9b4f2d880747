"""Activity (one registered activity of a unit, with the fields of its kind) and ActivityPhoto
(photos of a billboard cluster or an event)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ttdn.plans.models import Task
from ttdn.units.models import Unit


class ActivityKind(models.TextChoices):
    TRAINING = "training", _("Tập huấn, bồi dưỡng")
    CONFERENCE = "conference", _("Hội nghị, hội thảo")
    PUBLICATION = "publication", _("Ấn phẩm")
    BILLBOARD = "billboard", _("Cụm pa-nô")
    EXHIBITION = "exhibition", _("Triển lãm")
    COMPETITION = "competition", _("Cuộc thi")
    AWARD = "award", _("Giải thưởng")
    CULTURAL = "cultural", _("Giao lưu văn hóa")


class Condition(models.TextChoices):
    GOOD = "good", _("Tốt")
    WORN = "worn", _("Xuống cấp")
    DAMAGED = "damaged", _("Hư hỏng")
    REMOVED = "removed", _("Đã tháo dỡ")


class Activity(models.Model):
    """One activity; the fields that do not apply to its kind stay empty."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị thực hiện"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    kind = models.CharField(_("loại hoạt động"), max_length=12, choices=ActivityKind.choices)
    title = models.CharField(_("tên hoạt động"), max_length=255)
    starts = models.DateField(_("từ ngày"))
    ends = models.DateField(_("đến ngày"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    # trainings, conferences, exhibitions, cultural exchanges
    participants = models.PositiveIntegerField(_("số người tham dự"), null=True, blank=True)
    trainers = models.TextField(_("báo cáo viên, giảng viên"), blank=True)
    materials = models.TextField(_("tài liệu"), blank=True)
    # publications
    languages = models.CharField(_("ngôn ngữ"), max_length=100, blank=True)
    print_run = models.PositiveIntegerField(_("số lượng in (bản)"), null=True, blank=True)
    distribution = models.TextField(_("nơi phát hành"), blank=True)
    # billboard clusters
    latitude = models.DecimalField(
        _("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    content = models.TextField(_("nội dung"), blank=True)
    installed_on = models.DateField(_("ngày lắp đặt"), null=True, blank=True)
    maintained_on = models.DateField(_("ngày bảo trì gần nhất"), null=True, blank=True)
    condition = models.CharField(
        _("tình trạng"), max_length=8, choices=Condition.choices, blank=True
    )
    # competitions and awards
    organiser = models.CharField(_("cơ quan tổ chức"), max_length=255, blank=True)
    results = models.TextField(_("kết quả, giải thưởng"), blank=True)
    tasks = models.ManyToManyField(
        Task,
        verbose_name=_("minh chứng cho nhiệm vụ"),
        blank=True,
        related_name="activities",
        through="ActivityEvidence",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động")
        ordering = ["-starts", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends__gte=F("starts")), name="activity_dates"),
        ]
        indexes = [models.Index(fields=["starts", "ends"], name="activity_dates_idx")]

    def __str__(self) -> str:
        return self.title


class ActivityEvidence(models.Model):
    """The activity counts as evidence (minh chứng) of a plan task; its own audited row, so who
    attached it and when stays in the audit trail."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="evidence")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="activity_evidence")
    attached_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minh chứng hoạt động")
        verbose_name_plural = _("minh chứng hoạt động")
        constraints = [
            models.UniqueConstraint(fields=["activity", "task"], name="activity_evidence_once")
        ]

    def __str__(self) -> str:
        return f"{self.activity} → {self.task}"


class ActivityPhoto(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("ảnh"), upload_to="activities/%Y/%m/")
    caption = models.CharField(_("chú thích"), max_length=255, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ảnh hoạt động")
        verbose_name_plural = _("ảnh hoạt động")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.caption or self.file.name
