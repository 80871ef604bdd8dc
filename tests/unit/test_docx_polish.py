"""The Word file as a 办公室 secretary and as Word/WPS see it: 28 characters a line, the title
and 落款 broken between words, all six parts, page numbers, properties, theme and fonts."""

from __future__ import annotations

import copy
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from helpers import NO_RENDERER, converted, pdf_text, sample_report

from gxdesk.exchange.docx_writer import FOOTER_DISTANCE_MM, write
from gxdesk.exchange.publication import split_name

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
LONG_AGENCY = "青禾市高新技术产业开发区管理委员会生态环境和综合行政执法局"


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    report = copy.deepcopy(sample_report("qinghe-sthjj-2025.gxr"))
    report.meta.agency = LONG_AGENCY
    report.parts["六"] = None  # missing altogether
    path = tmp_path_factory.mktemp("polish") / "r.docx"
    write(report, path)
    return path


def paragraphs(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def test_title_breaks_after_the_agency_name(exported: Path) -> None:
    titles = [t for s, t in paragraphs(exported) if s == "报告标题"]
    assert titles == [
        "青禾市高新技术产业开发区管理委员会",
        "生态环境和综合行政执法局",
        "2025年政府信息公开工作年度报告",
    ]
    title_style = docx.Document(str(exported)).styles["报告标题"].element
    assert title_style.pPr.find(f"{W}snapToGrid").get(qn("w:val")) == "0"  # off the grid


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("福建省工业和信息化厅", ["福建省工业和信息化厅"]),
        (LONG_AGENCY, ["青禾市高新技术产业开发区管理委员会", "生态环境和综合行政执法局"]),
        ("某某自治区某某盟某某旗人民政府办公室某某科", ["某某自治区某某盟某某旗人民政府办公室", "某某科"]),
        ("一二三四五六七八九十一二三四五六七八九十一二三", ["一二三四五六七八九十一二三四五六七八九十", "一二三"]),
    ],
)
def test_names_break_only_between_words(name: str, lines: list[str]) -> None:
    assert split_name(name, 20) == lines


def test_all_six_parts_always(exported: Path) -> None:
    texts = paragraphs(exported)
    headings = [t for s, t in texts if s == "一级标题"]
    assert len(headings) == 6 and headings[-1] == "六、其他需要报告的事项"
    after_six = texts[[t for _, t in texts].index("六、其他需要报告的事项") + 1][1]
    assert after_six.startswith("本年度依据《政府信息公开信息处理费管理办法》发出收费通知2件")  # the stored fee figures


def test_ending_centred_over_the_date_and_kept_with_the_text(exported: Path) -> None:
    document = docx.Document(str(exported))
    body = [p for p in document.paragraphs if p.text]
    name_lines, date_line = body[-3:-1], body[-1]
    assert [p.text for p in name_lines] == ["青禾市高新技术产业开发区管理委员会", "生态环境和综合行政执法局"]
    assert date_line.text == "2026年1月20日" and date_line.paragraph_format.right_indent.pt == 64  # 右空四字
    date_width = 4 * 0.5 + 3 + 2 * 0.5 + 1 + 2 * 0.5 + 1  # 2026年1月20日 in body characters
    for p in name_lines:
        centre_offset = p.paragraph_format.right_indent.pt / 16 - 4
        assert abs(centre_offset - max(0, (date_width - len(p.text)) / 2)) < 0.01
    assert all(p.paragraph_format.keep_with_next for p in name_lines)


def test_page_numbers_in_songti_digits_and_both_fields_cached_right(exported: Path) -> None:
    document = docx.Document(str(exported))
    section = document.sections[0]
    assert abs(section.footer_distance.mm - FOOTER_DISTANCE_MM) < 0.1
    for footer, cached in ((section.footer, "1"), (section.even_page_footer, "2")):
        runs = footer.paragraphs[0]._p.findall(f"{W}r")
        fonts = {r.find(f"{W}rPr/{W}rFonts").get(qn("w:ascii")) for r in runs}
        assert fonts == {"宋体"}
        texts = [t.text for r in runs for t in r.findall(f"{W}t")]
        assert texts == ["— ", cached, " —"]


