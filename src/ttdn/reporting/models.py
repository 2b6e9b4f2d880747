"""Indicator, ReportingPeriod, TaskUpdate (+ values and evidence), UnitReport, Reminder and
ReportTemplate."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ttdn.plans.models import Plan, TaskStatus, WorkItem
from ttdn.units.models import Unit


class Indicator(models.Model):
    """A quantitative result units report (số tin, bài; số lớp tập huấn; …); administrators
    edit the list, inactive ones stay on old updates but are no longer offered."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("chỉ tiêu"), max_length=200)
    measure = models.CharField(_("đơn vị tính"), max_length=50)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang dùng"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu kết quả")
        verbose_name_plural = _("chỉ tiêu kết quả")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.measure})"


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", _("Quý")
    HALF = "half", _("6 tháng")
    YEAR = "year", _("Năm")
    AD_HOC = "ad_hoc", _("Đột xuất")


class ReportingPeriod(models.Model):
    """A period the coordinating agency asks every assigned unit to report on, by a deadline."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.PROTECT, related_name="periods"
    )
    kind = models.CharField(_("loại kỳ"), max_length=10, choices=PeriodKind.choices)
    name = models.CharField(_("tên kỳ báo cáo"), max_length=150)
    starts = models.DateField(_("từ ngày"))
    ends = models.DateField(_("đến ngày"))
    deadline = models.DateField(_("hạn gửi báo cáo"))
    lock_after_deadline = models.BooleanField(
        _("khóa sau hạn"),
        default=False,
        help_text=_("Sau hạn, đơn vị không sửa được số liệu của kỳ (trừ báo cáo bị trả lại)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["plan", "ends", "starts", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="period_name_unique"),
            models.CheckConstraint(
                condition=Q(ends__gte=models.F("starts")), name="period_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_locked(self, today: dt.date) -> bool:
        return self.lock_after_deadline and today > self.deadline


class TaskUpdate(models.Model):
    """A unit's report on one work item for one period: narrative, status and progress given,
    indicator values, money spent and evidence. One per work item and period (`period` None:
    progress noted before any period was opened)."""

    work_item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="updates")
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("kỳ báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="updates",
    )
    narrative = models.TextField(_("kết quả thực hiện"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=TaskStatus.choices)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    spent_vnd = models.BigIntegerField(_("kinh phí đã chi (đồng)"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cập nhật"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cập nhật tiến độ")
        verbose_name_plural = _("cập nhật tiến độ")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["work_item", "period"],
                condition=Q(period__isnull=False),
                name="update_once_per_period",
            ),
            models.UniqueConstraint(
                fields=["work_item"],
                condition=Q(period__isnull=True),
                name="update_once_outside_periods",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="update_progress_max"),
            models.CheckConstraint(
                condition=Q(spent_vnd__isnull=True) | Q(spent_vnd__gte=0),
                name="update_spent_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.work_item} · {self.period or '—'}"


class UpdateValue(models.Model):
    """One indicator's figure in an update."""

    update = models.ForeignKey(TaskUpdate, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveBigIntegerField(_("số lượng"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("số liệu chỉ tiêu")
        verbose_name_plural = _("số liệu chỉ tiêu")
        ordering = ["indicator__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["update", "indicator"], name="update_value_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name}: {self.value}"


class EvidenceKind(models.TextChoices):
    FILE = "file", _("Tệp đính kèm")
    LINK = "link", _("Đường dẫn")


class Evidence(models.Model):
    """Proof of a result: an uploaded file (type checked by content) or a link. Links to
    content items and press items arrive with those modules."""

    update = models.ForeignKey(TaskUpdate, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("loại"), max_length=10, choices=EvidenceKind.choices)
    title = models.CharField(_("tên"), max_length=255)
    file = models.FileField(_("tệp"), upload_to="evidence/%Y/%m/", blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    url = models.URLField(_("đường dẫn"), max_length=2000, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thêm"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return self.title


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    PENDING_APPROVAL = "pending_approval", _("Chờ lãnh đạo duyệt")
    APPROVED = "approved", _("Lãnh đạo đã duyệt")
    SUBMITTED = "submitted", _("Đã gửi cơ quan đầu mối")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    RETURNED = "returned", _("Bị trả lại")


class UnitReport(models.Model):
    """A unit's report for a period: its task updates plus an overall assessment, drafted by an
    officer, approved by the unit leader, submitted, then accepted or returned."""

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("kỳ báo cáo"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="period_reports"
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    summary = models.TextField(_("đánh giá chung"), blank=True)
    difficulties = models.TextField(_("tồn tại, khó khăn"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người soạn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lãnh đạo duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(_("gửi lần đầu lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cơ quan đầu mối xem xét"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("xem xét lúc"), null=True, blank=True)
    review_comment = models.TextField(_("ý kiến của cơ quan đầu mối"), blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        ordering = ["period", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="unit_report_once_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.period}"


class Reminder(models.Model):
    """An official reminder (đôn đốc) the coordinating agency sent a unit from the dashboard;
    `token` comes from the form, so a double click sends it once."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reminders")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reminders")
    token = models.CharField(max_length=64, unique=True)
    subject = models.CharField(_("trích yếu"), max_length=255)
    text = models.TextField(_("nội dung đôn đốc"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    recipients = models.PositiveIntegerField(_("số người nhận"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("văn bản đôn đốc")
        verbose_name_plural = _("văn bản đôn đốc")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.subject


class ReportTemplate(models.Model):
    """A report template (.docx with docxtpl placeholders) an administrator uploaded in place of
    the built-in one; at most one of each kind is active, none active means the built-in one.
    Stored files are never changed: a new wording is a new upload, an older one can be reused."""

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Báo cáo của tỉnh")
        UNIT = "unit", _("Báo cáo của đơn vị")

    kind = models.CharField(_("loại báo cáo"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("tệp mẫu"), upload_to="report-templates/")
    name = models.CharField(_("tên mẫu"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    active = models.BooleanField(_("đang dùng"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mẫu báo cáo")
        verbose_name_plural = _("mẫu báo cáo")
        ordering = ["kind", "-uploaded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=Q(active=True), name="report_template_one_active"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class CompiledReportText(models.Model):
    """The officer's own wording of the free-text parts of a compiled report — tồn tại, khó
    khăn (II), phương hướng, nhiệm vụ kỳ tới (III), đề xuất, kiến nghị (IV) — kept per period
    and issuer (`unit` empty: the province report). An empty part keeps the suggested text."""

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("kỳ báo cáo"),
        on_delete=models.CASCADE,
        related_name="compiled_texts",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    difficulties = models.TextField(_("tồn tại, hạn chế, khó khăn"), blank=True)
    next_steps = models.TextField(_("phương hướng, nhiệm vụ kỳ tới"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người sửa"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nội dung báo cáo tổng hợp")
        verbose_name_plural = _("nội dung báo cáo tổng hợp")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit"],
                condition=Q(unit__isnull=False),
                name="compiled_text_one_per_unit",
            ),
            models.UniqueConstraint(
                fields=["period"],
                condition=Q(unit__isnull=True),
                name="compiled_text_one_per_province",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} — {self.unit or _('tỉnh')}"
