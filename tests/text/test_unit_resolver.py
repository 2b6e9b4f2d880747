"""UnitResolver: abbreviations, provinces, dates, collective mentions, lists, and the sample plans.

The registry below is written here from public body names; validity dates are test data chosen
to exercise reorganisations (most Sở TTTT merged away on 1/3/2025), not a reference.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ttdn.text.unit_resolver import (
    CANDIDATE_FLOOR,
    KINDS,
    MARGIN,
    RESOLVE_THRESHOLD,
    Resolution,
    UnitRecord,
    UnitResolver,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
GOLD = REPO_ROOT.parent / "shared" / "gold"
MERGED_2025 = date(2025, 2, 28)

PROVINCES = {"QB": "Quảng Bình", "TTH": "Thừa Thiên Huế", "KG": "Kiên Giang", "QNG": "Quảng Ngãi"}
# (code suffix, name pattern, kind, valid_to); "{p}" is the province name.
PROVINCIAL_UNITS: tuple[tuple[str, str, str, date | None], ...] = (
    ("UBND", "Ủy ban nhân dân tỉnh {p}", "ubnd", None),
    ("VPUBND", "Văn phòng Ủy ban nhân dân tỉnh", "department", None),
    ("TU", "Tỉnh ủy {p}", "party", None),
    ("BTGTU", "Ban Tuyên giáo Tỉnh ủy", "party", None),
    ("STTTT", "Sở Thông tin và Truyền thông", "department", MERGED_2025),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "department", None),
    ("SNGV", "Sở Ngoại vụ", "department", None),
    ("SKHDT", "Sở Kế hoạch và Đầu tư", "department", MERGED_2025),
    ("STC", "Sở Tài chính", "department", None),
    ("STP", "Sở Tư pháp", "department", None),
    ("SCT", "Sở Công Thương", "department", None),
    ("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", "department", MERGED_2025),
    ("STNMT", "Sở Tài nguyên và Môi trường", "department", MERGED_2025),
    ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "department", MERGED_2025),
    ("CA", "Công an tỉnh {p}", "armed_forces", None),
    ("BDBP", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh {p}", "armed_forces", None),
    ("BDT", "Ban Dân tộc", "department", None),
    ("BAO", "Báo {p}", "press", None),
    ("PTTH", "Đài Phát thanh và Truyền hình tỉnh {p}", "press", None),
    ("CONG", "Cổng Thông tin điện tử tỉnh {p}", "press", None),
    ("HNB", "Hội Nhà báo tỉnh {p}", "mass_org", None),
    ("LHHN", "Liên hiệp các Tổ chức hữu nghị tỉnh {p}", "mass_org", None),
    ("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh {p}", "mass_org", None),
    ("BCDTTDN", "Ban Chỉ đạo công tác thông tin đối ngoại tỉnh {p}", "other", None),
)
OTHER_UNITS: tuple[UnitRecord, ...] = (
    UnitRecord("TTH-SVHTT", "Sở Văn hóa và Thể thao", (), "department", "Thừa Thiên Huế",
               None, MERGED_2025),
    UnitRecord("TTH-SDL", "Sở Du lịch", (), "department", "Thừa Thiên Huế", None, MERGED_2025),
    UnitRecord("TTH-TTBTDT", "Trung tâm Bảo tồn Di tích Cố đô Huế", (), "other", "Thừa Thiên Huế"),
    UnitRecord("TTH-TCSH", "Tạp chí Sông Hương", (), "press", "Thừa Thiên Huế"),
    UnitRecord("TTH-TCHXVN", "Tạp chí Huế Xưa và Nay", (), "press", "Thừa Thiên Huế"),
    UnitRecord("TTH-TCNCPT", "Tạp chí Nghiên cứu và Phát triển", (), "press", "Thừa Thiên Huế"),
    UnitRecord("KG-HVHNT", "Hội Văn học Nghệ thuật tỉnh Kiên Giang", (), "mass_org", "Kiên Giang"),
    UnitRecord("LS-TP-UBND", "Ủy ban nhân dân thành phố Lạng Sơn", (), "ubnd", "Lạng Sơn"),
    UnitRecord("LS-TP-PVHTT", "Phòng Văn hoá và Thông tin", (), "department", "Lạng Sơn",
               None, date(2025, 6, 30)),
    UnitRecord("LS-TP-PTCKH", "Phòng Tài chính - Kế hoạch", (), "department", "Lạng Sơn",
               None, date(2025, 6, 30)),
    UnitRecord("LS-TP-BTGTU", "Ban Tuyên giáo Thành ủy", (), "party", "Lạng Sơn"),
    UnitRecord("BTTTT", "Bộ Thông tin và Truyền thông", ("Bộ TT&TT",), "department",
               None, None, MERGED_2025),
    UnitRecord("BNG", "Bộ Ngoại giao", kind="department"),
    UnitRecord("BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch", kind="department"),
)  # fmt: skip


def build_registry() -> list[UnitRecord]:
    units = [
        UnitRecord(
            code=f"{short}-{suffix}",
            name=pattern.format(p=province),
            kind=kind,
            province=province,
            valid_from=date(2025, 3, 1) if (short, suffix) == ("TTH", "SVHTTDL") else None,
            valid_to=valid_to,
        )
        for short, province in PROVINCES.items()
        for suffix, pattern, kind, valid_to in PROVINCIAL_UNITS
    ]
    return [*units, *OTHER_UNITS]


@pytest.fixture(scope="module")
def resolver() -> UnitResolver:
    return UnitResolver(build_registry())
