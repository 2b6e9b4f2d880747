"""Language identification with two offline votes: py3langid (restricted) and pycld2.

Both ship their models inside the wheel, so nothing is fetched. Scripts that only one language
of our set uses (Lao, Khmer, Chinese) decide on their own; Vietnamese letters settle vi/other.
"""

from __future__ import annotations

import re
from functools import cache

import pycld2
from py3langid.langid import MODEL_FILE, LanguageIdentifier

LANGUAGES = ("vi", "en", "fr", "zh", "lo", "km")
_SCRIPTS = (
    ("lo", re.compile(r"[\u0e80-\u0eff]")),
    ("km", re.compile(r"[\u1780-\u17ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
)
# Letters only Vietnamese uses among our languages (ơ, ư, ă, đ and the stacked tones).
_VIETNAMESE = re.compile(r"[ơưăđƠƯĂĐạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
_SAMPLE = 3000
_LETTER = re.compile(r"[^\W\d_]")


@cache
def _langid() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect_language(text: str) -> tuple[str, float]:
    """Return (code from LANGUAGES, confidence 0..1) for `text`."""
    sample = text[:_SAMPLE]
    letters = len(_LETTER.findall(sample)) or 1
    for code, script in _SCRIPTS:
        if len(script.findall(sample)) / letters > 0.3:
            return code, 1.0
    if len(_VIETNAMESE.findall(sample)) / letters > 0.03:
        return "vi", 1.0
    first, prob = _langid().classify(sample)
    second = _cld2(sample)
    if second is None or second == first:
        return str(first), round(float(prob), 3)
    # The votes differ: trust py3langid when it is sure, otherwise CLD2's reliable answer.
    if prob >= 0.9:
        return str(first), round(float(prob) * 0.8, 3)
    return second, 0.5


def _cld2(sample: str) -> str | None:
    try:
        reliable, _, details = pycld2.detect(sample)
    except pycld2.error:
        return None
    code = details[0][1]
    if not reliable:
        return None
    code = "zh" if code.startswith("zh") else code
    return code if code in LANGUAGES else None
