"""Plan (an imported KẾ HOẠCH), Task (one assigned piece of work), TaskAssignment (a lead or
support unit of a task, as printed and as resolved) and PlanDraft (an upload being reviewed)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ttdn.documents.models import Document
from ttdn.plans.lifecycle import settle
from ttdn.units.models import Unit


class Plan(models.Model):
    """An imported plan; its number, date and citations live on its `document`."""

    document = models.OneToOneField(
        Document, verbose_name=_("văn bản"), on_delete=models.PROTECT, related_name="plan"
    )
    title = models.TextField(_("tên kế hoạch"))
    year = models.PositiveSmallIntegerField(_("năm kế hoạch"), null=True, blank=True)
    issuer_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị ban hành"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issued_plans",
    )
    province = models.CharField(_("tỉnh, thành phố"), max_length=100, blank=True)
    report_deadline = models.DateField(_("hạn báo cáo"), null=True, blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    source_name = models.CharField(_("tệp nguồn"), max_length=255)
    source_sha256 = models.CharField(max_length=64, unique=True)
    parsed = models.JSONField(_("nội dung đã đọc"), default=dict)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imported_plans",
    )
    imported_at = models.DateTimeField(_("thời điểm nhập"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["parsed"])

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-year", "-imported_at"]

    def __str__(self) -> str:
        return self.title


class Recurrence(models.TextChoices):
    CONTINUOUS = "continuous", _("Thường xuyên")
    QUARTERLY = "quarterly", _("Hằng quý")
    MONTHLY = "monthly", _("Hằng tháng")
    YEARLY = "yearly", _("Hằng năm")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa bắt đầu")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    OVERDUE = "overdue", _("Quá hạn")
    PAUSED = "paused", _("Tạm dừng")
    CANCELLED = "cancelled", _("Hủy")


class Task(models.Model):
    """One task (nhiệm vụ) of a plan, in the plan's order; `ref` is its printed path ("II.1-2")."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveIntegerField(_("thứ tự"))
    ref = models.CharField(_("mục"), max_length=50, blank=True)
    section = models.CharField(_("phần"), max_length=255, blank=True)
    text = models.TextField(_("nhiệm vụ"))
    timeline = models.CharField(_("thời gian"), max_length=255, blank=True)
    due = models.DateField(_("hạn"), null=True, blank=True)
    recurrence = models.CharField(
        _("định kỳ"), max_length=12, choices=Recurrence.choices, blank=True
    )
    budget_vnd = models.BigIntegerField(_("kinh phí (đồng)"), null=True, blank=True)
    outputs = models.JSONField(_("kết quả, sản phẩm"), default=list, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    # Roll-up of the occurrences (`plans.lifecycle.task_roll_up`), kept for filters and lists.
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "order"], name="task_order_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.ref} {self.text[:80]}".strip()


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Chủ trì")
    SUPPORT = "support", _("Phối hợp")


class ResolutionStatus(models.TextChoices):
    RESOLVED = "resolved", _("Đã xác định")
    COLLECTIVE = "collective", _("Nhóm đơn vị")
    AMBIGUOUS = "ambiguous", _("Chưa rõ, nhiều khả năng")
    UNRESOLVED = "unresolved", _("Chưa xác định")


class TaskAssignment(models.Model):
    """A unit named by a task as lead (chủ trì) or support (phối hợp), printed text kept."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    role = models.CharField(_("vai trò"), max_length=8, choices=AssignmentRole.choices)
    text = models.CharField(_("tên đơn vị như trong văn bản"), max_length=500)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="task_assignments",
    )
    resolution = models.CharField(
        _("kết quả xác định"), max_length=12, choices=ResolutionStatus.choices
    )
    # Codes of the units an ambiguous mention may mean, best first (for the officer to choose).
    candidates = models.JSONField(default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đơn vị được giao")
        verbose_name_plural = _("đơn vị được giao")
        ordering = ["task", "role", "pk"]
        indexes = [models.Index(fields=["unit", "role"], name="assignment_unit_role")]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.text}"


class TaskOccurrence(models.Model):
    """One due date of a task: a one-off task has one, a quarterly bulletin four, a monthly
    task twelve; each has its own status rolled up from its lead units' work items."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="occurrences")
    seq = models.PositiveSmallIntegerField(_("lần thứ"))
    label = models.CharField(_("kỳ thực hiện"), max_length=100, blank=True)
    starts = models.DateField(_("bắt đầu"))
    due = models.DateField(_("hạn"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    completed_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lần thực hiện")
        verbose_name_plural = _("lần thực hiện")
        ordering = ["task", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["task", "seq"], name="occurrence_seq_unique"),
            models.CheckConstraint(
                condition=Q(due__gte=models.F("starts")), name="occurrence_dates_ordered"
            ),
        ]
        indexes = [models.Index(fields=["due"], name="occurrence_due")]

    def __str__(self) -> str:
        return f"{self.task.ref} {self.label}".strip()


class WorkItem(models.Model):
    """One unit's part in one occurrence (as lead or support), with its own status and progress.

    This is what a unit officer works from ("Việc của tôi") and reports on. `unit` and `role`
    repeat the assignment's so unit-scoped reads need no join; `version` is the optimistic lock.
    """

    occurrence = models.ForeignKey(
        TaskOccurrence, on_delete=models.CASCADE, related_name="work_items"
    )
    assignment = models.ForeignKey(
        TaskAssignment, on_delete=models.CASCADE, related_name="work_items"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="work_items"
    )
    role = models.CharField(_("vai trò"), max_length=8, choices=AssignmentRole.choices)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    completed_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phần việc của đơn vị")
        verbose_name_plural = _("phần việc của đơn vị")
        ordering = ["occurrence__due", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["occurrence", "unit"], name="work_item_unit_unique"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="work_item_progress_max"),
        ]
        indexes = [models.Index(fields=["unit", "status"], name="work_item_unit_status")]

    def __str__(self) -> str:
        return f"{self.occurrence} · {self.unit}"

    @property
    def current_status(self) -> str:
        """The status as of today: open work past its due date reads "quá hạn" even before the
        daily job has marked it (pages show this; the job then stores it)."""
        return settle(self.status, self.occurrence.due, timezone.localdate())

    def get_current_status_display(self) -> str:
        return str(TaskStatus(self.current_status).label)


class PlanDraft(models.Model):
    """An uploaded plan under review: the parsed JSON the officer edits before confirming."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_drafts"
    )
    source_name = models.CharField(_("tệp nguồn"), max_length=255)
    source_sha256 = models.CharField(max_length=64)
    data = models.JSONField(_("nội dung đang sửa"), default=dict)
    # Printed unit name → unit id chosen by the officer; saved as aliases on confirmation.
    mappings = models.JSONField(default=dict, blank=True)
    # Printed reference number → "implements" | "based_on", read from the file's lead-in.
    relations = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["data"])

    class Meta:
        verbose_name = _("bản nháp kế hoạch")
        verbose_name_plural = _("bản nháp kế hoạch")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.source_name
