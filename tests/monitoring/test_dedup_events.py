"""Stories, stage 2: rewrites and translations of one event joined, other events kept apart.

The texts are ours. Each test runs among a handful of unrelated articles, as in the product's
14-day window, so that anchors have document frequencies to be weighed by.
"""

from __future__ import annotations

from ttdn.monitoring.nlp import Analyzer, Article
from ttdn.monitoring.nlp.dedup import group_stories
from ttdn.monitoring.nlp.stories import EventFeatures, day_months, extract, fold_key

BACKGROUND = [
    Article(
        "b1",
        "Hà Nội mở thêm tuyến xe buýt điện",
        "Sở Xây dựng Hà Nội cho biết từ tháng sau thành phố mở thêm 12 tuyến xe buýt điện "
        "nối các khu đô thị mới với trung tâm, giá vé không đổi.",
    ),
    Article(
        "b2",
        "Cần Thơ tổ chức hội chợ nông sản",
        "Hội chợ nông sản đồng bằng sông Cửu Long khai mạc tại Cần Thơ với 300 gian hàng của "
        "các hợp tác xã, doanh nghiệp chế biến trái cây và thủy sản.",
    ),
    Article(
        "b3",
        "Da Nang hosts international fireworks teams",
        "Teams from Finland, Italy and Australia arrived in Da Nang for the fireworks "
        "festival, which is expected to draw thousands of visitors to the Han River.",
    ),
    Article(
        "b4",
        "Quảng Ninh đón tàu du lịch quốc tế",
        "Cảng tàu khách quốc tế Hạ Long đón tàu Star Voyager với hơn 2.000 du khách châu Âu, "
        "mở đầu mùa du lịch tàu biển của tỉnh Quảng Ninh.",
    ),
    Article(
        "b5",
        "Khánh Hòa khởi công đường ven biển",
        "Tỉnh Khánh Hòa khởi công tuyến đường ven biển dài 18 km nối Cam Ranh với Nha Trang, "
        "tổng vốn 1.500 tỷ đồng, dự kiến hoàn thành sau hai năm.",
    ),
    Article(
        "b6",
        "Vietnam's rice exports rise",
        "Vietnam exported 7.8 million tonnes of rice in the first ten months, with the "
        "Philippines and Indonesia the largest buyers, the Ministry of Agriculture said.",
    ),
    Article(
        "b7",
        "Lạng Sơn thông quan hàng hóa qua cửa khẩu Hữu Nghị",
        "Lượng xe chở nông sản qua cửa khẩu Hữu Nghị tăng mạnh, lực lượng hải quan Lạng Sơn "
        "tăng ca để thông quan nhanh các lô hàng thanh long và sầu riêng.",
    ),
    Article(
        "b8",
        "Gia Lai trồng mới cà phê",
        "Nông dân Gia Lai trồng mới 4.000 ha cà phê theo chuẩn bền vững, được các doanh "
        "nghiệp xuất khẩu bao tiêu sản phẩm.",
    ),
]

BRIDGE = Article(
    "e1",
    "Sập cầu treo Nậm Mơ, 7 người bị thương",
    "Chiều 14/9, cầu treo bắc qua sông Nậm Mơ ở xã Tam Quang, huyện Tương Dương, tỉnh Nghệ "
    "An bất ngờ đứt cáp khi có nhiều người đi qua, khiến 7 người bị thương. Ông Lữ Văn Thắm, "
    "Chủ tịch UBND xã Tam Quang, cho biết cây cầu dài 120 m được xây năm 2009. Thiệt hại ban "
    "đầu ước tính 2,5 tỷ đồng; các nạn nhân đã được đưa tới bệnh viện huyện.",
)
BRIDGE_REWRITE = Article(
    "e2",
    "Nghệ An: đứt cáp cầu treo, nhiều người rơi xuống sông",
    "Theo Ủy ban nhân dân xã Tam Quang, khoảng 17 giờ ngày 14/9, một sợi cáp chính của cầu "
    "treo Nậm Mơ bị đứt, mặt cầu nghiêng làm người dân đang qua lại rơi xuống sông. Lực lượng "
    "cứu hộ đưa 7 người bị thương đi cấp cứu. Theo ông Lữ Văn Thắm, công trình dài 120 m, thiệt "
    "hại khoảng 2,5 tỷ đồng. Huyện Tương Dương đã cấm lưu thông qua cầu.",
)
BRIDGE_ENGLISH = Article(
    "e3",
    "Suspension bridge collapse injures seven in Nghe An",
    "A suspension bridge over the Nam Mo river in Tam Quang commune, Tuong Duong district, Nghe "
    "An province, snapped on September 14, injuring 7 people, local official Lu Van Tham said. "
    "The 120 m bridge was built in 2009; damage is estimated at VND 2.5 billion.",
)
SAME_PLACE_OTHER_EVENT = Article(
    "e4",
    "Tam Quang khai giảng lớp học nghề dệt thổ cẩm",
    "Sáng 14/9, tại xã Tam Quang, huyện Tương Dương, tỉnh Nghệ An, ông Lữ Văn Thắm, Chủ tịch "
    "UBND xã, dự lễ khai giảng lớp dạy nghề dệt thổ cẩm cho 35 phụ nữ người Thái. Khóa học kéo "
    "dài ba tháng, do Hội Liên hiệp Phụ nữ tỉnh tài trợ, giúp chị em có thêm thu nhập.",
)


