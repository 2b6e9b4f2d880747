"""decode_vietnamese: UTF-8/UTF-16 pass through; TCVN3, VNI and Windows-1258 bytes are told apart
and converted back to the exact Unicode text; undecidable bytes are refused naming the guess.

The test encoders below are written from the published code charts, laid out the way the charts
print them (by vowel and tone), independently of the module's byte-ordered tables.
"""

from __future__ import annotations

import random
import unicodedata

import pytest

from ttdn.text.legacy_encodings import ENCODING_LABELS, LegacyEncodingError, decode_vietnamese

SENTENCES = [
    "Sở Ngoại vụ chủ trì tổ chức đoàn phóng viên nước ngoài đến thăm các huyện miền núi.",
    "Thời gian thực hiện: quý hai năm 2025, kinh phí dự kiến một trăm triệu đồng.",
    "Tăng cường quảng bá hình ảnh đất nước, con người Việt Nam tới bạn bè quốc tế.",
    "Đài Phát thanh và Truyền hình tỉnh sản xuất phóng sự song ngữ về biển, đảo, biên giới.",
    "Các cơ quan báo chí cần chủ động đấu tranh, phản bác thông tin sai lệch trên mạng xã hội.",
    "Lưu ý: tài liệu gửi về trước ngày 15 tháng 11, kèm danh sách người liên hệ.",
    "KẾ HOẠCH THÔNG TIN ĐỐI NGOẠI NĂM 2025",
]

