"""Word export: every label and number in the right merged cell; page, fonts, rows, footers."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from helpers import cli, joined_cells, official_tables, sample_report

from gxdesk.domain.cells import format_value
from gxdesk.domain.editions import edition_of
from gxdesk.domain.editions.common import PARTS
from gxdesk.domain.rules import compute
from gxdesk.exchange.docx_grid import read_grid
from gxdesk.exchange.docx_writer import LINE_TWIPS, write
from gxdesk.exchange.fonts import FONT_SETS
from gxdesk.exchange.publication import table_piece

SAMPLES = ("qinghe-sthjj-2025.gxr", "fujian-gxt-2020.gxr", "xianyou-gxj-2020.gxr")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("docx")
    out = {}
    for name in SAMPLES:
        out[name] = folder / name.replace(".gxr", ".docx")
        write(sample_report(name), out[name])
    return out


@pytest.mark.parametrize("name", SAMPLES)
def test_tables_match_the_spec_cell_for_cell(exported, name: str) -> None:  # type: ignore[no-untyped-def]
    report = sample_report(name)
    edition = edition_of(report)
    values = compute(edition, report.values) | report.claimed
    document = docx.Document(str(exported[name]))
    groups = official_tables(document)
    assert len(groups) == 3
    for table, group in zip(edition.tables, groups, strict=True):
        # A table cut across pages: each piece is the official grid's rows under its header rows.
        starts = [table.header_rows]
        for tbl in group[:-1]:
            starts.append(starts[-1] + len(tbl.findall(f"{W}tr")) - table.header_rows)
        for i, tbl in enumerate(group):
            stop = starts[i + 1] if i + 1 < len(starts) else table.n_rows
            grid = table.grid if len(group) == 1 else table_piece(table, starts[i], stop)
            cells = {(c.row, c.col): c for c in read_grid(tbl)}
            assert len(cells) == len(grid)
            for g in grid:
                cell = cells[(g.row, g.col)]
                assert (cell.rowspan, cell.colspan) == (g.rowspan, g.colspan), g
                if g.cell is None:
                    assert cell.text == g.text
                else:
                    spec = table.cell(g.cell)
                    value = values.get(g.cell)
                    assert cell.text == format_value(value if value is not None else 0, spec.kind, unit=True)


def test_published_numbers_are_where_the_seed_has_them(exported) -> None:  # type: ignore[no-untyped-def]
    document = docx.Document(str(exported["fujian-gxt-2020.gxr"]))
    t2, t3, t4 = (read_grid(t._tbl) for t in document.tables)
    rows2 = {c.row: [] for c in t2}
    for c in t2:
        rows2[c.row].append(c.text)
    assert ["政府集中采购", "13", "731107元"] in rows2.values()
    assert ["行政许可", "13", "0", "259"] in rows2.values()
    rows3 = {}
    for c in t3:
        rows3.setdefault(c.row, []).append(c.text)
    assert rows3[3] == ["一、本年新收政府信息公开申请数量", "10", "1", "0", "0", "0", "1", "12"]
    assert ["（六）其他处理", "1", "0", "0", "0", "0", "0", "1"] in rows3.values()
    assert [c.text for c in t4 if c.row == 3] == ["0"] * 15


def test_blank_cells_print_zero(exported) -> None:  # type: ignore[no-untyped-def]
    document = docx.Document(str(exported["xianyou-gxj-2020.gxr"]))
    t3 = joined_cells(official_tables(document)[1], 3)
    assert [c.text for c in t3 if c.row == 25] == ["四、结转下年度继续办理"] + ["0"] * 7


def test_page_setup_and_grid(exported) -> None:  # type: ignore[no-untyped-def]
    document = docx.Document(str(exported["qinghe-sthjj-2025.gxr"]))
    section = document.sections[0]
    mm = [
        round(x.mm)
        for x in (
            section.page_width,
            section.page_height,
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ]
    assert mm == [210, 297, 37, 35, 28, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == str(LINE_TWIPS)
    # 28 characters a line: 16 pt condensed by w:spacing, 28 fit in 156 mm and 29 do not
    spacing = int(document.styles["报告正文"].element.rPr.find(qn("w:spacing")).get(qn("w:val")))
    pitch = 16 + spacing / 20
    assert 28 * pitch <= 156 / 25.4 * 72 < 29 * pitch
    assert document.settings.odd_and_even_pages_header_footer
    body = document.styles["报告正文"]
    assert body.paragraph_format.line_spacing.twips == LINE_TWIPS
    assert body.paragraph_format.line_spacing_rule == 4  # WD_LINE_SPACING.EXACTLY
    assert body.font.size.pt == 16
    assert 22 * LINE_TWIPS <= round((297 - 37 - 35) / 25.4 * 1440) < 23 * LINE_TWIPS


def test_page_numbers_odd_right_even_left(exported) -> None:  # type: ignore[no-untyped-def]
    section = docx.Document(str(exported["qinghe-sthjj-2025.gxr"])).sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        p = footer.paragraphs[0]._p
        assert p.find(f"{W}pPr/{W}jc").get(qn("w:val")) == align
        assert "".join(t.text for t in p.iter(f"{W}instrText")).strip() == "PAGE"
        text = "".join(t.text for t in p.iter(f"{W}t"))
        assert text.startswith("— ") and text.endswith(" —")
        fonts = p.find(f"{W}r/{W}rPr/{W}rFonts")
        assert fonts.get(qn("w:eastAsia")) == "宋体"
        assert p.find(f"{W}r/{W}rPr/{W}sz").get(qn("w:val")) == "28"


@pytest.mark.parametrize("fontset", sorted(FONT_SETS))
def test_east_asian_fonts_on_every_style(tmp_path, fontset: str) -> None:  # type: ignore[no-untyped-def]
    report = sample_report("qinghe-sthjj-2025.gxr")
    path = tmp_path / "r.docx"
    write(report, path, fonts=fontset)
    document = docx.Document(str(path))
    styles = document.styles.element
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    fs = FONT_SETS[fontset]
    assert defaults.get(qn("w:eastAsia")) == fs.body
    expected = {
        "报告正文": fs.body,
        "报告标题": fs.title,
        "一级标题": fs.heading1,
        "二级标题": fs.heading2,
        "三级标题": fs.body,
        "表格文字": fs.table,
        "页码": fs.page_number,
        "Normal": fs.body,
    }
    for name, font in expected.items():
        rfonts = document.styles[name].element.find(f"{W}rPr/{W}rFonts")
        assert rfonts.get(qn("w:eastAsia")) == font, name
        assert rfonts.get(qn("w:ascii")) == "Times New Roman"
    for rfonts in styles.iter(f"{W}rFonts"):
        assert rfonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would win (MS Mincho)
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(qn("w:eastAsia")) == "zh-CN"


def test_table_rows_repeat_headers_and_never_split(exported) -> None:  # type: ignore[no-untyped-def]
    document = docx.Document(str(exported["qinghe-sthjj-2025.gxr"]))
    groups = official_tables(document)
    for tbl, header_rows in [(t, h) for group, h in zip(groups, (0, 3, 3), strict=True) for t in group]:
        rows = tbl.findall(f"{W}tr")
        flags = [
            (r.find(f"{W}trPr/{W}tblHeader") is not None, r.find(f"{W}trPr/{W}cantSplit") is not None) for r in rows
        ]
        assert [h for h, _ in flags] == [i < header_rows for i in range(len(rows))]
        assert all(c for _, c in flags)
        tblpr = tbl.find(f"{W}tblPr")
        assert tblpr.find(f"{W}tblLayout").get(qn("w:type")) == "fixed"
        widths = [int(c.get(qn("w:w"))) for c in tbl.find(f"{W}tblGrid").findall(f"{W}gridCol")]
        assert sum(widths) == 8844  # 156 mm type area
        borders = tblpr.find(f"{W}tblBorders")
        assert {b.get(qn("w:val")) for b in borders} == {"single"}


def test_text_structure_and_headings(exported) -> None:  # type: ignore[no-untyped-def]
    document = docx.Document(str(exported["fujian-gxt-2020.gxr"]))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert paragraphs[:2] == [
        ("报告标题", "福建省工业和信息化厅"),
        ("报告标题", "2020年政府信息公开工作年度报告"),
    ]
    h1 = [t for s, t in paragraphs if s == "一级标题"]
    # The published report has no 六; the format requires all six parts, so it prints "无。".
    assert h1 == [p.heading for p in PARTS]
    six = [t for s, t in paragraphs][[t for s, t in paragraphs].index("六、其他需要报告的事项") + 1]
    assert six == "无。"
    run_in = next(p for p in document.paragraphs if p.text.startswith("（一）健全政府信息公开机制。"))
    first = run_in.runs[0]
    assert first.text == "（一）健全政府信息公开机制。"
    assert first._r.rPr.find(f"{W}rFonts").get(qn("w:eastAsia")) == "楷体_GB2312"
    assert run_in.style.name == "报告正文"
    heading_only = [t for s, t in paragraphs if s == "二级标题"]
    assert heading_only == ["（一）存在的主要问题", "（二）下一步的工作措施"]
    xianyou = docx.Document(str(exported["xianyou-gxj-2020.gxr"]))
    assert [p.text for p in xianyou.paragraphs if p.style.name == "一级标题"][-1] == "六、其他需要报告的事项"


def test_ending_and_bold_option(tmp_path) -> None:  # type: ignore[no-untyped-def]
    report = sample_report("qinghe-sthjj-2025.gxr")
    report.settings["bold_headings"] = "1"
    path = tmp_path / "r.docx"
    write(report, path)
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[-2:] == ["青禾市生态环境局", "2026年1月20日"]
    assert document.paragraphs[-1].alignment == 2 or document.paragraphs[-2].alignment == 2
    assert document.styles["二级标题"].font.bold is True


def test_write_is_atomic(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.docx"
    path.write_bytes(b"old")
    import gxdesk.exchange.atomic as atomic

    def boom(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", boom)
    with pytest.raises(OSError):
        write(sample_report("qinghe-sthjj-2025.gxr"), path)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.docx"]


def test_cli_export(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from gxdesk.resources import sample

    out = tmp_path / "r.docx"
    result = cli("export", str(sample("xianyou-gxj-2020.gxr")), "--docx", str(out), "--fonts", "windows")
    assert result.returncode == 0 and "报告还有 1 个错误" in result.stdout
    assert docx.Document(str(out)).styles["报告正文"].element.find(f"{W}rPr/{W}rFonts").get(qn("w:eastAsia")) == "仿宋"
    bad = cli("export", str(sample("xianyou-gxj-2020.gxr")), "--docx", str(tmp_path / "missing" / "r.docx"))
    assert bad.returncode == 2 and "文件或文件夹不存在" in bad.stderr


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None, reason="LibreOffice/poppler not installed")
def test_renders_in_libreoffice(exported, tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = exported["qinghe-sthjj-2025.gxr"]
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = tmp_path / source.with_suffix(".pdf").name
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 4 <= pages <= 12
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    squashed = "".join(text.split())
    order = [
        "青禾市生态环境局2025年",
        "政府信息公开工作年度报告",
        "一、总体情况",
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "412",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
        "2026年1月20日",
    ]
    at = 0
    for token in order:  # each in turn, after the one before
        found = squashed.find(token, at)
        assert found >= 0, (token, squashed[at : at + 200])
        at = found + len(token)
    assert "—1—" in squashed and "—2—" in squashed
