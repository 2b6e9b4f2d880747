"""Pages of press monitoring: the inbox (filters, labels, bulk actions), a story with all its
appearances and cases, response cases, the dashboard and the digest. Thin: selectors read,
services write."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.core.errors import NotFound, ValidationFailed
from ttdn.core.office import pdf_available
from ttdn.monitoring import cases, selectors, services, training
from ttdn.monitoring.analysis import current_analyzer
from ttdn.monitoring.forms import ClippingForm, ExportUploadForm
from ttdn.monitoring.models import (
    Article,
    CaseKind,
    CaseStatus,
    ModelVersion,
    Relevance,
    Sentiment,
    Source,
)
from ttdn.monitoring.nlp.language import LANGUAGES
from ttdn.units.models import Unit

PER_PAGE = 50


def _topics() -> list[tuple[str, str]]:
    return [(t.code, t.name) for t in current_analyzer().taxonomy]


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    filters = selectors.InboxFilters.from_query(request.GET)
    page = Paginator(selectors.inbox(user=request.user, filters=filters), PER_PAGE).get_page(
        request.GET.get("page")
    )
    topics = _topics()
    return render(
        request,
        "monitoring/inbox.html",
        {
            "page": page,
            "filters": filters,
            "topics": topics,
            "topic_names": dict(topics),
            "sentiments": Sentiment.choices,
            "statuses": Relevance.choices,
            "languages": LANGUAGES,
            "sources": Source.objects.order_by("name").values_list("pk", "name"),
            "can_label": request.user.has_perm("monitoring.label"),
        },
    )


@login_required
@require_POST
def article_label(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.article_get(user=request.user, pk=pk)
    topics = request.POST.getlist("topics") or None
    services.article_label(
        actor=request.user,
        article=article,
        status=request.POST.get("status") or None,
        topics=topics,
        sentiment=request.POST.get("sentiment") or None,
    )
    messages.success(request, "Đã lưu đánh giá tin.")
    return redirect(request.POST.get("next") or "monitoring:inbox")


@login_required
@require_POST
def inbox_bulk(request: HttpRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    status = request.POST.get("status", "")
    if not ids:
        raise ValidationFailed("Chưa chọn tin nào")
    count = services.articles_label_bulk(
        actor=request.user, articles=list(Article.objects.filter(pk__in=ids)), status=status
    )
    messages.success(request, f"Đã đánh giá {count} tin.")
    return redirect("monitoring:inbox")


@login_required
def story(request: HttpRequest, pk: int) -> HttpResponse:
    found, appearances = selectors.story_get(user=request.user, pk=pk)
    return render(
        request,
        "monitoring/story.html",
        {
            "story": found,
            "appearances": appearances,
            "cases": found.cases.select_related("unit"),
            "can_open_case": request.user.has_perm("monitoring.open_case"),
            "units": Unit.objects.order_by("name").values_list("pk", "name"),
            "kinds": CaseKind.choices,
        },
    )


@login_required
@require_POST
def case_open(request: HttpRequest, pk: int) -> HttpResponse:
    found, _appearances = selectors.story_get(user=request.user, pk=pk)
    unit = Unit.objects.filter(pk=request.POST.get("unit") or 0).first()
    try:
        due = dt.datetime.fromisoformat(request.POST.get("due_at", ""))
    except ValueError as exc:
        raise ValidationFailed("Hạn xử lý không hợp lệ (ngày giờ)") from exc
    if unit is None:
        raise ValidationFailed("Cần chọn đơn vị xử lý")
    case = cases.case_open(
        actor=request.user,
        story=found,
        unit=unit,
        kind=request.POST.get("kind", ""),
        due_at=due,
        instructions=request.POST.get("instructions", ""),
    )
    return redirect("monitoring:case", case.pk)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = cases.case_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "monitoring/case.html",
        {
            "case": case,
            "next_statuses": [(s, CaseStatus(s).label) for s in cases.NEXT[case.status]],
            "can_work": request.user.has_perm("monitoring.work_case", case),
            "history": case.history.select_related("history_user").order_by("-history_date")[:50],
        },
    )


@login_required
@require_POST
def case_move(request: HttpRequest, pk: int) -> HttpResponse:
    case = cases.case_get_for_user(user=request.user, pk=pk)
    cases.case_move(
        actor=request.user,
        case=case,
        status=request.POST.get("status", ""),
        response_text=request.POST.get("response_text", ""),
        response_url=request.POST.get("response_url", ""),
    )
    messages.success(request, "Đã cập nhật hồ sơ.")
    return redirect("monitoring:case", case.pk)


@login_required
def my_cases(request: HttpRequest) -> HttpResponse:
    """The open cases of the user's unit, loaded into "Việc của tôi" (or opened on their own)."""
    rows = list(cases.cases_for_unit_work(user=request.user)[: cases.MY_CASES_SHOWN])
    template = "monitoring/_my_cases.html" if request.htmx else "monitoring/my_cases.html"
    return render(request, template, {"monitoring_cases": rows})