# TCVN3 (ABC): per base vowel, the codes of grave, hook, tilde, acute, dot-below.
_TCVN3_TONED = {
    "a": "B5 B6 B7 B8 B9", "ă": "BB BC BD BE C6", "â": "C7 C8 C9 CA CB",
    "e": "CC CE CF D0 D1", "ê": "D2 D3 D4 D5 D6", "i": "D7 D8 DC DD DE",
    "o": "DF E1 E2 E3 E4", "ô": "E5 E6 E7 E8 E9", "ơ": "EA EB EC ED EE",
    "u": "EF F1 F2 F3 F4", "ư": "F5 F6 F7 F8 F9", "y": "FA FB FC FD FE",
}  # fmt: skip
_TCVN3_BASE = {"Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
               "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE}  # fmt: skip
TONES = ["\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]  # grave, hook, tilde, acute, dot


def _split(ch: str) -> tuple[str, str]:
    """'ấ' -> ('â', acute): the letter with its shape marks, and its tone mark (or '')."""
    marks = unicodedata.normalize("NFD", ch)
    tone = "".join(m for m in marks if m in TONES)
    letter = unicodedata.normalize("NFC", "".join(m for m in marks if m not in TONES))
    return letter, tone


def encode_tcvn3(text: str) -> bytes:
    out = bytearray()
    for ch in text:
        letter, tone = _split(ch)
        if tone:  # ABC has no toned capitals: they are typed as lower case in an all-caps font
            codes = _TCVN3_TONED[letter.lower()].split()
            out.append(int(codes[TONES.index(tone)], 16))
        elif letter in _TCVN3_BASE:
            out.append(_TCVN3_BASE[letter])
        else:
            out += ch.encode("ascii")
    return bytes(out)


# VNI-Windows: a letter, then a mark byte (lower-case byte after a lower-case letter).
_VNI_MARK = {"\u0300": (0xF8, 0xD8), "\u0301": (0xF9, 0xD9), "\u0309": (0xFB, 0xDB),
             "\u0303": (0xF5, 0xD5), "\u0323": (0xEF, 0xCF)}  # fmt: skip
_VNI_SHAPE = {  # circumflex / breve with each tone (none, grave, acute, hook, tilde, dot)
    "\u0302": dict(zip(["", *TONES], [0xE2, 0xE0, 0xE5, 0xE3, 0xE1, 0xE4], strict=True)),
    "\u0306": dict(zip(["", *TONES], [0xEA, 0xE8, 0xFA, 0xFC, 0xE9, 0xEB], strict=True)),
}
_VNI_SINGLE = {"đ": 0xF1, "ơ": 0xF4, "ư": 0xF6, "ì": 0xEC, "í": 0xED, "ỉ": 0xE6, "ĩ": 0xF3,
               "ị": 0xF2, "ỵ": 0xEE}  # fmt: skip


def encode_vni(text: str) -> bytes:
    out = bytearray()
    for ch in text:
        lower = ch.lower()
        if lower in _VNI_SINGLE:
            out.append(_VNI_SINGLE[lower] - (0x20 if ch.isupper() else 0))
            continue
        letter, tone = _split(ch)
        base = unicodedata.normalize("NFD", letter)
        upper = 0x20 if ch.isupper() else 0
        if base[0].lower() in "ơư" or letter.lower() in "ơư":  # horn letters have their own byte
            out.append(_VNI_SINGLE[letter.lower()] - upper)
            out.extend([_VNI_MARK[tone][1 if upper else 0]] if tone else [])
        elif len(base) > 1 and base[1] in _VNI_SHAPE:
            out += base[0].encode("ascii")
            out.append(_VNI_SHAPE[base[1]][tone] - upper)
        else:
            out += base[0].encode("ascii")
            out.extend([_VNI_MARK[tone][1 if upper else 0]] if tone else [])
    return bytes(out)


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 has ă, â, ê, ô, ơ, ư, đ but writes tones as separate combining marks."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            letter, tone = _split(ch)
            out += (letter + tone).encode("cp1258")
    return bytes(out)


ENCODERS = {"tcvn3": encode_tcvn3, "vni": encode_vni, "windows-1258": encode_cp1258}


@pytest.mark.parametrize(
    ("data", "expected", "encoding"),
    [
        (
            b"K\xd5 ho\xb9ch th\xabng tin \xae\xe8i ngo\xb9i",
            "Kế hoạch thông tin đối ngoại",
            "tcvn3",
        ),
        (b"Xin cha\xf8o ca\xf9c ba\xefn, \xf1o\xe0ng ba\xf8o", "Xin chào các bạn, đồng bào", "vni"),
        (b"Vi\xea\xf2t Nam v\xe0 \xd0a\xd2ng", "Việt Nam và Đảng", "windows-1258"),
    ],
)
def test_known_byte_strings_from_the_code_charts(data: bytes, expected: str, encoding: str) -> None:
    assert decode_vietnamese(data) == (expected, encoding)


@pytest.mark.parametrize("encoding", sorted(ENCODERS))
def test_a_whole_document_round_trips(encoding: str) -> None:
    text = "\n".join(SENTENCES)
    data = ENCODERS[encoding](text)
    assert not data.isascii()
    assert decode_vietnamese(data) == (text, encoding)


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("encoding", sorted(ENCODERS))
def test_each_sentence_alone_round_trips(encoding: str, sentence: str) -> None:
    assert decode_vietnamese(ENCODERS[encoding](sentence)) == (sentence, encoding)


def test_plain_utf8_passes_through_in_nfc() -> None:
    text = "Kế hoạch số 58/KH-UBND – “Hà Lam”"
    assert decode_vietnamese(text.encode("utf-8")) == (text, "utf-8")
    assert decode_vietnamese(unicodedata.normalize("NFD", text).encode("utf-8")) == (text, "utf-8")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b"\xef\xbb\xbf" + SENTENCES[0].encode("utf-8"), "utf-8"),
        (b"\xff\xfe" + SENTENCES[0].encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + SENTENCES[0].encode("utf-16-be"), "utf-16-be"),
        (SENTENCES[0].encode("utf-16-le"), "utf-16-le"),
        (SENTENCES[0].encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_byte_order_marks_and_bomless_utf16(data: bytes, encoding: str) -> None:
    assert decode_vietnamese(data) == (SENTENCES[0], encoding)


def test_only_punctuation_above_ascii_reads_as_windows_1258() -> None:
    assert decode_vietnamese(b"Ke hoach \x93so 5\x94 \x96 nam 2025") == (
        "Ke hoach “so 5” – nam 2025",
        "windows-1258",
    )


def test_undecidable_byte_soup_is_refused_naming_the_encoding() -> None:
    soup = bytes(b for b in random.Random(11).randbytes(4000) if b >= 0x20)
    with pytest.raises(LegacyEncodingError) as caught:
        decode_vietnamese(soup)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.encoding in ("tcvn3", "vni", "windows-1258")
    assert ENCODING_LABELS[error.encoding] in error.message
    assert "UTF-8" in error.message


def test_broken_utf16_after_a_byte_order_mark_is_refused() -> None:
    with pytest.raises(LegacyEncodingError) as caught:
        decode_vietnamese(b"\xff\xfe" + "Kế hoạch".encode("utf-16-le") + b"\x00\xd8")
    assert caught.value.encoding == "utf-16-le"
