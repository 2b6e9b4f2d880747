"""API routes of press monitoring (/api/v1/monitoring): thin schemas over the inbox, story and
case selectors and the labelling and case services, with the pages' permissions (a unit's
officers reach only their unit's cases; any other answers 404 and nothing changes)."""

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from ttdn.core.errors import NotFound, ValidationFailed
from ttdn.monitoring import cases, selectors, services
from ttdn.monitoring.models import CaseStatus, Relevance, Sentiment
from ttdn.units.models import Unit

router = Router(tags=["Giám sát báo chí"])


class ErrorOut(Schema):
    detail: str


ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class ArticleOut(Schema):
    id: int
    url: str
    title: str
    source_id: int
    source_name: str
    published_at: dt.datetime | None
    fetched_at: dt.datetime
    language: str
    provinces: list[str]
    relevance: float
    topics: list[str]  # taxonomy codes, as the analysis gave them
    sentiment: str
    foreign: bool
    priority: bool
    story_id: int | None
    status: str  # new | relevant | irrelevant: the official's judgement
    label_topics: list[str] | None  # the official's correction, when given
    label_sentiment: str

    @staticmethod
    def resolve_source_name(obj: object) -> str:
        return obj.source.name  # type: ignore[attr-defined,no-any-return]


class ArticleDetailOut(ArticleOut):
    text: str
    author: str
    encoding: str
    labelled_by: str | None

    @staticmethod
    def resolve_labelled_by(obj: object) -> str | None:
        user = obj.labelled_by  # type: ignore[attr-defined]
        return user.get_username() if user is not None else None


class LabelIn(Schema):
    status: str | None = None  # relevant | irrelevant | new
    topics: list[str] | None = None  # the corrected topic codes (at least one)
    sentiment: str | None = None  # positive | neutral | negative


class CaseOut(Schema):
    id: int
    story_id: int
    story_title: str
    unit_id: int
    unit_name: str
    kind: str  # rebut | inform
    status: str
    due_at: dt.datetime
    instructions: str
    response_text: str
    response_url: str
    created_at: dt.datetime
    next_statuses: list[str]

    @staticmethod
    def resolve_story_title(obj: object) -> str:
        return obj.story.title  # type: ignore[attr-defined,no-any-return]

    @staticmethod
    def resolve_unit_name(obj: object) -> str:
        return obj.unit.name  # type: ignore[attr-defined,no-any-return]

    @staticmethod
    def resolve_next_statuses(obj: object) -> list[str]:
        return list(cases.NEXT[obj.status])  # type: ignore[attr-defined]


class StoryOut(Schema):
    id: int
    title: str
    first_seen_at: dt.datetime
    appearances: int
    priority: bool
    articles: list[ArticleOut]
    cases: list[CaseOut]


class CaseOpenIn(Schema):
    unit_id: int
    kind: str  # rebut (đấu tranh, phản bác) | inform (cung cấp thông tin)
    due_at: dt.datetime
    instructions: str = ""


class CaseMoveIn(Schema):
    status: str
    response_text: str = ""
    response_url: str = ""


class SourceOut(Schema):
    id: int
    name: str
    kind: str
    url: str
    outlet: str
    country: str
    language: str
    foreign: bool
    poll_minutes: int
    active: bool
    last_checked_at: dt.datetime | None
    last_success_at: dt.datetime | None
    last_error: str
    last_error_at: dt.datetime | None
    consecutive_failures: int
    next_poll_at: dt.datetime | None


def _choice(name: str, value: str, allowed: list[str]) -> str:
    if value and value not in allowed:
        raise ValidationFailed(f"{name} “{value}” không hợp lệ ({', '.join(allowed)}).")
    return value


class ArticleFilter(Schema):
    status: str = "all"  # new | relevant | irrelevant | all
    topic: str = ""  # a taxonomy code
    sentiment: str = ""  # positive | neutral | negative
    language: str = ""  # vi | en | fr | zh | lo | km
    origin: str = ""  # domestic | foreign
    source: int | None = None  # a source id
    province: str = ""  # official name with diacritics, e.g. "Quảng Trị"
    since: dt.date | None = None  # fetched on or after this day
    until: dt.date | None = None  # fetched on or before this day
    priority: bool | None = None  # true: only priority items; false: only the others


