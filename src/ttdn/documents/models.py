"""Document (a legal or administrative document, printed number kept) and Citation."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ttdn.units.models import Unit


class Document(models.Model):
    """A document a plan cites or is: "Kết luận số 57-KL/TW", "Kế hoạch số 197/KH-UBND"."""

    number = models.CharField(_("số ký hiệu"), max_length=100, blank=True)
    # Normalised number (documents.numbers): printed variants of one number share it. Numbers
    # restart every year (and every Party term), so one document is one (number_key, year).
    number_key = models.CharField(max_length=100, blank=True, default="", editable=False)
    kind = models.CharField(_("loại văn bản"), max_length=100, blank=True)
    date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    issuer_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị ban hành"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issued_documents",
    )
    title = models.TextField(_("trích yếu"), blank=True)
    year = models.PositiveSmallIntegerField(_("năm ban hành"), null=True, blank=True)
    # Folded number, kind, title and issuer: accent-insensitive search on any database.
    search_key = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["search_key"])

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-date", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["number_key", "year"],
                condition=~Q(number_key=""),
                name="document_number_year_unique",
            ),
        ]

    def __str__(self) -> str:
        label = " ".join(part for part in (self.kind, self.number) if part)
        return label or str(self.title)[:80] or f"#{self.pk}"


class CitationRelation(models.TextChoices):
    IMPLEMENTS = "implements", _("Thực hiện, triển khai")
    BASED_ON = "based_on", _("Căn cứ")


class Citation(models.Model):
    """`from_document` cites `to_document`: implements it ("Thực hiện …", "Triển khai …") or
    rests on it ("Căn cứ …")."""

    from_document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="cites")
    to_document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="cited_by")
    relation = models.CharField(
        _("quan hệ"),
        max_length=12,
        choices=CitationRelation.choices,
        default=CitationRelation.IMPLEMENTS,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("trích dẫn")
        verbose_name_plural = _("trích dẫn")
        constraints = [
            models.UniqueConstraint(
                fields=["from_document", "to_document"], name="citation_unique"
            ),
            models.CheckConstraint(
                condition=~Q(from_document=models.F("to_document")), name="citation_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_document} → {self.to_document}"
