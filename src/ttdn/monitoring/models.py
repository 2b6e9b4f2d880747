"""Press monitoring data: sources with health, fetched articles with their analysis, stories,
fetch attempts, and trained model versions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SourceKind(models.TextChoices):
    RSS = "rss", _("RSS/Atom")
    PAGE = "page", _("Trang web")
    SITEMAP = "sitemap", _("Sơ đồ trang (sitemap)")
    SOCIAL = "social", _("Tệp xuất mạng xã hội")
    MANUAL = "manual", _("Tin nhập tay (báo in, truyền hình, dán văn bản)")


class Source(models.Model):
    """Where articles come from; health fields say whether polling works."""

    name = models.CharField(_("tên nguồn"), max_length=200)
    kind = models.CharField(_("loại"), max_length=10, choices=SourceKind.choices)
    url = models.URLField(_("địa chỉ"), max_length=1000, blank=True)
    outlet = models.CharField(_("cơ quan báo chí"), max_length=200, blank=True)
    country = models.CharField(_("quốc gia"), max_length=2, default="VN")
    language = models.CharField(_("ngôn ngữ"), max_length=5, blank=True)
    foreign = models.BooleanField(_("nguồn nước ngoài"), default=False)
    poll_minutes = models.PositiveIntegerField(_("chu kỳ lấy tin (phút)"), default=60)
    active = models.BooleanField(_("đang theo dõi"), default=True)
    fetch_pages = models.BooleanField(_("lấy toàn văn từng bài"), default=False)
    site_rules = models.JSONField(_("quy tắc riêng của trang"), default=dict, blank=True)
    # Conditional GET state of the last successful fetch.
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    # Health.
    last_checked_at = models.DateTimeField(_("lần kiểm tra gần nhất"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("lần thành công gần nhất"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    last_error_at = models.DateTimeField(_("thời điểm lỗi"), null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(_("số lần lỗi liên tiếp"), default=0)
    next_poll_at = models.DateTimeField(_("lần lấy tin tới"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nguồn tin")
        verbose_name_plural = _("nguồn tin")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["active", "next_poll_at"], name="source_due")]

    def __str__(self) -> str:
        return self.name

    @property
    def healthy(self) -> bool:
        return self.consecutive_failures == 0 and self.last_success_at is not None


class FetchAttempt(models.Model):
    """One poll of a source (or of one page of it): what happened, never lost."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="attempts")
    url = models.CharField(max_length=1000)
    started_at = models.DateTimeField(auto_now_add=True)
    ok = models.BooleanField(default=False)
    status = models.PositiveIntegerField(null=True, blank=True)
    not_modified = models.BooleanField(default=False)
    error = models.TextField(blank=True)
    items_seen = models.PositiveIntegerField(default=0)
    items_new = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lượt lấy tin")
        verbose_name_plural = _("lượt lấy tin")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.url} {self.started_at:%d/%m/%Y %H:%M}"


