# ruff: noqa: E501 - the demo texts, one sentence a line
"""Demo content of the CSDL for `ttdn demo`: a few published items in Vietnamese and English (one
in French too), one restricted item, one waiting for review. Written by us; idempotent (an item
whose Vietnamese title exists is left as it is). It goes through the services like a person."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from django.db import transaction
from PIL import Image, ImageDraw

from ttdn.library import services
from ttdn.library.media import media_add
from ttdn.library.models import Category, Translation
from ttdn.units.models import User


@dataclass(frozen=True)
class DemoItem:
    author: str  # demo account that supplies it
    kind: str
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    places: str
    vi: tuple[str, str, str]  # title, summary, body
    en: tuple[str, str, str] | None
    fr: tuple[str, str, str] | None = None
    level: str = "public"
    end: str = "published"  # published, approved, submitted
    image_alt: str = ""


DEMO_ITEMS = (
    DemoItem(
        "canbo.ngoaivu", "news", ("hoat-dong-doi-ngoai", "bien-gioi-lang-gieng"), ("Lào", "hợp tác"),
        "Đông Hà, Savannakhet",
        ("Quảng Trị mở rộng hợp tác với các tỉnh Trung Lào",
         "Hai bên thống nhất kế hoạch giao lưu văn hóa, thương mại và phối hợp quản lý biên giới năm 2026.",
         "<p>Đoàn công tác tỉnh Quảng Trị đã làm việc với chính quyền tỉnh Savannakhet về <b>hợp tác thương mại</b>, "
         "giao lưu văn hóa và phối hợp quản lý đường biên giới.</p><p>Hai bên thống nhất tổ chức hội chợ thương mại chung tại Đông Hà.</p>"),
        ("Quang Tri expands cooperation with Central Lao provinces",
         "Both sides agreed on a 2026 plan for cultural exchange, trade and joint border management.",
         "<p>A delegation of Quảng Trị Province met the authorities of Savannakhet on <b>trade cooperation</b>, "
         "cultural exchange and joint management of the border.</p><p>They agreed to hold a joint trade fair in Đông Hà.</p>"),
        image_alt="Hai đoàn đại biểu bắt tay tại buổi làm việc",
    ),
    DemoItem(
        "canbo.ngoaivu", "article", ("tiem-nang-dau-tu", "kinh-te-xa-hoi"), ("đầu tư", "khu kinh tế"),
        "Khu kinh tế Đông Nam Quảng Trị",
        ("Khu kinh tế Đông Nam Quảng Trị thu hút nhà đầu tư",
         "Hạ tầng cảng biển, điện khí và khu công nghiệp đang được hoàn thiện.",
         "<p>Khu kinh tế Đông Nam là động lực tăng trưởng của tỉnh, với cảng biển nước sâu, trung tâm điện khí và các khu công nghiệp.</p>"),
        ("Southeast Quang Tri Economic Zone draws investors",
         "Port, gas-power and industrial-park infrastructure is being completed.",
         "<p>The Southeast Economic Zone drives the province's growth, with a deep-water port, a gas-power centre and industrial parks.</p>"),
    ),
    DemoItem(
        "canbo.baochi", "news", ("du-lich",), ("biển", "du lịch"), "Cửa Tùng, Cửa Việt",
        ("Mùa du lịch biển Cửa Tùng – Cửa Việt 2026",
         "Các bãi biển Quảng Trị sẵn sàng đón du khách trong nước và quốc tế.",
         "<p>Bãi biển Cửa Tùng, từng được mệnh danh là “nữ hoàng của các bãi tắm”, cùng Cửa Việt chuẩn bị nhiều hoạt động văn hóa, thể thao biển.</p>"),
        ("Cua Tung – Cua Viet beach season 2026",
         "Quang Tri's beaches are ready for domestic and international visitors.",
         "<p>Cửa Tùng beach, once called the “queen of beaches”, and Cửa Việt prepare cultural and sea-sport events.</p>"),
        ("Saison balnéaire 2026 à Cua Tung et Cua Viet",
         "Les plages de Quang Tri accueillent les visiteurs vietnamiens et étrangers.",
         "<p>La plage de Cửa Tùng, surnommée autrefois « la reine des plages », et Cửa Việt préparent des activités culturelles et sportives.</p>"),
    ),
    DemoItem(
        "canbo.congan", "document", ("bien-gioi-lang-gieng",), ("biên giới",), "Lao Bảo",
        ("Tổng hợp tình hình an ninh khu vực cửa khẩu quý IV",
         "Tài liệu phục vụ giao ban nội bộ, không đăng công khai.",
         "<p>Số liệu tổng hợp phục vụ giao ban nội bộ của các lực lượng.</p>"),
        None, level="restricted", end="approved",
    ),
    DemoItem(
        "canbo.baochi", "news", ("van-hoa-di-san",), ("di sản",), "Thành cổ Quảng Trị",
        ("Lễ hội Vì hòa bình tại Thành cổ Quảng Trị",
         "Chương trình nghệ thuật và thả hoa đăng trên sông Thạch Hãn.",
         "<p>Lễ hội thu hút đông đảo cựu chiến binh và du khách quốc tế.</p>"),
        None, end="submitted",
    ),
)  # fmt: skip


def demo_image() -> bytes:
    image = Image.new("RGB", (960, 540), (20, 80, 140))
    draw = ImageDraw.Draw(image)
    for y in range(0, 540, 6):
        draw.line([(0, y), (960, y)], fill=(20 + y // 6, 80 + y // 10, 140))
    draw.ellipse([380, 170, 580, 370], fill=(242, 169, 0))
    out = BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def _load(spec: DemoItem, editor: User) -> None:
    author = User.objects.get(username=spec.author)
    title, summary, body = spec.vi
    item = services.item_create(
        actor=author,
        kind=spec.kind,
        title=title,
        summary=summary,
        body=body,
        categories=list(Category.objects.filter(slug__in=spec.categories)),
        tags=list(spec.tags),
        places=spec.places,
        security_level=spec.level,
        source=author.unit.name if author.unit else "",
        licence="CC BY 4.0",
    )
    for language, text in (("en", spec.en), ("fr", spec.fr)):
        if text:
            services.translation_save(
                actor=author,
                item=item,
                language=language,
                title=text[0],
                summary=text[1],
                body=text[2],
            )
    if spec.image_alt:
        data = demo_image()
        media_add(
            actor=author,
            item=item,
            name="demo.jpg",
            size=len(data),
            data=data,
            alt_text=spec.image_alt,
        )
    services.item_submit(actor=author, item=item)
    if spec.end == "submitted":
        return
    services.item_approve(actor=editor, item=item)
    if spec.end == "published":
        services.item_publish(actor=editor, item=item)


@transaction.atomic
def demo_library_load() -> int:
    """Load the demo items that are missing; returns how many were added."""
    editor = User.objects.get(username="bientap")
    existing = set(Translation.objects.filter(language="vi").values_list("title", flat=True))
    missing = [spec for spec in DEMO_ITEMS if spec.vi[0] not in existing]
    for spec in missing:
        _load(spec, editor)
    return len(missing)
