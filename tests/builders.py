"""Source files as other people make them — written with openpyxl / python-docx directly,
never with gxdesk's own exporters, so the importer is tested against layouts it did not make.

Labels below are typed as a clerk would (line breaks, half-width punctuation, 1、 numbering)."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import docx
from openpyxl import Workbook

A = ("natural", "business", "research", "nonprofit", "legal", "other")
T3_ROWS_2021 = [
    ("new", "一、本年新收政府信息\n公开申请数量"),
    ("carried_in", "二、上年结转政府信息公开申请数量"),
    ("r1_public", "(一)予以公开"),
    ("r2_partial", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"),
    ("r3_1", "1、属于国家秘密"),
    ("r3_2", "2、其他法律行政法规禁止公开"),
    ("r3_3", '3、危及"三安全一稳定"'),
    ("r3_4", "4、保护第三方合法权益"),
    ("r3_5", "5、属于三类内部事务信息"),
    ("r3_6", "6、属于四类过程性信息"),
    ("r3_7", "7、属于行政执法案卷"),
    ("r3_8", "8、属于行政查询事项"),
    ("r4_1", "1、本机关不掌握相关政府信息"),
    ("r4_2", "2、没有现成信息需要另行制作"),
    ("r4_3", "3、补正后申请内容仍不明确"),
    ("r5_1", "1、信访举报投诉类申请"),
    ("r5_2", "2、重复申请"),
    ("r5_3", "3、要求提供公开出版物"),
    ("r5_4", "4、无正当理由大量反复申请"),
    ("r5_5", "5、要求行政机关确认或重新出具已获取信息"),
    ("r6_1", "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("r6_2", "2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("r6_3", "3、其他"),
    ("r7_total", "(七)总计"),
    ("carry_out", "四、结转下年度继续办理"),
]
T3_COLS = ("自然人", "商业\n企业", "科研\n机构", "社会公益\n组织", "法律服\n务机构", "其他", "总计")
T4_HEAD = ("结果\n维持", "结果\n纠正", "其他\n结果", "尚未\n审结", "总计")


def t3_numbers(seed: int = 0) -> dict[str, list[int]]:
    """A balanced table 三 (2021 rows): per applicant column, 一 + 二 = （七） + 四."""
    numbers: dict[str, list[int]] = {}
    results = [r for r, _ in T3_ROWS_2021 if r.startswith("r") and r != "r7_total"]
    for r in results:
        numbers[r] = [
            ((i * 7 + len(r) * 3 + seed) % 4 if r in ("r1_public", "r4_1", "r2_partial", "r6_3") else 0)
            for i in range(6)
        ]
    totals = [sum(numbers[r][i] for r in results) for i in range(6)]
    numbers["carry_out"] = [1, 0, 0, 0, 0, 0]
    numbers["carried_in"] = [0, 1, 0, 0, 0, 0]
    numbers["new"] = [totals[i] + numbers["carry_out"][i] - numbers["carried_in"][i] for i in range(6)]
    numbers["r7_total"] = totals
    return numbers


def _write_t3(
    ws,
    top: int,
    left: int,
    numbers: dict[str, list[int]],
    *,
    merge: bool,
    as_text: bool,
    rows=T3_ROWS_2021,
    bad_total: tuple[str, int] | None = None,
) -> None:  # type: ignore[no-untyped-def]
    """Table 三 at (top, left), 1-based, with the official header and merges if asked."""
    ws.cell(top, left, "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)")
    ws.cell(top, left + 3, "申请人情况")
    ws.cell(top + 1, left + 3, T3_COLS[0])
    ws.cell(top + 1, left + 4, "法人或其他组织")
    ws.cell(top + 1, left + 9, T3_COLS[6])
    for i, label in enumerate(T3_COLS[1:6]):
        ws.cell(top + 2, left + 4 + i, label)
    if merge:
        ws.merge_cells(start_row=top, start_column=left, end_row=top + 2, end_column=left + 2)
        ws.merge_cells(start_row=top, start_column=left + 3, end_row=top, end_column=left + 9)
        ws.merge_cells(start_row=top + 1, start_column=left + 4, end_row=top + 1, end_column=left + 8)
    r = top + 3
    for row_id, label in rows:
        depth = (
            0
            if row_id in ("new", "carried_in", "carry_out")
            else (1 if "_" not in row_id or row_id in ("r1_public", "r2_partial", "r7_total") else 2)
        )
        ws.cell(r, left + depth, label)
        if row_id == "r1_public":
            ws.cell(r, left, "三、本年度\n办理结果")
        group = {
            "r3_1": "(三)不予公开",
            "r4_1": "(四)无法提供",
            "r5_1": "(五)不予处理",
            "r6_1": "(六)其他处理",
        }.get(row_id)
        if group:
            ws.cell(r, left + 1, group)
        values = numbers[row_id]
        total = sum(values)
        if bad_total and bad_total[0] == row_id:
            total += bad_total[1]
        for i, v in enumerate([*values, total]):
            ws.cell(r, left + 3 + i, f"{v}件" if as_text and i == 0 else v)
        r += 1


def workbook_one_sheet(path: Path, *, bad_total: tuple[str, int] | None = None) -> dict[str, list[int]]:
    """All three tables (2021 edition) on one sheet at offsets, with noise around them."""
    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    ws["A1"] = "2025年政府信息公开统计（内部底稿）"
    ws["H2"] = "填表人：张三"
    # 表二 at B4
    ws["B4"] = "第二十条第(一)项"
    ws.merge_cells("B4:E4")
    for c, text in zip("BCDE", ("信息内容", "本年制发\n件数", "本年废止\n件数", "现行有效\n件数"), strict=True):
        ws[f"{c}5"] = text
    ws["B6"], ws["C6"], ws["D6"], ws["E6"] = "规章", 0, 0, 0
    ws["B7"], ws["C7"], ws["D7"], ws["E7"] = "行政规范性文件", "3", "1", "２７"
    ws["B8"] = "第二十条第(五)项"
    ws["B9"], ws["C9"] = "信息内容", "本年处理决定数量"
    ws.merge_cells("C9:E9")
    ws["B10"], ws["C10"] = "行政许可", "1,234"
    ws.merge_cells("C10:E10")
    ws["B11"] = "第二十条第(六)项"
    ws["B12"], ws["C12"] = "信息内容", "本年处理决定数量"
    ws["B13"], ws["C13"] = "行政处罚", 86
    ws["B14"], ws["C14"] = "行政强制", "/"
    ws["B15"] = "第二十条第(八)项"
    ws["B16"], ws["C16"] = "信息内容", "本年收费金额(单位:万元)"
    ws["B17"], ws["C17"] = "行政事业性收费", 12.35
    ws["K10"] = "备注：数据来自各科室"
    numbers = t3_numbers()
    _write_t3(ws, 20, 3, numbers, merge=True, as_text=True, bad_total=bad_total)
    # 表四 at C50, no merges, labels only where they start
    ws["C50"], ws["H50"] = "行政复议", "行政诉讼"
    ws["H51"], ws["M51"] = "未经复议直接起诉", "复议后起诉"
    for i, label in enumerate(T4_HEAD):
        ws.cell(51, 3 + i, label)
        ws.cell(52, 8 + i, label)
        ws.cell(52, 13 + i, label)
    for i, v in enumerate([2, 1, 0, 1, 4, 1, 0, 0, 1, 2, 1, 0, 0, 0, 1]):
        ws.cell(53, 3 + i, v)
    wb.save(path)
    return numbers


def workbook_per_sheet_2019(path: Path) -> dict[str, list[int]]:
    """2019 edition, one table per sheet, no merges, formula totals without cached values,
    a province-specific extra row, and a 2019 single （六）其他处理 row."""
    rows_2019 = [r for r in T3_ROWS_2021 if not r[0].startswith("r6_")]
    rows_2019.insert(-2, ("r6", "(六)其他处理"))
    numbers = t3_numbers(seed=1)
    numbers["r6"] = numbers.pop("r6_3")
    numbers.pop("r6_1"), numbers.pop("r6_2")
    wb = Workbook()
    ws = wb.active
    ws.title = "主动公开"
    ws.append(["第二十条第（一）项"])
    ws.append(["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"])
    ws.append(["规章", 0, 0, 0])
    ws.append(["规范性文件", 16, 16, 30])
    ws.append(["其他主动公开文件", 5, 5, 9])  # a province's extra row: not national
    ws.append(["第二十条第（五）项"])
    ws.append(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"])
    ws.append(["行政许可", 13, -2, 259])
    ws.append(["其他对外管理服务事项", 20, 0, 63])
    ws.append(["第二十条第（九）项"])
    ws.append(["信息内容", "采购项目数量", "采购总金额"])
    ws.append(["政府集中采购", 13, "731107元"])
    ws2 = wb.create_sheet("依申请")
    _write_t3(ws2, 2, 1, numbers, merge=False, as_text=False, rows=rows_2019)
    for r in range(5, 5 + len(rows_2019)):  # totals as formulas, no cached values
        ws2.cell(r, 10, f"=SUM(D{r}:I{r})")
    ws2.cell(5, 4, "=20+3")  # an input cell holding a formula
    numbers["new"][0] = 23
    wb.save(path)
    return numbers


def wps_like(path: Path, source: Path) -> None:
    """The same workbook as WPS might save it: a wrong <dimension>, inline strings."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                text = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1"/>', text)
                data = text.encode("utf-8")
            zout.writestr(item, data)
    shutil.move(tmp, path)


