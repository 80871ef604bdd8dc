"""The command line through a real subprocess: output, JSON shape and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import cli

from gxdesk.resources import sample

QINGHE, FUJIAN, XIANYOU = (
    str(sample(n)) for n in ("qinghe-sthjj-2025.gxr", "fujian-gxt-2020.gxr", "xianyou-gxj-2020.gxr")
)


gxdesk = cli


def test_new_then_check_and_show(tmp_path: Path) -> None:
    out = tmp_path / "new.gxr"
    made = gxdesk("new", str(out), "--agency", "某县人民政府", "--year", "2026", "--kind", "县级人民政府")
    assert made.returncode == 0 and "2021年版格式" in made.stdout
    checked = gxdesk("check", str(out), "--json")
    assert checked.returncode == 1  # three empty narrative parts are errors
    codes = [f["code"] for f in json.loads(checked.stdout)]
    assert codes.count("PART-EMPTY") == 3 and codes.count("CELL-BLANK") == 166
    # As text, a blank report's 166 empty cells are a few lines a table, counted, not 166 lines.
    text = gxdesk("check", str(out)).stdout.splitlines()
    assert text[1] == "  错误 3 项，提示 166 项；其中 169 项是尚未填写的内容"
    counted = [line for line in text if line.startswith("  …… 另有")]
    assert len(counted) == 3 and sum(int(line.split()[2]) for line in counted) == 166 - 3 * 3
    assert counted[1] == "  …… 另有 141 项未填写（加 --all 逐项列出）" and len(text) < 30
    every = gxdesk("check", str(out), "--all").stdout
    assert every.count("CELL-BLANK") == 166 and "另有" not in every
    again = gxdesk("new", str(out), "--agency", "x", "--year", "2026")
    assert again.returncode == 2 and "已存在" in again.stderr


def test_new_refuses_old_year(tmp_path: Path) -> None:
    result = gxdesk("new", str(tmp_path / "x.gxr"), "--agency", "某局", "--year", "2017")
    assert result.returncode == 2 and "2019年度及以后" in result.stderr


def test_check_clean_sample_exits_zero() -> None:
    result = gxdesk("check", QINGHE)
    assert result.returncode == 0 and "未发现问题" in result.stdout


def test_check_text_groups_by_part() -> None:
    result = gxdesk("check", XIANYOU)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "错误 1 项，提示 6 项" in lines[1]
    assert lines.index("【三、收到和处理政府信息公开申请情况】") < lines.index("【六、其他需要报告的事项】")


def test_check_json_shape() -> None:
    result = gxdesk("check", FUJIAN, "--json")
    assert result.returncode == 1
    (finding,) = json.loads(result.stdout)
    assert set(finding) >= {"code", "severity", "part", "cells", "expected", "actual", "message"}
    assert (finding["code"], finding["severity"], finding["part"]) == ("PART-EMPTY", "error", "六")


def test_check_json_cells_use_official_labels() -> None:
    result = gxdesk("check", XIANYOU, "--json")
    blanks = [f for f in json.loads(result.stdout) if f["code"] == "CELL-BLANK"]
    assert blanks[1]["cells"] == [
        {
            "table": "三",
            "row": ["四、结转下年度继续办理"],
            "column": ["申请人情况", "法人或其他组织", "商业企业"],
        }
    ]
    assert blanks[1]["severity"] == "warning"


def test_check_several_files_and_unreadable(tmp_path: Path) -> None:
    bad = tmp_path / "bad.gxr"
    bad.write_text("{not json", encoding="utf-8")
    result = gxdesk("check", QINGHE, str(bad), FUJIAN, "--json")
    assert result.returncode == 2
    assert "bad.gxr" in result.stderr and "Traceback" not in result.stderr
    assert {f["file"] for f in json.loads(result.stdout)} == {FUJIAN}


def test_show_json_every_cell() -> None:
    result = gxdesk("show", FUJIAN, "--json")
    assert result.returncode == 0
    cells = json.loads(result.stdout)
    assert len(cells) == 22 + 161 + 15
    by_key = {(c["table"], tuple(c["row"]), tuple(c["column"])): c for c in cells}
    assert by_key[("二", ("第二十条第（九）项", "政府集中采购"), ("采购总金额",))]["value"] == 731107
    withheld = by_key[
        (
            "三",
            ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"),
            ("申请人情况", "法人或其他组织", "商业企业"),
        )
    ]
    assert withheld == {
        "table": "三",
        "row": ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"],
        "column": ["申请人情况", "法人或其他组织", "商业企业"],
        "value": 0,
        "computed": False,
    }
    total = by_key[("三", ("一、本年新收政府信息公开申请数量",), ("申请人情况", "总计"))]
    assert total["value"] == 12 and total["computed"] is True
    review = by_key[("四", (), ("行政诉讼", "复议后起诉", "总计"))]
    assert review["computed"] is True and review["value"] == 0


def test_show_text_has_the_official_grid() -> None:
    result = gxdesk("show", QINGHE)
    assert result.returncode == 0
    assert "三、收到和处理政府信息公开申请情况" in result.stdout
    assert "本年收费金额（单位：万元）" in result.stdout
    assert "| 12.35" in result.stdout.replace("  ", " ") or "12.35 |" in result.stdout


@pytest.mark.parametrize("args", [("show",), ("check",), ("frobnicate",)])
def test_usage_errors_exit_2_in_chinese(args: tuple[str, ...]) -> None:
    result = gxdesk(*args)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_check_reminds_of_a_missing_date_preface_and_ending(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from gxdesk.domain.drafting import new_report
    from gxdesk.store import save

    report = new_report("某某县某局", 2025)
    report.preface = ""  # a new report comes drafted: here the author emptied it
    path = tmp_path / "r.gxr"
    save(report, path)
    out = cli("check", str(path)).stdout
    assert "【导出前提醒】" in out and "前言没有内容" in out and "没有填写成文日期" in out
    report.ending = False
    report.preface = "本报告根据《中华人民共和国政府信息公开条例》编制，统计期限为2025年1月1日至12月31日。"
    report.meta.published = "2026-01-20"
    save(report, path)
    out = cli("check", str(path)).stdout
    assert "已设置不写落款" in out and "前言没有内容" not in out and "没有填写成文日期" not in out
    report.ending = True
    save(report, path)
    assert "【导出前提醒】" not in cli("check", str(path)).stdout


def test_the_finish_step_shows_the_reminders(qtbot) -> None:  # type: ignore[no-untyped-def]
    from gxdesk.domain.drafting import new_report
    from gxdesk.gui.app import create_application
    from gxdesk.gui.document import ReportDocument
    from gxdesk.gui.exports import TOOLBAR_FORMATS
    from gxdesk.gui.wizard.finish_page import FinishPage

    create_application()
    report = new_report("某某县某局", 2025)
    report.preface = ""
    page = FinishPage(ReportDocument(report), TOOLBAR_FORMATS)
    qtbot.addWidget(page)
    assert "提醒：没有填写成文日期" in page.summary.text() and "提醒：前言没有内容" in page.summary.text()


def test_the_missing_year_message_names_a_flag_only_on_the_command_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The window shows the same reason as the command line, without command-line flags in it."""
    from gxdesk.domain.imported import Found
    from gxdesk.exchange.audit import AuditError, audit_report

    with pytest.raises(AuditError) as caught:
        audit_report(Found(source="附件2.docx"))
    assert "--" not in str(caught.value) and "确定报告年度" in str(caught.value)
