"""The default taxonomy (lĩnh vực) of the CSDL TTĐN; administrators change it in the admin."""

# ruff: noqa: E501 - a table of words, one language a line

from __future__ import annotations

DEFAULT_CATEGORIES: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("tiem-nang-dau-tu", "Tiềm năng – đầu tư", {"en": "Potential and investment", "fr": "Potentiel et investissement"}),
    ("du-lich", "Du lịch", {"en": "Tourism", "fr": "Tourisme"}),
    ("van-hoa-di-san", "Văn hóa – di sản", {"en": "Culture and heritage", "fr": "Culture et patrimoine"}),
    ("chu-quyen-bien-dao", "Chủ quyền biển đảo", {"en": "Maritime sovereignty", "fr": "Souveraineté maritime"}),
    ("bien-gioi-lang-gieng", "Biên giới – quan hệ láng giềng", {"en": "Border and neighbourly relations", "fr": "Frontière et relations de voisinage"}),
    ("hoat-dong-doi-ngoai", "Hoạt động đối ngoại", {"en": "External relations", "fr": "Relations extérieures"}),
    ("quyen-con-nguoi", "Quyền con người", {"en": "Human rights", "fr": "Droits de l'homme"}),
    ("dan-toc-ton-giao", "Dân tộc – tôn giáo", {"en": "Ethnic groups and religions", "fr": "Ethnies et religions"}),
    ("kinh-te-xa-hoi", "Kinh tế – xã hội", {"en": "Economy and society", "fr": "Économie et société"}),
    ("nguoi-viet-o-nuoc-ngoai", "Người Việt Nam ở nước ngoài", {"en": "Overseas Vietnamese", "fr": "Vietnamiens de l'étranger"}),
)  # fmt: skip
