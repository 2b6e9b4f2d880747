"""nfc / fold / fold_tokens: display keeps diacritics, keys are accent-, case- and space-blind."""

from __future__ import annotations

import unicodedata

import pytest

from ttdn.text.normalize import fold, fold_tokens, nfc

NFD = "NFD"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (unicodedata.normalize(NFD, "Quảng Ngãi"), "Quảng Ngãi"),
        ("\u00d0ài Phát thanh", "Đài Phát thanh"),
        ("Bà R\u1ecba - \u00f0\u00e0o", "Bà Rịa - đào"),
        ("Sở\u00a0Ngoại\u2009vụ", "Sở Ngoại vụ"),
        ("Sở TT\u2011TT", "Sở TT-TT"),
        ("Sở Thông tin \u2013 Truyền thông", "Sở Thông tin \u2013 Truyền thông"),
        ("\u201eTrích\u201f", '"Trích"'),
        ("\ufeffBáo\u200b Quảng Bình", "Báo Quảng Bình"),
    ],
)
def test_nfc_normalises_form_lookalikes_and_odd_characters(given: str, expected: str) -> None:
    # Given text from a converted document / When normalised for display
    result = nfc(given)
    # Then it is NFC, Đ look-alikes are Đ, odd spaces and dashes plain; typography kept
    assert result == expected
    assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Quảng Bình", "quang binh"),
        ("Đắk Lắk", "dak lak"),
        ("\u00d0ắk Lắk", "dak lak"),
        (unicodedata.normalize(NFD, "Thừa Thiên Huế"), "thua thien hue"),
        ("  Sở   Văn hoá,\tThể thao\n và Du lịch ", "so van hoa, the thao va du lich"),
        ("Văn hóa", "van hoa"),
        ("ỦY BAN NHÂN DÂN", "uy ban nhan dan"),
        ("Sở TT&TT", "so tt&tt"),
        ("", ""),
    ],
)
def test_fold_strips_tones_diacritics_case_and_extra_space(given: str, expected: str) -> None:
    assert fold(given) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Sở TT&TT", ("so", "tt", "tt")),
        ("Sở VH-TT&DL", ("so", "vh", "tt", "dl")),
        ("Sở Kế hoạch và Đầu tư", ("so", "ke", "hoach", "va", "dau", "tu")),
        ("TP. Lạng Sơn", ("tp", "lang", "son")),
        ("Thừa Thiên - Huế;", ("thua", "thien", "hue")),
        ("Ban Chỉ đạo 94 (tỉnh)", ("ban", "chi", "dao", "94", "tinh")),
        ("Sở_Ngoại_vụ", ("so", "ngoai", "vu")),
        ("— ; , .", ()),
    ],
)
def test_fold_tokens_splits_on_punctuation_ampersand_and_dash(
    given: str, expected: tuple[str, ...]
) -> None:
    assert fold_tokens(given) == expected


def test_display_text_keeps_diacritics() -> None:
    # Given a name with every tone mark / When shown / Then nfc changes nothing
    name = "Sở Văn hóa, Thể thao và Du lịch tỉnh Thừa Thiên Huế"
    assert nfc(name) == name


VIETNAMESE_LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)


def test_fold_properties_hold_for_any_text() -> None:
    hypothesis = pytest.importorskip("hypothesis")
    st = pytest.importorskip("hypothesis.strategies")
    alphabet = VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + "Ð \t\n-&,."

    @hypothesis.given(st.text(max_size=80), st.text(alphabet=alphabet, max_size=60))
    def check(anything: str, vietnamese: str) -> None:
        # fold is idempotent on any text
        assert fold(fold(anything)) == fold(anything)
        # Vietnamese letters fold to ASCII, the same from NFC and NFD input
        assert fold(vietnamese).isascii()
        assert fold(unicodedata.normalize(NFD, vietnamese)) == fold(vietnamese)

    check()