def _period(request: HttpRequest) -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    try:
        since = dt.date.fromisoformat(request.GET.get("since", ""))
    except ValueError:
        since = today - dt.timedelta(days=29)
    try:
        until = dt.date.fromisoformat(request.GET.get("until", ""))
    except ValueError:
        until = today
    return since, until


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    since, until = _period(request)
    data = selectors.dashboard(user=request.user, since=since, until=until)
    data["topic_names"] = dict(_topics())
    data["pdf_available"] = pdf_available()  # the digest's PDF button
    return render(request, "monitoring/dashboard.html", data)


@login_required
def models_page(request: HttpRequest) -> HttpResponse:
    """Model versions with their per-topic precision/recall; retrain and roll back."""
    if not request.user.has_perm("monitoring.train"):
        from ttdn.core.errors import PermissionDenied

        raise PermissionDenied("Bạn không có quyền quản lý mô hình.")
    versions = ModelVersion.objects.defer("data").select_related("created_by")
    return render(
        request,
        "monitoring/models.html",
        {
            "versions": versions,
            "topic_names": dict(_topics()),
            "labelled": training.labelled_count(),
        },
    )


@login_required
@require_POST
def model_retrain(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("monitoring.train"):
        from ttdn.core.errors import PermissionDenied

        raise PermissionDenied("Bạn không có quyền quản lý mô hình.")
    training.retrain_model.enqueue(request.user.pk)
    messages.success(
        request, "Đã đưa việc huấn luyện lại vào hàng đợi; phiên bản mới sẽ hiện ở đây."
    )
    return redirect("monitoring:models")


@login_required
@require_POST
def model_activate(request: HttpRequest) -> HttpResponse:
    pk = request.POST.get("version", "")
    version = ModelVersion.objects.filter(pk=int(pk)).first() if pk.isdigit() else None
    if pk and version is None:
        raise NotFound("Không tìm thấy phiên bản mô hình")
    training.model_activate(actor=request.user, version=version)
    messages.success(request, "Đã đổi phiên bản mô hình đang dùng.")
    return redirect("monitoring:models")


@login_required
def sources(request: HttpRequest) -> HttpResponse:
    """Every source with its health; the upload of a social export; a manual clipping."""
    selectors.require_view(request.user)
    can_manage = request.user.has_perm("monitoring.manage_sources")
    upload = ExportUploadForm(prefix="up")
    clipping = ClippingForm(prefix="cl")
    if request.method == "POST" and can_manage:
        if "up-source" in request.POST:
            upload = ExportUploadForm(request.POST, request.FILES, prefix="up")
            if upload.is_valid():
                f = upload.cleaned_data["file"]
                try:
                    rows, new = services.social_import(
                        actor=request.user,
                        source=upload.cleaned_data["source"],
                        data=f.read(),
                        filename=f.name,
                    )
                except ValidationFailed as exc:
                    upload.add_error("file", exc.message)
                else:
                    messages.success(request, f"Đã đọc {rows} dòng, thêm {new} tin mới.")
                    return redirect("monitoring:sources")
        else:
            clipping = ClippingForm(request.POST, prefix="cl")
            if clipping.is_valid():
                data = clipping.cleaned_data
                result = services.clipping_add(
                    actor=request.user,
                    source=data["source"],
                    title=data["title"],
                    text=data["text"],
                    url=data["url"],
                )
                _clipping_message(request, result)
                return redirect("monitoring:sources")
    elif request.method == "POST":
        from ttdn.core.errors import PermissionDenied

        raise PermissionDenied("Bạn không có quyền quản lý nguồn tin.")
    return render(
        request,
        "monitoring/sources.html",
        {
            "sources": selectors.sources_list(user=request.user),
            "automatic": services.AUTOMATIC,
            "upload": upload,
            "clipping": clipping,
            "can_manage": can_manage,
        },
    )


def _clipping_message(request: HttpRequest, result: services.ClippingResult) -> None:
    if result.article is None:
        messages.info(request, _("Tin này đã có, không thêm lại."))
    elif result.problem:
        messages.warning(
            request,
            _(
                "Chưa lấy được nội dung từ địa chỉ: %(problem)s. Tin được giữ với địa chỉ và "
                "tiêu đề; lỗi được ghi ở tình trạng của nguồn."
            )
            % {"problem": result.problem},
        )
    elif result.completed:
        messages.success(
            request,
            _("Đã bổ sung nội dung cho tin “%(title)s” giữ từ lần nhập trước; máy phân tích lại.")
            % {"title": result.article.title[:120]},
        )
    elif result.fetched:
        messages.success(
            request,
            _("Đã lấy bài “%(title)s” từ địa chỉ và thêm tin; máy đang phân tích.")
            % {"title": result.article.title[:120]},
        )
    else:
        messages.success(request, _("Đã thêm tin; máy đang phân tích."))
