"""The 图解: every key figure drawn comes from the report's tables (read back from the SVG's text),
1080 px wide, last year's change where last year is imported, typed text never markup."""

from __future__ import annotations

import random
import re
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from helpers import balanced_report, cli, sample_report
from hypothesis import given, settings
from hypothesis import strategies as st

from gxdesk.domain.editions import edition_of
from gxdesk.domain.report import PriorYear, Report
from gxdesk.domain.rule import compute
from gxdesk.exchange.key_figures import Figure, key_figures
from gxdesk.resources import sample

SVG = "{http://www.w3.org/2000/svg}"


def svg_texts(report: Report) -> list[str]:
    from gxdesk.gui.publish.infographic import to_svg

    root = ElementTree.fromstring(to_svg(report))
    assert root.get("viewBox", "").startswith("0 0 1080 ")
    assert list(root.iter(f"{SVG}image")) == []  # no text turned into a picture
    return ["".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")]


def drawn(fig: Figure, texts: list[str]) -> bool:
    """The number alone (big, its unit beside it), or with its unit in a line of text."""
    with_unit = re.compile(rf"(?<![\d.]){re.escape(fig.text + fig.unit)}")
    return fig.text in texts or any(with_unit.search(t) for t in texts)


def table_total(report: Report, cell: str) -> str:
    values = compute(edition_of(report), report.values, report.claimed)
    value = values.get(cell) or 0
    return str(value.quantize(Decimal(1)) if isinstance(value, Decimal) and value == int(value) else value)


@pytest.mark.parametrize("name", ("qinghe-sthjj-2025.gxr", "xianyou-gxj-2020.gxr", "fujian-gxt-2020.gxr"))
def test_every_key_figure_is_drawn_from_the_tables(name: str) -> None:
    report = sample_report(name)
    texts = svg_texts(report)
    figures = key_figures(report)
    for fig in figures.all_figures():
        assert drawn(fig, texts), (fig.label, fig.text)
        assert any(fig.label in t for t in texts), fig.label
    # The central figures are the tables' own cells.
    for cell in ("t3.new.total", "t3.carried_in.total", "t3.r7_total.total", "t3.carry_out.total",
                 "t4.cases.review_total"):  # fmt: skip
        assert table_total(report, cell) in texts, cell
    assert report.meta.agency in texts
    assert f"{report.meta.year}年政府信息公开工作年度报告" in texts


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 10_000), edition=st.sampled_from(("2019", "2021")))
def test_random_reports_results_add_up_to_the_table(seed: int, edition: str) -> None:
    report = balanced_report(edition, random.Random(seed))
    figures = key_figures(report)
    values = compute(edition_of(report), report.values)
    assert sum(f.value for f in figures.results) == values["t3.r7_total.total"]
    people, bodies = figures.applicants
    assert people.value + bodies.value == values["t3.new.total"]
    review, lawsuit = figures.cases
    assert review.total.value == values["t4.cases.review_total"]
    assert lawsuit.total.value == values["t4.cases.direct_total"] + values["t4.cases.after_review_total"]
    texts = svg_texts(report)
    for fig in figures.all_figures():
        assert drawn(fig, texts)


def test_change_against_last_year_is_drawn_when_imported() -> None:
    report = sample_report("qinghe-sthjj-2025.gxr")
    report.prior = PriorYear(2024, "2021", {"t3.new.natural": 10, "t3.new.business": 5, "t3.new.research": 0,
                                            "t3.new.nonprofit": 0, "t3.new.legal": 0, "t3.new.other": 0})  # fmt: skip
    new = key_figures(report).received[0]
    assert (new.text, new.last, new.change) == ("33", "15", "较上年 +18")
    assert "较上年 +18" in svg_texts(report)
    report.prior = None
    assert not any(t.startswith("较上年") for t in svg_texts(report))


def test_png_is_1080_wide_and_long(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage

    out = tmp_path / "图解.png"
    result = cli("export", str(sample("qinghe-sthjj-2025.gxr")), "--png", str(out))
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert image.width() == 1080 and image.height() > 2500


def test_typed_text_stays_text_in_the_svg() -> None:
    report = sample_report("qinghe-sthjj-2025.gxr")
    report.meta.agency = '<script>alert(1)</script>&"测试局"\x07'
    texts = svg_texts(report)  # parses: nothing broke out of its element
    assert "<script>alert(1)</script>&" in "".join(texts)  # (a long name is set in lines)
    assert not any(re.search("[\x00-\x08]", t) for t in texts)


def test_a_long_agency_name_breaks_between_words() -> None:
    report = sample_report("qinghe-sthjj-2025.gxr")
    report.meta.agency = "青禾市经济技术开发区管理委员会生态环境和城乡建设管理局（行政审批局）"
    texts = svg_texts(report)
    assert "青禾市经济技术开发区管理委员会" in texts
    assert "生态环境和城乡建设管理局（行政审批局）" in texts


def test_a_name_of_any_length_gives_a_picture_of_a_report_s_height(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """100,000 characters of agency name: three lines of it, shortened with …, and a real image."""
    from PySide6.QtGui import QImage

    from gxdesk.store import save

    report = sample_report("qinghe-sthjj-2025.gxr")
    report.meta.agency = "青禾市生态环境局" * 12_500
    path = tmp_path / "r.gxr"
    save(report, path)
    out = tmp_path / "图解.png"
    result = cli("export", str(path), "--png", str(out))
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert image.width() == 1080 and 2500 < image.height() < 6000
    assert "…" in "".join(svg_texts(report))


def test_a_picture_that_cannot_be_made_leaves_the_old_file(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """Qt refusing the image's memory: a Chinese message, exit 2, and the old PNG as it was."""
    from PySide6.QtGui import QImage

    import gxdesk.gui.publish.infographic as infographic
    from gxdesk.exchange.formats import RenderError, output_format

    class Refused(QImage):  # a null image, as when Qt cannot allocate the pixels
        def __init__(self, *args: object) -> None:
            super().__init__()

    monkeypatch.setattr(infographic, "QImage", Refused)
    with pytest.raises(RenderError, match="内存不足"):
        output_format("png").render(sample_report("qinghe-sthjj-2025.gxr"))

    from gxdesk.cli import main

    out = tmp_path / "图解.png"
    out.write_bytes(b"old picture")
    assert main(["export", str(sample("qinghe-sthjj-2025.gxr")), "--png", str(out)]) == 2
    assert out.read_bytes() == b"old picture"
    assert "原有文件未被改动" in capsys.readouterr().err
