"""Excel export: official layout, live formulas, validation, balance highlighting, text stays text."""

from __future__ import annotations

from decimal import Decimal

import pytest
from helpers import sample_report
from openpyxl import load_workbook

from gxdesk.domain.editions import edition_of
from gxdesk.exchange.xlsx_writer import LEFT, SHEET_NAMES, TOP, write


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("xlsx") / "r.xlsx"
    report = sample_report("qinghe-sthjj-2025.gxr")
    report.meta.agency = '=HYPERLINK("http://example.invalid")'
    report.explanations["T2-VALID-ROLL|t2.b1.normative.valid,t2.b1.normative.made,t2.b1.normative.repealed|"] = (
        "=1+1 这不是公式"
    )
    report.values["t2.b1.normative.valid"] = 26  # gives the findings sheet a row with the explanation
    write(report, path)
    return load_workbook(path), report


def test_sheets_and_labels_in_the_official_layout(workbook) -> None:  # type: ignore[no-untyped-def]
    wb, report = workbook
    assert wb.sheetnames == ["基本信息", *SHEET_NAMES.values(), "检查结果"]
    edition = edition_of(report)
    for table in edition.tables:
        ws = wb[SHEET_NAMES[table.part]]
        merged = {(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges}
        for g in table.grid:
            cell = ws.cell(TOP + g.row, LEFT + g.col)
            if g.rowspan > 1 or g.colspan > 1:
                assert (TOP + g.row, LEFT + g.col, TOP + g.row + g.rowspan - 1, LEFT + g.col + g.colspan - 1) in merged
            if g.cell is None:
                assert cell.value == g.text
            elif not table.cell(g.cell).computed:
                expected = report.values.get(g.cell)
                assert (Decimal(str(cell.value)) if isinstance(cell.value, float) else cell.value) == expected
            assert cell.border.left.style == "thin"


def test_totals_are_live_formulas(workbook) -> None:  # type: ignore[no-untyped-def]
    wb, _ = workbook
    ws = wb["三、依申请公开"]
    assert ws["J6"].value == "=SUM(D6:I6)"  # 一、本年新收 总计
    assert ws["D29"].value == "=SUM(D8:D28)"  # （七）总计 of 自然人
    assert ws["J29"].value == "=SUM(D29:I29)"
    assert wb["四、复议诉讼"]["E6"].value == "=SUM(A6:D6)"
    assert wb.calculation.fullCalcOnLoad


def test_input_cells_validate_their_kind(workbook) -> None:  # type: ignore[no-untyped-def]
    wb, _ = workbook
    ws = wb["三、依申请公开"]
    rules = ws.data_validations.dataValidation
    counts = next(r for r in rules if r.type == "whole" and r.operator == "greaterThanOrEqual")
    assert "D6" in str(counts.sqref) and counts.formula1 == "0" and "不小于0的整数" in counts.error
    amount = next(r for r in wb["二、主动公开"].data_validations.dataValidation if r.type == "decimal")
    assert "万元" in amount.error
    assert not any("J6" in str(r.sqref) for r in rules)  # totals are not inputs


def test_broken_balance_is_highlighted(workbook) -> None:  # type: ignore[no-untyped-def]
    wb, _ = workbook
    ws = wb["三、依申请公开"]
    formulas = [rule.formula[0] for rng in ws.conditional_formatting for rule in rng.rules]
    assert "($D$6+$D$7)<>($D$29+$D$30)" in formulas
    assert "($J$6+$J$7)<>($J$29+$J$30)" in formulas  # the 总计 column is marked too
    assert len(set(formulas)) == 7  # one per applicant column, and the 总计


def test_text_is_never_a_formula(workbook) -> None:  # type: ignore[no-untyped-def]
    wb, _ = workbook
    agency = wb["基本信息"]["B3"]
    assert agency.value.startswith("=HYPERLINK") and agency.data_type == "s"
    findings = wb["检查结果"]
    explanation = next(c for c in findings["F"] if c.value and str(c.value).startswith("=1+1"))
    assert explanation.data_type == "s"


def test_print_setup(workbook) -> None:  # type: ignore[no-untyped-def]
    wb, _ = workbook
    ws = wb["三、依申请公开"]
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows.replace("$", "") == "3:5"


def test_workbook_prints_and_protects_as_a_reader_expects(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Long labels not clipped, amounts with their unit, totals protected, every sheet paged."""
    from openpyxl import load_workbook

    from gxdesk.exchange import xlsx_writer

    path = tmp_path / "r.xlsx"
    xlsx_writer.write(sample_report("qinghe-sthjj-2025.gxr"), path)
    workbook = load_workbook(path)
    three = workbook["三、依申请公开"]
    label_rows = [c.row for row in three.iter_rows() for c in row if str(c.value or "").startswith("2.申请人逾期")]
    assert three.row_dimensions[label_rows[0]].height >= 3 * 14  # 35 characters in a 30-wide column
    assert three.protection.sheet and not three.protection.password
    locked = {c.coordinate: c.protection.locked for row in three.iter_rows() for c in row if c.data_type == "f"}
    assert locked and all(locked.values())
    natural = next(c for row in three.iter_rows() for c in row if c.value == 23)  # an input cell
    assert natural.protection.locked is False
    for sheet in workbook.worksheets:
        assert (
            int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4) and sheet.sheet_properties.pageSetUpPr.fitToPage
        )
        assert "&P" in sheet.oddFooter.center.text
    assert workbook["检查结果"].page_setup.orientation == "landscape"
    report_2019 = sample_report("fujian-gxt-2020.gxr")
    xlsx_writer.write(report_2019, path)
    two = load_workbook(path)["二、主动公开"]
    amount = next(c for row in two.iter_rows() for c in row if c.number_format.endswith('"元"'))
    assert amount.value == float(report_2019.values["t2.b9.procurement.amount"])


def test_totals_carry_their_values_for_readers_that_do_not_calculate(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """pandas, previews and openpyxl's data_only see the totals; Excel still gets the formulas."""
    import io

    from openpyxl import load_workbook

    from gxdesk.domain.editions import get_edition
    from gxdesk.domain.rule import compute
    from gxdesk.exchange import xlsx_writer
    from gxdesk.resources import sample
    from gxdesk.store import load

    report = load(sample("qinghe-sthjj-2025.gxr"))
    data = xlsx_writer.to_bytes(report)
    values = compute(get_edition("2021"), report.values)
    read = load_workbook(io.BytesIO(data), data_only=True)["三、依申请公开"]
    formulas = load_workbook(io.BytesIO(data))["三、依申请公开"]
    assert formulas["J6"].value == "=SUM(D6:I6)" and read["J6"].value == values["t3.new.total"]
    book = load_workbook(io.BytesIO(data))
    assert book.properties.creator == "gxdesk" and book.properties.title == report.meta.full_title


def test_text_that_starts_like_a_formula_stays_text_when_edited(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import io
    import zipfile

    from gxdesk.exchange import xlsx_writer
    from gxdesk.resources import sample
    from gxdesk.store import load

    report = load(sample("qinghe-sthjj-2025.gxr"))
    report.meta.address = '=HYPERLINK("http://x")'
    data = xlsx_writer.to_bytes(report)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert 'quotePrefix="1"' in archive.read("xl/styles.xml").decode("utf-8")


@pytest.mark.parametrize("lead", ["=", "+", "-", "@"])
def test_every_cell_of_text_that_starts_like_a_formula_is_marked_text(lead: str) -> None:
    """The agency name reaches titles, 基本信息 and the findings sheet: each such cell is text with
    Excel's leading ' (quotePrefix), wherever the writer put it."""
    import io

    from gxdesk.exchange import xlsx_writer
    from gxdesk.resources import sample
    from gxdesk.store import load

    report = load(sample("qinghe-sthjj-2025.gxr"))
    report.meta.agency = lead + 'HYPERLINK("http://x","点")局'
    book = load_workbook(io.BytesIO(xlsx_writer.to_bytes(report)))
    marked = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(lead + "HYPERLINK"):
                    assert cell.data_type == "s" and cell.quotePrefix, (sheet.title, cell.coordinate)
                    marked += 1
    assert marked >= 2  # the title and the agency's own cell at least