def word_table_four(document):  # type: ignore[no-untyped-def]
    """表四 as agencies lay it out in Word: merged group headers over three rows, a blank data row."""
    t4 = document.add_table(rows=4, cols=15)
    t4.cell(0, 0).merge(t4.cell(0, 4)).text = "行政复议"
    t4.cell(0, 5).merge(t4.cell(0, 14)).text = "行政诉讼"
    t4.cell(1, 5).merge(t4.cell(1, 9)).text = "未经复议直接起诉"
    t4.cell(1, 10).merge(t4.cell(1, 14)).text = "复议后起诉"
    for i, label in enumerate(T4_HEAD):
        t4.cell(1, i).merge(t4.cell(2, i)).text = label
        t4.cell(2, 5 + i).text = label
        t4.cell(2, 10 + i).text = label
    return t4


def docx_report(path: Path, *, year: int = 2025) -> dict[str, list[int]]:
    """A Word report made by hand: title, variant headings, merged table cells, wrapped labels."""
    numbers = t3_numbers(seed=2)
    document = docx.Document()
    document.add_paragraph(f"某某县人民政府{year}年")
    document.add_paragraph("政府信息公开工作年度报告")
    document.add_paragraph("本报告依据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号编制。")
    document.add_paragraph("一、总体情况")
    document.add_paragraph("（一）主动公开")
    document.add_paragraph("全年主动公开信息500条。全年共收到政府信息公开申请99件。")
    document.add_paragraph("二、主动公开政府信息情况")
    t2 = document.add_table(rows=4, cols=4)
    t2.cell(0, 0).merge(t2.cell(0, 3)).text = "第二十条第（一）项"
    for i, text in enumerate(("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")):
        t2.cell(1, i).text = text
    for r, (label, vals) in enumerate((("规章", (1, 0, 5)), ("行政规范性文件", (4, 2, 40))), start=2):
        t2.cell(r, 0).text = label
        for c, v in enumerate(vals, start=1):
            t2.cell(r, c).text = str(v)
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    rows = T3_ROWS_2021
    t3 = document.add_table(rows=3 + len(rows), cols=10)
    t3.cell(0, 0).merge(t3.cell(2, 2)).text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    t3.cell(0, 3).merge(t3.cell(0, 9)).text = "申请人情况"
    t3.cell(1, 3).merge(t3.cell(2, 3)).text = "自然\n人"
    t3.cell(1, 4).merge(t3.cell(1, 8)).text = "法人或其他组织"
    t3.cell(1, 9).merge(t3.cell(2, 9)).text = "总计"
    for i, label in enumerate(T3_COLS[1:6]):
        t3.cell(2, 4 + i).text = label
    for i, (row_id, label) in enumerate(rows):
        r = 3 + i
        if row_id in ("new", "carried_in", "carry_out"):
            t3.cell(r, 0).merge(t3.cell(r, 2)).text = label
        elif row_id in ("r1_public", "r2_partial", "r7_total"):
            t3.cell(r, 1).merge(t3.cell(r, 2)).text = label
        else:
            t3.cell(r, 2).text = label
        for c, v in enumerate([*numbers[row_id], sum(numbers[row_id])]):
            t3.cell(r, 3 + c).text = str(v)
    t3.cell(5, 0).merge(t3.cell(5 + 21, 0)).text = "三、本年度办理结果"
    document.add_paragraph("四、政府信息公开行政复议和行政诉讼情况")
    t4 = word_table_four(document)
    for i in range(15):
        t4.cell(3, i).text = "0"
    document.add_paragraph("五、存在的主要问题及改进情况")
    document.add_paragraph("问题与改进。")
    document.add_paragraph("六、其他需要报告的事项")
    document.add_paragraph("无。")
    document.add_paragraph("某某县人民政府")
    document.add_paragraph(f"{year + 1}年1月20日")
    document.save(str(path))
    return numbers