class Story(models.Model):
    """Near-duplicate articles (syndicated copies) counted as one story."""

    title = models.CharField(_("tiêu đề"), max_length=500)
    first_seen_at = models.DateTimeField(_("xuất hiện lần đầu"), auto_now_add=True)
    appearances = models.PositiveIntegerField(_("số lần xuất hiện"), default=1)
    priority = models.BooleanField(_("ưu tiên"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("câu chuyện")
        verbose_name_plural = _("câu chuyện")
        ordering = ["-first_seen_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Sentiment(models.TextChoices):
    POSITIVE = "positive", _("Tích cực")
    NEUTRAL = "neutral", _("Trung lập")
    NEGATIVE = "negative", _("Tiêu cực")


class Relevance(models.TextChoices):
    NEW = "new", _("Chưa xem")
    RELEVANT = "relevant", _("Liên quan")
    IRRELEVANT = "irrelevant", _("Không liên quan")


class Article(models.Model):
    """A fetched item; unique by canonical URL and by content hash, so re-runs add nothing."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="articles")
    url = models.CharField(_("địa chỉ"), max_length=1000, blank=True)
    canonical_url = models.CharField(max_length=1000, unique=True)
    content_hash = models.CharField(max_length=64, unique=True)
    title = models.CharField(_("tiêu đề"), max_length=500, blank=True)
    text = models.TextField(_("nội dung"))
    author = models.CharField(_("tác giả"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("ngày đăng"), null=True, blank=True)
    fetched_at = models.DateTimeField(_("ngày lấy"), auto_now_add=True)
    encoding = models.CharField(_("bảng mã gốc"), max_length=20, blank=True)
    # Analysis (filled by the analysis job).
    analyzed_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(_("ngôn ngữ"), max_length=5, blank=True)
    provinces = models.JSONField(_("tỉnh/thành phố"), default=list, blank=True)
    relevance = models.FloatField(_("mức liên quan"), default=0.0)
    topics = models.JSONField(_("chủ đề"), default=list, blank=True)
    # "|code|code|" and "|Tỉnh|Tỉnh|": filterable the same way on SQLite and PostgreSQL.
    topic_key = models.CharField(max_length=300, blank=True)
    province_key = models.CharField(max_length=500, blank=True)
    sentiment = models.CharField(
        _("sắc thái"), max_length=10, choices=Sentiment.choices, blank=True
    )
    foreign = models.BooleanField(_("nước ngoài"), default=False)
    priority = models.BooleanField(_("ưu tiên"), default=False)
    story = models.ForeignKey(
        Story, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles"
    )
    signature = models.BinaryField(null=True, blank=True)  # MinHash values of the text
    # What stage 2 of story grouping compares (nlp.stories.EventFeatures.as_json); null for a
    # copy joined by its MinHash signature.
    story_features = models.JSONField(null=True, blank=True)
    # Officials' corrections: the training labels.
    status = models.CharField(
        _("đánh giá"), max_length=10, choices=Relevance.choices, default=Relevance.NEW
    )
    label_topics = models.JSONField(_("chủ đề đã sửa"), null=True, blank=True)
    label_sentiment = models.CharField(
        _("sắc thái đã sửa"), max_length=10, choices=Sentiment.choices, blank=True
    )
    labelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["signature", "story_features", "text"])

    class Meta:
        verbose_name = _("tin")
        verbose_name_plural = _("tin")
        ordering = ["-fetched_at", "-pk"]
        indexes = [
            models.Index(fields=["analyzed_at"], name="article_analyzed"),
            models.Index(fields=["priority", "fetched_at"], name="article_inbox"),
        ]

    def __str__(self) -> str:
        return self.title or self.canonical_url


class ModelVersion(models.Model):
    """A trained TF-IDF + linear model; exactly one may be active; older ones allow roll-back."""

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    trained_on = models.PositiveIntegerField(_("số tin huấn luyện"), default=0)
    held_out = models.PositiveIntegerField(_("số tin kiểm tra"), default=0)
    metrics = models.JSONField(_("độ chính xác theo chủ đề"), default=dict)
    data = models.BinaryField()
    active = models.BooleanField(_("đang dùng"), default=False)
    history = HistoricalRecords(excluded_fields=["data"])

    class Meta:
        verbose_name = _("phiên bản mô hình")
        verbose_name_plural = _("phiên bản mô hình")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.created_at:%d/%m/%Y %H:%M})"


class AlertRule(models.Model):
    """Who is told when an analysed article matches: topic, sentiment, source, keywords, priority.

    Empty criteria match everything; every filled criterion must hold. An alert is sent once per
    story and rule, however many copies of the story arrive.
    """

    name = models.CharField(_("tên cảnh báo"), max_length=200)
    topics = models.JSONField(_("chủ đề"), default=list, blank=True)
    # "|code|code|" and "|Tỉnh|Tỉnh|": filterable the same way on SQLite and PostgreSQL.
    topic_key = models.CharField(max_length=300, blank=True)
    province_key = models.CharField(max_length=500, blank=True)
    sentiment = models.CharField(
        _("sắc thái"), max_length=10, choices=Sentiment.choices, blank=True
    )
    source = models.ForeignKey(
        Source, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("nguồn")
    )
    keywords = models.CharField(_("từ khóa (biểu thức)"), max_length=500, blank=True)
    priority_only = models.BooleanField(_("chỉ tin ưu tiên"), default=False)
    recipients = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    active = models.BooleanField(_("đang bật"), default=True)
    history = HistoricalRecords(m2m_fields=[recipients])

    class Meta:
        verbose_name = _("quy tắc cảnh báo")
        verbose_name_plural = _("quy tắc cảnh báo")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from ttdn.monitoring.nlp.rules import RuleSyntaxError, parse

        if self.keywords:
            try:
                parse(self.keywords)
            except RuleSyntaxError as exc:
                raise ValidationError({"keywords": str(exc)}) from exc


class CaseKind(models.TextChoices):
    REBUT = "rebut", _("Đấu tranh, phản bác")
    INFORM = "inform", _("Cung cấp thông tin")


class CaseStatus(models.TextChoices):
    NEW = "new", _("Mới")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    RESPONDED = "responded", _("Đã phản hồi")
    INFORMED = "informed", _("Đã cung cấp thông tin")
    NO_ACTION = "no_action", _("Không cần xử lý")
    CLOSED = "closed", _("Đóng")


class ResponseCase(models.Model):
    """A response to a story (rebuttal or information), assigned to a unit with a due time."""

    story = models.ForeignKey(Story, on_delete=models.PROTECT, related_name="cases")
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="monitoring_cases",
        verbose_name=_("đơn vị xử lý"),
    )  # fmt: skip
    kind = models.CharField(_("loại"), max_length=10, choices=CaseKind.choices)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.NEW
    )
    due_at = models.DateTimeField(_("hạn xử lý"))
    instructions = models.TextField(_("yêu cầu"), blank=True)
    response_text = models.TextField(_("nội dung phản hồi"), blank=True)
    response_url = models.URLField(_("đường dẫn phản hồi"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hồ sơ xử lý thông tin")
        verbose_name_plural = _("hồ sơ xử lý thông tin")
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["unit", "status"], name="case_unit_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.story}"


class Taxonomy(models.Model):
    """The topic taxonomy officials edit (YAML in the format of nlp/data/taxonomy.yaml); the
    active one replaces the default for every new analysis."""

    text = models.TextField(_("bảng chủ đề (YAML)"))
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)
    active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bảng chủ đề")
        verbose_name_plural = _("bảng chủ đề")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.note or f"#{self.pk}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from ttdn.monitoring.nlp.topics import taxonomy_from_text

        try:
            taxonomy_from_text(self.text)
        except ValueError as exc:
            raise ValidationError({"text": str(exc)}) from exc
