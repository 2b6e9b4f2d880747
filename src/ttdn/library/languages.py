"""The portal's languages (setting `TTDN_LIBRARY_LANGUAGES`, default vi, en, fr, zh, lo, km) and
their names as their readers write them."""

from __future__ import annotations

from django.conf import settings

NATIVE_NAMES = {
    "vi": "Tiếng Việt",
    "en": "English",
    "fr": "Français",
    "zh": "中文",
    "lo": "ພາສາລາວ",
    "km": "ភាសាខ្មែរ",
    "ja": "日本語",
    "ko": "한국어",
    "ru": "Русский",
    "de": "Deutsch",
    "es": "Español",
    "th": "ภาษาไทย",
}
ALL_CODES = tuple(NATIVE_NAMES)


def content_languages() -> tuple[str, ...]:
    """The configured languages, the first one (Vietnamese by default) being the source."""
    return tuple(settings.TTDN_LIBRARY_LANGUAGES)


def language_choices() -> list[tuple[str, str]]:
    return [(code, NATIVE_NAMES.get(code, code)) for code in ALL_CODES]


def language_name(code: str) -> str:
    return NATIVE_NAMES.get(code, code)