def test_package_says_what_it_is(exported: Path) -> None:
    document = docx.Document(str(exported))
    props = document.core_properties
    assert props.title == f"{LONG_AGENCY}2025年政府信息公开工作年度报告"
    assert props.author == LONG_AGENCY and "python-docx" not in (props.comments or "")
    assert props.created.year >= 2026
    with zipfile.ZipFile(exported) as archive:
        names = set(archive.namelist())
        assert "docProps/thumbnail.jpeg" not in names and "word/stylesWithEffects.xml" not in names
        assert "<Application>gxdesk" in archive.read("docProps/app.xml").decode()
        settings = archive.read("word/settings.xml").decode()
        assert 'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"' in settings
        assert 'w:eastAsia="zh-CN"' in settings and "ja-JP" not in settings
        theme = archive.read("word/theme/theme1.xml").decode()
        assert "ＭＳ" not in theme and '<a:ea typeface="宋体"/>' in theme
        fonts = archive.read("word/fontTable.xml").decode()
        for name in ("仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体", "Times New Roman"):
            assert f'w:name="{name}"' in fonts
        assert "Cambria" not in fonts and "ＭＳ" not in fonts
        assert '<w:altName w:val="仿宋"/>' in fonts and '<w:charset w:val="86"/>' in fonts


def test_defaults_are_the_body_text_and_no_blue_template_headings(exported: Path) -> None:
    styles = docx.Document(str(exported)).styles
    defaults = styles.element.find(f"{W}docDefaults")
    assert defaults.find(f"{W}rPrDefault/{W}rPr/{W}sz").get(qn("w:val")) == "32"
    spacing = defaults.find(f"{W}pPrDefault/{W}pPr/{W}spacing")
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))) == ("579", "exact")
    names = {s.name for s in styles}
    assert not {"Heading 1", "Title", "Quote"} & names
    assert styles.element.find(f"{W}latentStyles") is None


def test_url_paragraph_justified_and_may_break_inside_the_url(exported: Path) -> None:
    document = docx.Document(str(exported))
    p = next(p for p in document.paragraphs if "https://" in p.text)
    assert p.alignment is None  # the body style's justification
    assert p._p.pPr.find(f"{W}wordWrap").get(qn("w:val")) == "0"


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None, reason="LibreOffice/poppler not installed")
def test_28_characters_every_full_line(tmp_path: Path) -> None:
    report = copy.deepcopy(sample_report("qinghe-sthjj-2025.gxr"))
    # Nine pages of narrative, no punctuation inside lines: every full line shows the pitch.
    report.parts["五"] = "\n".join("政府信息公开工作年度报告编写检查" * 30 for _ in range(12))
    path = tmp_path / "long.docx"
    write(report, path)
    text = pdf_text(path, tmp_path)
    lines = ["".join(line.split()) for line in text.splitlines()]
    full = [ln for ln in lines if set(ln) <= set("政府信息公开工作年度报告编写检查") and len(ln) >= 20]
    assert len(full) > 150
    counts = {len(ln) for ln in full}
    # Full lines hold 28; a paragraph's first line 26 after its 2-character indent; its last fewer.
    assert max(counts) == 28
    assert sum(len(ln) == 28 for ln in full) > 0.8 * len(full)


@pytest.mark.skipif(NO_RENDERER, reason="LibreOffice and poppler are needed to render")
def test_page_numbers_sit_7mm_below_the_type_area_one_character_in(exported: Path, tmp_path: Path) -> None:
    """GB/T 9704 7.5: the number line about 7 mm under the type area; odd pages one character in
    from the right, even pages one character in from the left."""
    import re
    import subprocess

    pdf = converted(exported, "pdf", tmp_path)
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    dashes = [
        tuple(float(v) for v in m.groups())
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">—</word>', boxes)
    ]
    mm = 72 / 25.4
    type_bottom = (297 - 35) * mm
    assert dashes and all(5 * mm < y - type_bottom < 9 * mm for _, y, _ in dashes)
    left_margin, right_edge = 28 * mm, (210 - 26) * mm
    lefts = [x0 for x0, _, _ in dashes if x0 < 200]
    rights = [x1 for _, _, x1 in dashes if x1 > 400]
    assert lefts and all(abs(x - (left_margin + 14)) < 2 for x in lefts[::2])  # one 14 pt character in
    assert rights and all(abs(x - (right_edge - 14)) < 2 for x in rights[1::2])


def test_a_clean_package_with_chinese_style_names(exported: Path) -> None:
    """No customXml part, the report's styles named as the style pane shows them, 小标宋 a roman face."""
    with zipfile.ZipFile(exported) as archive:
        assert not [n for n in archive.namelist() if n.startswith("customXml")]
        fonts = archive.read("word/fontTable.xml").decode("utf-8")
    document = docx.Document(str(exported))
    names = {s.name for s in document.styles}
    assert {"报告正文", "报告标题", "一级标题", "二级标题", "三级标题", "表格文字", "页码"} <= names
    assert not [n for n in names if n and n.startswith("gx-")]
    if "方正小标宋简体" in fonts:
        block = fonts.split('w:name="方正小标宋简体"')[1].split("</w:font>")[0]
        assert 'w:family w:val="roman"' in block