@router.get("/articles", response=list[ArticleOut], summary="Tin đã phân tích (bộ lọc như hộp tin)")
@paginate(LimitOffsetPagination)
def articles_list(request: HttpRequest, query: Query[ArticleFilter]) -> object:
    filters = selectors.InboxFilters(
        status=_choice("Đánh giá", query.status, [*Relevance.values, "all"]),
        topic=query.topic,
        sentiment=_choice("Sắc thái", query.sentiment, Sentiment.values),
        language=query.language,
        origin=_choice("Nguồn", query.origin, ["domestic", "foreign"]),
        source=query.source,
        province=query.province,
        since=query.since,
        until=query.until,
        priority=query.priority,
    )
    return selectors.inbox(user=request.user, filters=filters)


@router.get(
    "/articles/{article_id}",
    response={200: ArticleDetailOut, 403: ErrorOut, 404: ErrorOut},
    summary="Một tin: nội dung, kết quả phân tích, nhãn của cán bộ",
)
def article_detail(request: HttpRequest, article_id: int) -> object:
    return selectors.article_get(user=request.user, pk=article_id)


@router.post(
    "/articles/{article_id}/label",
    response={200: ArticleDetailOut, **ERRORS},
    summary="Đánh giá một tin: liên quan / không liên quan, sửa chủ đề, sắc thái (nhãn huấn luyện)",
)
def article_label(request: HttpRequest, article_id: int, payload: LabelIn) -> object:
    article = selectors.article_get(user=request.user, pk=article_id)
    services.article_label(actor=request.user, article=article, **payload.dict())
    return selectors.article_get(user=request.user, pk=article_id)


@router.get(
    "/stories/{story_id}",
    response={200: StoryOut, 403: ErrorOut, 404: ErrorOut},
    summary="Một câu chuyện: mọi lần xuất hiện và các hồ sơ xử lý",
)
def story_detail(request: HttpRequest, story_id: int) -> object:
    story, appearances = selectors.story_get(user=request.user, pk=story_id)
    return {
        "id": story.pk,
        "title": story.title,
        "first_seen_at": story.first_seen_at,
        "appearances": story.appearances,
        "priority": story.priority,
        "articles": appearances,
        "cases": list(story.cases.select_related("story", "unit").order_by("due_at", "pk")),
    }


@router.post(
    "/stories/{story_id}/cases",
    response={201: CaseOut, **ERRORS},
    summary="Mở hồ sơ xử lý từ một câu chuyện, giao một đơn vị, có hạn",
)
def case_open(request: HttpRequest, story_id: int, payload: CaseOpenIn) -> object:
    story, _appearances = selectors.story_get(user=request.user, pk=story_id)
    unit = Unit.objects.filter(pk=payload.unit_id).first()
    if unit is None:
        raise NotFound("Không tìm thấy đơn vị.")
    case = cases.case_open(
        actor=request.user,
        story=story,
        unit=unit,
        kind=payload.kind,
        due_at=payload.due_at,
        instructions=payload.instructions,
    )
    return Status(201, cases.case_get_for_user(user=request.user, pk=case.pk))


@router.get("/cases", response=list[CaseOut], summary="Hồ sơ xử lý được xem (theo đơn vị)")
@paginate(LimitOffsetPagination)
def cases_list(request: HttpRequest, status: str = "") -> object:
    _choice("Trạng thái", status, CaseStatus.values)
    return selectors.cases_for_user(user=request.user, status=status)


@router.get(
    "/cases/{case_id}",
    response={200: CaseOut, 404: ErrorOut},
    summary="Một hồ sơ xử lý",
)
def case_detail(request: HttpRequest, case_id: int) -> object:
    return cases.case_get_for_user(user=request.user, pk=case_id)


@router.post(
    "/cases/{case_id}/move",
    response={200: CaseOut, **ERRORS},
    summary="Chuyển trạng thái hồ sơ (mới → đang xử lý → đã phản hồi / … → đóng)",
)
def case_move(request: HttpRequest, case_id: int, payload: CaseMoveIn) -> object:
    case = cases.case_get_for_user(user=request.user, pk=case_id)
    cases.case_move(actor=request.user, case=case, **payload.dict())
    return cases.case_get_for_user(user=request.user, pk=case_id)


@router.get("/sources", response=list[SourceOut], summary="Nguồn tin và tình trạng lấy tin")
@paginate(LimitOffsetPagination)
def sources_list(request: HttpRequest) -> object:
    return selectors.sources_list(user=request.user)
