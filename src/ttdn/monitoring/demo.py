"""`ttdn demo`: two weeks of press monitoring for the demo province, written by us: two sources
of clippings typed in by hand (so nothing is ever fetched from the network), eight articles
analysed by the real pipeline (a syndicated story, a foreign negative article on a sensitive
topic, an English one), and a response case for a unit. Everything is dated in the fortnight
before the demo's reference day (22/11/2026), like the rest of the demo. Idempotent: nothing is
loaded once the demo's domestic source exists."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max

from ttdn.monitoring.analysis import analyze_pending
from ttdn.monitoring.cases import case_open
from ttdn.monitoring.models import Article, ResponseCase, Source, SourceKind, Story
from ttdn.monitoring.services import clipping_add, source_create
from ttdn.notifications.models import Notification
from ttdn.reporting.demo import REFERENCE_DAY, VN
from ttdn.units.models import Unit, User

DOMESTIC = "Báo in, truyền hình trong nước (nhập tay)"
FOREIGN = "Báo chí nước ngoài (nhập tay)"

# (source, title, text); the texts are ours, written for the demo.
CLIPPINGS: tuple[tuple[str, str, str], ...] = (
    (
        DOMESTIC,
        "Quảng Trị đón đoàn doanh nghiệp Lào tìm hiểu cơ hội đầu tư tại Khu kinh tế Lao Bảo",
        "Ngày 12/11, Ủy ban nhân dân tỉnh Quảng Trị tiếp đoàn doanh nghiệp tỉnh Savannakhet "
        "(Lào) đến tìm hiểu cơ hội đầu tư tại Khu kinh tế – thương mại đặc biệt Lao Bảo. Hai "
        "bên trao đổi về logistics trên hành lang kinh tế Đông – Tây, thủ tục thông quan và "
        "hợp tác phát triển du lịch. Lãnh đạo tỉnh cam kết tạo điều kiện thuận lợi cho nhà đầu "
        "tư, tăng cường hợp tác hữu nghị giữa hai tỉnh.",
    ),
    (
        DOMESTIC,
        "Lễ hội Vì hòa bình thu hút đông đảo du khách trong và ngoài nước",
        "Lễ hội Vì hòa bình tổ chức tại thành phố Đông Hà, tỉnh Quảng Trị, đã thu hút hàng "
        "chục nghìn lượt du khách. Các hoạt động văn hóa, nghệ thuật, tưởng niệm tại Thành cổ "
        "Quảng Trị và cầu Hiền Lương để lại ấn tượng tốt đẹp. Nhiều du khách quốc tế đánh giá "
        "cao sự thân thiện của người dân và tiềm năng du lịch di sản của tỉnh.",
    ),
    (
        DOMESTIC,
        "Quảng Trị: Cảng hàng không đón chuyến bay đầu tiên",
        "Sáng nay, Cảng hàng không Quảng Trị tại huyện Gio Linh đón chuyến bay đầu tiên, mở "
        "ra cơ hội phát triển du lịch và thu hút đầu tư. Dự án góp phần kết nối tỉnh với các "
        "trung tâm kinh tế trong nước và quốc tế, thúc đẩy tăng trưởng kinh tế – xã hội.",
    ),
    (
        DOMESTIC,
        "Quảng Trị: Cảng hàng không đón chuyến bay đầu tiên",
        "Sáng nay, Cảng hàng không Quảng Trị tại huyện Gio Linh đã đón chuyến bay đầu tiên, mở "
        "ra cơ hội phát triển du lịch và thu hút đầu tư. Dự án góp phần kết nối tỉnh với các "
        "trung tâm kinh tế trong nước và quốc tế, thúc đẩy tăng trưởng kinh tế – xã hội.",
    ),
    (
        DOMESTIC,
        "Bộ đội Biên phòng Quảng Trị tuần tra, bảo vệ chủ quyền biển đảo Cồn Cỏ",
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Quảng Trị phối hợp với lực lượng trên đảo Cồn Cỏ "
        "tổ chức tuần tra, kiểm soát vùng biển, bảo vệ chủ quyền biển đảo và hỗ trợ ngư dân "
        "bám biển an toàn. Công tác tuyên truyền pháp luật về biển cho ngư dân được đẩy mạnh.",
    ),
    (
        DOMESTIC,
        "Mưa lũ gây thiệt hại ở các huyện miền núi Quảng Trị",
        "Mưa lớn kéo dài làm sạt lở nhiều tuyến đường ở huyện Hướng Hóa và Đakrông, tỉnh Quảng "
        "Trị, gây thiệt hại về nhà cửa và hoa màu của người dân. Chính quyền địa phương đã sơ "
        "tán các hộ dân vùng nguy hiểm và khắc phục hậu quả.",
    ),
    (
        FOREIGN,
        "Quang Tri opens its doors to Lao and Thai investors on the East–West corridor",
        "Quang Tri province in central Vietnam is promoting the Lao Bao special economic zone "
        "to investors from Laos and Thailand. Officials highlighted new logistics projects, a "
        "new airport and tourism at historic sites, and promised faster procedures for "
        "foreign investment along the East–West Economic Corridor.",
    ),
    (
        FOREIGN,
        "Bài viết xuyên tạc về tình hình tôn giáo ở Quảng Trị",
        "Một trang tin nước ngoài đăng bài viết với nhiều thông tin sai sự thật, xuyên tạc "
        "tình hình tự do tôn giáo và dân tộc thiểu số ở tỉnh Quảng Trị, cho rằng chính quyền "
        "đàn áp tín đồ. Bài viết không dẫn nguồn xác thực và bóp méo các hoạt động tôn giáo "
        "bình thường của người dân tại Hướng Hóa.",
    ),
)


def demo_monitoring_load() -> tuple[bool, int]:
    """(loaded now, articles of the demo sources)."""
    existing = Source.objects.filter(name=DOMESTIC).first()
    if existing is not None:
        return False, Article.objects.filter(source__name__in=(DOMESTIC, FOREIGN)).count()
    mark = Notification.objects.aggregate(top=Max("pk"))["top"] or 0
    with transaction.atomic():
        actor = User.objects.filter(username="daumoi").first()
        sources = {
            DOMESTIC: source_create(
                actor=actor, name=DOMESTIC, kind=SourceKind.MANUAL, outlet="Báo in, truyền hình"
            ),
            FOREIGN: source_create(
                actor=actor,
                name=FOREIGN,
                kind=SourceKind.MANUAL,
                outlet="Báo chí nước ngoài",
                country="US",
                foreign=True,
            ),
        }
        for source, title, text in CLIPPINGS:
            clipping_add(actor=actor, source=sources[source], title=title, text=text)
    analyze_pending()
    _open_case(actor)
    _date_as_played_back(mark)
    return True, len(CLIPPINGS)


def _moment(days_before: int, hour: int = 9) -> dt.datetime:
    day = REFERENCE_DAY - dt.timedelta(days=days_before)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=VN)


def _date_as_played_back(mark: int) -> None:
    """One clipping a day or two over the fortnight before the reference day; the case opened
    the day before it, due two days later; its notifications dated with it (unread)."""
    articles = Article.objects.filter(source__name__in=(DOMESTIC, FOREIGN)).order_by("pk")
    for n, pk in enumerate(articles.values_list("pk", flat=True)):
        when = _moment(14 - 2 * n, 8 + n)
        Article.objects.filter(pk=pk).update(published_at=when, fetched_at=when, analyzed_at=when)
    for story in Story.objects.filter(articles__source__name__in=(DOMESTIC, FOREIGN)).distinct():
        first = min(a.fetched_at for a in story.articles.all())  # type: ignore[attr-defined]
        Story.objects.filter(pk=story.pk).update(first_seen_at=first)
    opened = _moment(1, 10)
    ResponseCase.objects.filter(story__articles__source__name=FOREIGN).update(created_at=opened)
    Notification.objects.filter(pk__gt=mark).update(created_at=opened)


def _open_case(actor: User | None) -> None:
    """A rebuttal for the unit that answers on religion, due in two days."""
    story = Story.objects.filter(title__startswith="Bài viết xuyên tạc").first()
    unit = Unit.objects.filter(code="QT-SNGV").first()
    if story is None or unit is None:
        return
    case_open(
        actor=actor,
        story=story,
        unit=unit,
        kind="rebut",
        due_at=_moment(-1, 10),
        instructions="Cung cấp thông tin chính thức về hoạt động tôn giáo tại Hướng Hóa.",
    )
