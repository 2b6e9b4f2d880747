"""Foreign reporters (phóng viên nước ngoài) and their visits with programme, deadlines and what
they published; delegations in and out (đoàn vào / đoàn ra); press conferences and periodic
press briefings (họp báo / giao ban báo chí). Each row belongs to a unit (the host unit), which
decides who sees it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ttdn.units.models import Unit


class Reporter(models.Model):
    """A foreign reporter; the register is shared by the units that receive them."""

    full_name = models.CharField(_("họ và tên"), max_length=200)
    nationality = models.CharField(_("quốc tịch"), max_length=2)
    outlet = models.CharField(_("cơ quan báo chí"), max_length=200)
    press_card = models.CharField(_("số thẻ nhà báo"), max_length=50, blank=True)
    permit = models.CharField(_("số giấy phép hoạt động báo chí"), max_length=50, blank=True)
    resident = models.BooleanField(_("phóng viên thường trú"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phóng viên nước ngoài")
        verbose_name_plural = _("phóng viên nước ngoài")
        ordering = ["full_name", "pk"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.outlet})"


class Channel(models.TextChoices):
    MOFA = "mofa", _("Bộ Ngoại giao chuyển")
    LETTER = "letter", _("Văn bản gửi trực tiếp")
    EMAIL = "email", _("Thư điện tử")
    PORTAL = "portal", _("Cổng dịch vụ công")
    OTHER = "other", _("Khác")


class VisitStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đề nghị")
    APPROVED = "approved", _("Chấp thuận")
    REFUSED = "refused", _("Từ chối")
    IN_PROGRESS = "in_progress", _("Đang tác nghiệp")
    FINISHED = "finished", _("Kết thúc")


# Who goes and who accompanies are part of the record: their changes are audited too. Named, so
# that the request is one "created" record with its lists (services.visit_create).
VISIT_HISTORY = HistoricalRecords(m2m_fields=["reporters", "accompanying_units"])


class Visit(models.Model):
    """One request of foreign reporters to work in the province, from receipt to the report
    after the programme. Deadlines are computed in working days when the request is stored."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị hướng dẫn"), on_delete=models.PROTECT, related_name="visits"
    )
    accompanying_units = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị phối hợp, tháp tùng"), blank=True, related_name="+"
    )
    reporters = models.ManyToManyField(
        Reporter, verbose_name=_("phóng viên"), related_name="visits"
    )
    title = models.CharField(_("tên đoàn"), max_length=255)
    received_on = models.DateField(_("ngày nhận đề nghị"))
    channel = models.CharField(_("kênh tiếp nhận"), max_length=10, choices=Channel.choices)
    purpose = models.TextField(_("mục đích, nội dung tác nghiệp"))
    starts = models.DateField(_("từ ngày"))
    ends = models.DateField(_("đến ngày"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=VisitStatus.choices, default=VisitStatus.PROPOSED
    )
    apply_deadline = models.DateField(_("hạn gửi đề nghị"), null=True, blank=True)
    answer_due = models.DateField(_("hạn trả lời"), null=True, blank=True)
    report_due = models.DateField(_("hạn báo cáo kết quả"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ tính hạn"), max_length=255, blank=True)
    decision_document = models.CharField(
        _("văn bản chấp thuận / từ chối"), max_length=100, blank=True
    )
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_note = models.TextField(_("ghi chú quyết định"), blank=True)
    report_text = models.TextField(_("báo cáo kết quả"), blank=True)
    reported_on = models.DateField(_("ngày báo cáo"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = VISIT_HISTORY

    class Meta:
        verbose_name = _("đoàn phóng viên nước ngoài")
        verbose_name_plural = _("đoàn phóng viên nước ngoài")
        ordering = ["-starts", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends__gte=F("starts")), name="visit_dates_ordered")
        ]
        indexes = [models.Index(fields=["starts", "ends"], name="visit_dates")]

    def __str__(self) -> str:
        return self.title


class ProgrammeItem(models.Model):
    """One dated item of a visit's programme: where, when, whom they meet."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="programme")
    day = models.DateField(_("ngày"))
    starts_at = models.TimeField(_("từ giờ"))
    ends_at = models.TimeField(_("đến giờ"))
    place = models.CharField(_("địa điểm"), max_length=255)
    meeting = models.CharField(_("làm việc với"), max_length=255, blank=True)
    content = models.TextField(_("nội dung"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mục chương trình")
        verbose_name_plural = _("chương trình tác nghiệp")
        ordering = ["day", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="programme_times_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.starts_at:%H:%M} {self.place}"


class FollowUp(models.Model):
    """What was published afterwards: a reporter's article after a visit, or an article that
    followed a press event; `monitoring_ref` points to the press-monitoring item if any."""

    visit = models.ForeignKey(
        Visit, null=True, blank=True, on_delete=models.CASCADE, related_name="follow_ups"
    )
    press_event = models.ForeignKey(
        "PressEvent", null=True, blank=True, on_delete=models.CASCADE, related_name="follow_ups"
    )
    title = models.CharField(_("tiêu đề"), max_length=500)
    url = models.URLField(_("đường dẫn"), max_length=1000, blank=True)
    outlet = models.CharField(_("cơ quan báo chí"), max_length=200, blank=True)
    published_on = models.DateField(_("ngày đăng"), null=True, blank=True)
    monitoring_ref = models.CharField(_("mục giám sát báo chí"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bài đăng sau hoạt động")
        verbose_name_plural = _("bài đăng sau hoạt động")
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(visit__isnull=False, press_event__isnull=True)
                | Q(visit__isnull=True, press_event__isnull=False),
                name="follow_up_one_parent",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Direction(models.TextChoices):
    INBOUND = "in", _("Đoàn vào")
    OUTBOUND = "out", _("Đoàn ra")


class Delegation(models.Model):
    """A delegation received (đoàn vào) or sent abroad (đoàn ra)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị chủ trì"), on_delete=models.PROTECT, related_name="delegations"
    )
    direction = models.CharField(_("loại đoàn"), max_length=3, choices=Direction.choices)
    country = models.CharField(_("quốc gia"), max_length=2)
    organisation = models.CharField(_("cơ quan, tổ chức"), max_length=255)
    size = models.PositiveIntegerField(_("số thành viên"))
    leader = models.CharField(_("trưởng đoàn"), max_length=255)
    starts = models.DateField(_("từ ngày"))
    ends = models.DateField(_("đến ngày"))
    purpose = models.TextField(_("mục đích"))
    programme = models.TextField(_("chương trình"), blank=True)
    outcomes = models.TextField(_("kết quả"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đoàn công tác")
        verbose_name_plural = _("đoàn vào, đoàn ra")
        ordering = ["-starts", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends__gte=F("starts")), name="delegation_dates"),
            models.CheckConstraint(condition=Q(size__gte=1), name="delegation_size"),
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()}: {self.organisation}"


class Agreement(models.Model):
    """An agreement or memorandum signed during a delegation."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="agreements")
    title = models.CharField(_("tên văn bản ký kết"), max_length=500)
    signed_on = models.DateField(_("ngày ký"))
    partner = models.CharField(_("đối tác"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("văn bản ký kết")
        verbose_name_plural = _("văn bản ký kết")
        ordering = ["signed_on", "pk"]

    def __str__(self) -> str:
        return self.title


class PressEventKind(models.TextChoices):
    CONFERENCE = "conference", _("Họp báo")
    BRIEFING = "briefing", _("Giao ban báo chí")


class PressEvent(models.Model):
    """A press conference or a periodic press briefing; a foreign body's press conference must
    be notified in advance (the rule in force gives how long)."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị tổ chức"),
        on_delete=models.PROTECT,
        related_name="press_events",
    )
    kind = models.CharField(_("loại"), max_length=12, choices=PressEventKind.choices)
    title = models.CharField(_("tên sự kiện"), max_length=255)
    starts_at = models.DateTimeField(_("thời gian"))
    place = models.CharField(_("địa điểm"), max_length=255)
    chair = models.CharField(_("chủ trì"), max_length=255)
    topics = models.TextField(_("chủ đề"))
    information = models.TextField(_("thông tin cung cấp"), blank=True)
    outlets = models.TextField(
        _("cơ quan báo chí tham dự"), blank=True, help_text=_("Mỗi dòng một cơ quan.")
    )
    foreign_organiser = models.CharField(
        _("cơ quan, tổ chức nước ngoài tổ chức"), max_length=255, blank=True
    )
    notified_at = models.DateTimeField(_("thời điểm thông báo"), null=True, blank=True)
    notice_deadline = models.DateTimeField(_("hạn thông báo"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ tính hạn"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("họp báo, giao ban báo chí")
        verbose_name_plural = _("họp báo, giao ban báo chí")
        ordering = ["-starts_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def outlet_list(self) -> list[str]:
        return [line.strip() for line in self.outlets.splitlines() if line.strip()]