def _stories(articles: list[Article]) -> dict[str, str]:
    results = Analyzer().analyze_batch(BACKGROUND + articles)
    return {a.id: r.story_id for a, r in zip(BACKGROUND + articles, results, strict=True)}


def test_a_rewrite_of_the_same_event_joins_its_story() -> None:
    # Given two write-ups that MinHash alone keeps apart (different wording)
    assert group_stories([(a.id, f"{a.title}\n{a.text}") for a in (BRIDGE, BRIDGE_REWRITE)]) == {
        "e1": "e1",
        "e2": "e2",
    }
    # When they are analysed, then stage 2 puts them in one story, and no background item joins
    stories = _stories([BRIDGE, BRIDGE_REWRITE])
    assert stories["e2"] == stories["e1"] == "e1"
    assert len(set(stories.values())) == len(BACKGROUND) + 1


def test_a_translation_joins_by_language_independent_anchors() -> None:
    stories = _stories([BRIDGE, BRIDGE_ENGLISH])
    assert stories["e3"] == "e1"
    features, _ = extract(BRIDGE_ENGLISH.title, BRIDGE_ENGLISH.text, "en", ["Nghệ An"], None)
    # The anchors the Vietnamese text shares: the official's name, the numbers, the date.
    assert {"n:lu van", "n:van tham", "#120", "#2.5", "dm:14-9", "p:Nghệ An"} <= features.anchors


def test_another_event_in_the_same_place_on_the_same_day_stays_apart() -> None:
    # Same commune, same official, same day: a vocational class is not the bridge collapse.
    stories = _stories([BRIDGE, SAME_PLACE_OTHER_EVENT, BRIDGE_REWRITE])
    assert stories["e4"] == "e4"
    assert stories["e2"] == "e1"


def test_far_apart_dates_are_never_one_event() -> None:
    first = Article(BRIDGE.id, BRIDGE.title, BRIDGE.text, published_at="2026-09-14T18:00:00")
    later = Article(
        BRIDGE_REWRITE.id,
        BRIDGE_REWRITE.title,
        BRIDGE_REWRITE.text.replace("14/9", "24/9"),
        published_at="2026-09-24T08:00:00",
    )
    assert _stories([first, later])["e2"] == "e2"
    # The same pair dated within the window is one story.
    close = Article(later.id, later.title, BRIDGE_REWRITE.text, published_at="2026-09-15T08:00:00")
    assert _stories([first, close])["e2"] == "e1"


def test_day_months_in_our_languages() -> None:
    text = fold_key(
        "Ngày 25/8, sáng 19-7, 16.9.2023, hôm 25 Tháng Tám, 3 tháng 12, Sept. 10, 7 mai, "
        "2024-05-08; ranges are not dates: 5-6 năm tù, 1,5 m"
    )
    assert day_months(text) == {(25, 8), (19, 7), (16, 9), (3, 12), (10, 9), (7, 5), (8, 5)}


def test_features_survive_storage() -> None:
    features, counts = extract(BRIDGE.title, BRIDGE.text, "vi", ["Nghệ An"], "2026-09-14")
    stored = EventFeatures.from_json(features.as_json())
    assert stored == features
    assert stored.span == (features.span[0], features.span[0]) if features.span else False
    assert counts["cau treo"] == 2
