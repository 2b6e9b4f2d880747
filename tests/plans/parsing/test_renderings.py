"""Round trips: a plan in text form rendered to a real .docx and .pdf (drawn by fpdf2, and
exported from the .docx by LibreOffice as offices do) reads back as the same paragraphs and
parses into the same task register as the text itself.

The plans are our synthetic one (fixtures/synthetic_plan.txt) and every real sample in
../shared/samples/plans (skipped with a message when ../shared is absent).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SHARED
from tests.plans.parsing.rendering import (
    render_docx,
    render_office_pdf,
    render_pdf,
    source_paragraphs,
)
from ttdn.plans.parsing import parse_bytes, parse_text
from ttdn.plans.parsing.readers import read_document

SYNTHETIC = Path(__file__).parent / "fixtures" / "synthetic_plan.txt"
SAMPLES = SHARED / "samples" / "plans"


def _plans() -> list[Any]:
    params = [pytest.param(SYNTHETIC, id="synthetic")]
    if SAMPLES.is_dir():
        params += [pytest.param(path, id=path.stem) for path in sorted(SAMPLES.glob("*.txt"))]
    else:
        params.append(
            pytest.param(
                None,
                id="samples",
                marks=pytest.mark.skip(reason=f"../shared không có ({SAMPLES}): bỏ qua mẫu thật"),
            )
        )
    return params


PLANS = _plans()


@cache
def rendered(path: Path, kind: str) -> bytes:
    text = path.read_text(encoding="utf-8")
    if kind == "office.pdf":
        return render_office_pdf(text)
    return render_docx(text) if kind == "docx" else render_pdf(text)


def pdf_form(paragraphs: list[str]) -> list[str]:
    """A PDF cannot tell paragraphs inside a table cell apart from wrapped lines: join them."""
    return [re.sub(r"</?p>", "", p.replace("</p> <p>", " ")) for p in paragraphs]


@pytest.mark.parametrize("path", PLANS)
def test_docx_reads_back_the_source_paragraphs(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    text = read_document(rendered(path, "docx"), f"{path.stem}.docx")
    assert source_paragraphs(text) == source_paragraphs(source)


@pytest.mark.parametrize("path", PLANS)
def test_pdf_reads_back_the_source_paragraphs(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    text = read_document(rendered(path, "pdf"), f"{path.stem}.pdf")
    expected = pdf_form(source_paragraphs(source, headings=False))
    assert pdf_form(source_paragraphs(text, headings=False)) == expected


@pytest.mark.parametrize("kind", ["docx", "pdf", "office.pdf"])
@pytest.mark.parametrize("path", PLANS)
def test_rendered_file_gives_the_same_task_register(path: Path, kind: str) -> None:
    source = path.read_text(encoding="utf-8")
    tasks = parse_bytes(rendered(path, kind), f"{path.stem}.{kind}").to_json()["tasks"]
    assert tasks == parse_text(source).to_json()["tasks"]


@pytest.mark.parametrize("path", PLANS)
def test_office_pdf_reads_back_the_header_and_every_list_label(path: Path) -> None:
    """LibreOffice sets list numbers and bullets apart by a tab stop, as Word does: each label
    stays on its own paragraph's line, and the plan's number and date are read."""
    source = path.read_text(encoding="utf-8")
    text = read_document(rendered(path, "office.pdf"), f"{path.stem}.pdf")
    parsed, expected = parse_text(text).to_json(), parse_text(source).to_json()
    assert parsed["document"] == expected["document"]
    labels = [p.split(" ", 1)[0] for p in source_paragraphs(source, headings=False)]
    read = [p.split(" ", 1)[0] for p in source_paragraphs(text, headings=False)]
    for label in ("I.", "II.", "a)", "b)", "1.", "-", "+"):
        assert read.count(label) == labels.count(label), label
