"""Province gazetteer built from the administrative data shipped inside `underthesea`.

The package's address module carries a JSON mapping (effective 1/7/2025) of the 63 former
provinces, the 34 current ones, and every former district and ward to its new province. We read
that file directly (never importing `underthesea`, which would pull in unrelated machinery).
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from ttdn.text.normalize import fold

MERGER_DATE = date(2025, 7, 1)
# Capitalised phrases that contain a province name but are not places (the Pacific Ocean).
NOT_PLACES = frozenset({("thai", "binh", "duong")})
_DISTRICT_PREFIXES = ("Thành phố ", "Thị xã ", "Huyện ", "Quận ")
_WARD_PREFIXES = ("Phường ", "Xã ", "Thị trấn ", "Đặc khu ")

# Names the press uses that the administrative data does not spell: English forms, old names,
# abbreviations. Keys are official short names of the former 63 provinces.
_ALIASES: dict[str, tuple[str, ...]] = {
    "Hồ Chí Minh": (
        "Thành phố Hồ Chí Minh",
        "TP Hồ Chí Minh",
        "TP.HCM",
        "TPHCM",
        "TP HCM",
        "HCMC",
        "Ho Chi Minh City",
        "Sài Gòn",
        "Saigon",
        "Hô Chi Minh-Ville",
        "胡志明市",
    ),
    "Hà Nội": ("Hanoi", "Ha Noi", "Hanoï", "河内"),
    "Đà Nẵng": ("Danang", "Da Nang", "岘港"),
    "Hải Phòng": ("Haiphong", "Hai Phong", "海防"),
    "Huế": ("Thừa Thiên Huế", "Thua Thien Hue", "Hue", "顺化"),
    "Bà Rịa - Vũng Tàu": ("Bà Rịa – Vũng Tàu", "Bà Rịa-Vũng Tàu", "Ba Ria Vung Tau", "Vũng Tàu"),
    "Đắk Lắk": ("Đắc Lắc", "Dak Lak", "Daklak", "Dac Lac"),
    "Đắk Nông": ("Dak Nong",),
    "Cần Thơ": ("Can Tho", "芹苴"),
    "Quảng Ninh": ("广宁",),
    "Lào Cai": ("老街",),
    "Lạng Sơn": ("谅山",),
    "Cao Bằng": ("高平",),
    "Hà Giang": ("河江",),
    "Lai Châu": ("莱州",),
    "Điện Biên": ("奠边",),
    "Bắc Ninh": ("北宁",),
    "Bắc Giang": ("北江",),
    "Nghệ An": ("义安", "乂安"),
    "Khánh Hòa": ("庆和",),
    "Bình Dương": ("平阳",),
    "Đồng Nai": ("同奈",),
    "Quảng Nam": ("广南",),
    "Thanh Hóa": ("清化",),
    "Hải Dương": ("海阳",),
    "Ninh Bình": ("宁平",),
}
# One-word spellings of well-known towns (the two-word forms are already districts in the data).
_TOWNS: dict[str, tuple[str, ...]] = {
    "Quảng Ninh": ("Halong",),
    "Lào Cai": ("Sapa",),
    "Lâm Đồng": ("Dalat",),
}


@dataclass(frozen=True)
class Place:
    """One name that points at a former province; `kind` says how strong a sign it is."""

    name: str
    province: str  # short name of the former province
    kind: str  # province | alias | district | ward | custom


@dataclass(frozen=True)
class Gazetteer:
    """Folded name tokens → places, plus the former → current province mapping."""

    entries: dict[tuple[str, ...], tuple[Place, ...]]
    current_of: dict[str, str]  # former short name → current short name
    current: frozenset[str]
    former: frozenset[str]
    longest: int
    unspaced: tuple[Place, ...] = ()  # names in scripts without spaces, matched as substrings
    # First word of every name → the name lengths (in words) starting with it, longest first.
    heads: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        lengths: dict[str, set[int]] = {}
        for key in [*self.entries, *NOT_PLACES]:
            lengths.setdefault(key[0], set()).add(len(key))
        heads = {word: tuple(sorted(ns, reverse=True)) for word, ns in lengths.items()}
        object.__setattr__(self, "heads", heads)

    def province_at(self, former_name: str, when: date | None) -> str:
        """Return the official name in force at `when` (today's names when unknown)."""
        if when is not None and when < MERGER_DATE:
            return former_name
        return self.current_of.get(former_name, former_name)

    def with_places(self, places: dict[str, list[str]]) -> Gazetteer:
        """Return a copy that also knows `places` (province → extra place/landmark/people names)."""
        entries = dict(self.entries)
        for province, names in places.items():
            for name in names:
                _add(entries, Place(name=name, province=province, kind="custom"))
        longest = max(len(k) for k in entries)
        return Gazetteer(
            entries, self.current_of, self.current, self.former, longest, self.unspaced
        )

    def canonical(self, name: str) -> str | None:
        """Return the official short name for a province written any way we know, or None."""
        places = self.entries.get(key_of(name), ())
        for place in places:
            if place.kind in ("province", "alias"):
                return place.province
        return None


def key_of(name: str) -> tuple[str, ...]:
    return tuple(fold(name).replace("-", " ").replace("–", " ").replace(".", " ").split())


def _add(entries: dict[tuple[str, ...], tuple[Place, ...]], place: Place) -> None:
    key = key_of(place.name)
    if not key:
        return
    known = entries.get(key, ())
    if place not in known:
        entries[key] = (*known, place)


def mapping_path() -> Path:
    """Locate underthesea's address mapping without importing the package."""
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("underthesea is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "address" / "data" / "mapping.json"


def _strip(name: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


@cache
def load_gazetteer() -> Gazetteer:
    data: dict[str, Any] = json.loads(mapping_path().read_text(encoding="utf-8"))
    former_names = {key: info["short"] for key, info in data["old_province_names"].items()}
    current_names = {key: info["short"] for key, info in data["province_names"].items()}
    current_of = {former_names[o]: current_names[n] for o, n in data["province_mapping"].items()}
    entries: dict[tuple[str, ...], tuple[Place, ...]] = {}
    for short in former_names.values():
        _add(entries, Place(short, short, "province"))
        for alias in _ALIASES.get(short, ()):
            _add(entries, Place(alias, short, "alias"))
        for town in _TOWNS.get(short, ()):
            _add(entries, Place(town, short, "district"))
    _add_localities(entries, data["ward_mapping"], former_names)
    return Gazetteer(
        entries=entries,
        current_of=current_of,
        current=frozenset(current_names.values()),
        former=frozenset(former_names.values()),
        longest=max(len(k) for k in entries),
        unspaced=tuple(
            Place(alias, short, "alias")
            for short, aliases in _ALIASES.items()
            for alias in aliases
            if any("\u4e00" <= ch <= "\u9fff" for ch in alias)
        ),
    )


def _add_localities(
    entries: dict[tuple[str, ...], tuple[Place, ...]],
    records: list[dict[str, str]],
    former_names: dict[str, str],
) -> None:
    """Districts by bare name and wards only with their prefix, both only when unambiguous."""
    districts: dict[tuple[str, ...], set[str]] = {}
    wards: dict[tuple[str, ...], set[str]] = {}
    shown: dict[tuple[str, ...], str] = {}
    for record in records:
        province = former_names[record["old_province_key"]]
        bare = _strip(record["old_district"], _DISTRICT_PREFIXES)
        districts.setdefault(key_of(bare), set()).add(province)
        shown[key_of(bare)] = bare
        for ward in (record["old_ward"], record["new_ward"]):
            if ward:
                # The new ward belongs to the former province of the old ward it absorbed.
                wards.setdefault(key_of(ward), set()).add(province)
                shown[key_of(ward)] = ward
    for key, provinces in districts.items():
        # A bare name shared by two provinces (Châu Thành, Phú Tân...) or one that is a province
        # or a single common word says nothing on its own.
        if len(provinces) == 1 and len(key) > 1 and key not in entries:
            _add(entries, Place(shown[key], next(iter(provinces)), "district"))
    for key, provinces in wards.items():
        if len(provinces) == 1 and key not in entries:
            _add(entries, Place(shown[key], next(iter(provinces)), "ward"))
