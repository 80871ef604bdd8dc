"""The command line: ``gxdesk new | check | show``, over the same code the GUI uses."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from gxdesk import __version__, cli_office
from gxdesk.cli_common import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, add_command, err, load_report, write_out
from gxdesk.domain.drafting import new_report
from gxdesk.domain.editions import UnsupportedYearError, edition_of
from gxdesk.domain.editions.common import BASIC, PARTS, PREFACE
from gxdesk.domain.findings import Finding, Severity, error_count
from gxdesk.domain.readiness import reminders
from gxdesk.domain.report import AgencyKind, Report
from gxdesk.domain.rules import compute, evaluate
from gxdesk.exchange.fonts import FONT_SETS
from gxdesk.exchange.formats import FORMATS, RenderError
from gxdesk.exchange.jsonview import cells_json, finding_json
from gxdesk.exchange.textgrid import render
from gxdesk.store import StoreError, save
from gxdesk.userdirs import log_error

_PART_ORDER = [BASIC, PREFACE, *(p.numeral for p in PARTS)]
_PART_TITLE = {p.numeral: p.heading for p in PARTS} | {PREFACE: "前言", BASIC: "基本信息", "": "全表"}


class _Parser(argparse.ArgumentParser):
    """argparse with its fixed English phrases in Chinese, and exit code 2 on bad usage."""

    def error(self, message: str) -> None:  # type: ignore[override]
        message = (
            message.replace("the following arguments are required", "缺少参数")
            .replace("unrecognized arguments", "无法识别的参数")
            .replace("invalid choice", "无效的选项")
            .replace("argument", "参数")
        )
        self.exit(EXIT_UNREADABLE, f"{self.prog}：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gxdesk", description="政府信息公开工作年度报告编写与检查工具", add_help=False)
    parser.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    parser.add_argument("--version", action="version", version=f"gxdesk {__version__}", help="显示版本号")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    p = add_command(sub, "new", "新建报告文件")
    p.add_argument("out", metavar="OUT.gxr", help="要创建的报告文件")
    p.add_argument("--agency", required=True, help="机关名称")
    p.add_argument("--year", required=True, type=int, help="报告年度，如 2026")
    p.add_argument(
        "--kind", default=AgencyKind.DEPARTMENT.value, choices=[k.value for k in AgencyKind], help="机关类型"
    )
    p.add_argument("--force", action="store_true", help="文件已存在时覆盖")

    p = add_command(sub, "check", "检查报告的勾稽关系和常见问题")
    p.add_argument("files", nargs="+", metavar="FILE", help="报告文件（.gxr），或收到的 .xlsx / .docx 文件")
    p.add_argument("--json", action="store_true", help="以 JSON 数组输出")
    p.add_argument("--year", type=int, help="检查 .xlsx/.docx 时，文件中没有标题年份则用此年度")
    p.add_argument("--all", action="store_true", help="逐项列出每个未填写的单元格（默认每部分只列前几项）")

    p = add_command(sub, "export", "导出" + "或".join(f.label for f in FORMATS))
    p.add_argument("file", metavar="FILE", help="报告文件（.gxr）")
    for fmt in FORMATS:
        p.add_argument(f"--{fmt.key}", metavar=f"OUT{fmt.suffix}", help=f"导出{fmt.label}到此文件")
    p.add_argument(
        "--fonts",
        choices=sorted(FONT_SETS),
        help="Word 字体：gb2312（公文字体，默认）或 windows（Windows 自带字体）",
    )

    p = add_command(sub, "import", "从 Excel、Word 或上年报告导入数字和文字")
    p.add_argument("file", metavar="FILE.gxr", help="要导入到的报告文件")
    p.add_argument("--from", dest="source", required=True, metavar="SRC", help="来源文件（.xlsx、.docx 或 .gxr）")
    p.add_argument("--prior-year", action="store_true", help="来源是上年的报告：作为上年数据导入，并结转“上年结转”")
    p.add_argument("--dry-run", action="store_true", help="只显示将要导入的内容，不修改报告")
    p.add_argument("--accept-totals", action="store_true", help="采用按各项重新计算的合计（忽略来源中写的合计）")

    p = add_command(sub, "show", "以表格形式显示报告中的统计数据")
    p.add_argument("file", metavar="FILE", help="报告文件（.gxr）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出每个单元格")
    cli_office.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # the audit's worker processes, in the frozen Windows build
    _utf8_console()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (len(argv) == 1 and argv[0].lower().endswith(".gxr")):
        return _launch_gui(argv)  # `gxdesk` or `gxdesk FILE.gxr` (also a double-clicked file)
    args = build_parser().parse_args(argv)
    if args.command is None:
        return _launch_gui([])
    try:
        commands = {
            "new": cmd_new,
            "check": cmd_check,
            "show": cmd_show,
            "export": cmd_export,
            "import": cmd_import,
            "audit": cli_office.cmd_audit,
            "rollup": cli_office.cmd_rollup,
            "compare": cli_office.cmd_compare,
        }
        return commands[args.command](args)
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        err("已中断")
        return EXIT_UNREADABLE
    except MemoryError:
        err("内存不足，无法完成操作；文件未被修改")
        return EXIT_UNREADABLE
    except RecursionError:
        err("文件结构嵌套过深，无法处理；文件未被修改")
        return EXIT_UNREADABLE
    except Exception as exc:  # never a traceback for the clerk: say what failed, in Chinese
        log = log_error(exc)
        text = str(exc) if len(str(exc)) <= 200 else str(exc)[:200] + "…"
        where = f"，详细记录在“{log}”" if log else ""
        err(
            f"处理时发生意外错误（{type(exc).__name__}：{text}）；已有文件未被修改。"
            f"如反复出现，请将此信息告知技术支持{where}"
        )
        return EXIT_UNREADABLE


def cmd_new(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists() and not args.force:
        err(f"文件“{out}”已存在；如要覆盖请加 --force")
        return EXIT_UNREADABLE
    try:
        report = new_report(args.agency.strip(), args.year, AgencyKind(args.kind))
        save(report, out)
    except UnsupportedYearError as exc:
        err(str(exc))
        return EXIT_UNREADABLE
    except StoreError as exc:
        err(str(exc))
        return EXIT_UNREADABLE
    edition = edition_of(report)
    print(f"已创建“{out}”：{report.meta.full_title}，使用{edition.name}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    status = EXIT_OK
    all_json: list[dict[str, Any]] = []
    for name in args.files:
        try:
            report = _load_any(name, args.year)
        except (StoreError, ValueError) as exc:
            err(str(exc))
            status = EXIT_UNREADABLE
            continue
        edition = edition_of(report)
        findings = evaluate(report, edition)
        if any(f.severity is Severity.ERROR for f in findings) and status == EXIT_OK:
            status = EXIT_FINDINGS
        if args.json:
            for f in findings:
                item = finding_json(f, edition, report.explanations.get(f.key, ""))
                if len(args.files) > 1:
                    item["file"] = name
                all_json.append(item)
        else:
            print(_text_findings(name, report, findings, every_blank=args.all))
            notes = reminders(report)
            if notes:
                print("【导出前提醒】")
                print("\n".join(f"  {note}" for note in notes))
    if args.json:
        print(json.dumps(all_json, ensure_ascii=False, indent=2))
    return status


_BLANKS_SHOWN = 3  # 未填写 items listed a part before the rest are counted


def _text_findings(name: str, report: Report, findings: list[Finding], *, every_blank: bool = False) -> str:
    """Findings by part; a half-filled report's 未填写 cells are counted after the first few."""
    edition = edition_of(report)
    errors = error_count(findings)
    todo = sum(f.todo for f in findings)
    lines = [
        f"{name}：{report.meta.full_title}（{edition.label}）",
        f"  错误 {errors} 项，提示 {len(findings) - errors} 项" + (f"；其中 {todo} 项是尚未填写的内容" if todo else ""),
    ]
    if not findings:
        lines.append("  未发现问题。")
    by_part: dict[str, list[Finding]] = {}
    for f in findings:
        by_part.setdefault(f.part, []).append(f)
    for part in sorted(by_part, key=lambda p: _PART_ORDER.index(p) if p in _PART_ORDER else 99):
        lines.append(f"【{_PART_TITLE.get(part, part)}】")
        blanks = [f for f in by_part[part] if f.todo]
        hidden = blanks[_BLANKS_SHOWN:] if not every_blank and len(blanks) > _BLANKS_SHOWN + 1 else []
        for f in by_part[part]:
            if f in hidden:
                continue
            lines.append(f"  {f.severity.label} {f.code}  {f.message}")
            note = report.explanations.get(f.key)
            if note:
                lines.append(f"      说明：{note}")
        if hidden:
            lines.append(f"  …… 另有 {len(hidden)} 项未填写（加 --all 逐项列出）")
    return "\n".join(lines)


def cmd_show(args: argparse.Namespace) -> int:
    try:
        report = load_report(args.file)
    except StoreError as exc:
        err(str(exc))
        return EXIT_UNREADABLE
    edition = edition_of(report)
    values = compute(edition, report.values)
    # A total claimed by an outside source is shown as claimed; check reports any mismatch.
    values.update(report.claimed)
    if args.json:
        print(json.dumps(cells_json(edition, values, report.sources), ensure_ascii=False, indent=1))
        return EXIT_OK
    print(f"{report.meta.full_title}（{edition.label}）")
    for table in edition.tables:
        print()
        print(edition.part(table.part).heading)
        print(render(table, values))
    return EXIT_OK


def _load_any(name: str, year: int | None) -> Report:
    """A .gxr, or a received .xlsx/.docx audited as a temporary report."""
    if not name.lower().endswith((".xlsx", ".xlsm", ".docx")):
        return load_report(name)
    from gxdesk.exchange.audit import AuditError, audit_report
    from gxdesk.exchange.importer import read

    try:
        return audit_report(read(name), year)
    except AuditError as exc:
        if exc.needs_year:
            raise AuditError(f"{exc}，请用 --year 指定", needs_year=True) from None
        raise


def cmd_export(args: argparse.Namespace) -> int:
    targets = [(fmt, getattr(args, fmt.key)) for fmt in FORMATS if getattr(args, fmt.key)]
    if not targets:
        example = " ".join(f"--{f.key} 报告{f.suffix}" for f in FORMATS)
        err(f"请指定导出文件，例如：gxdesk export 报告.gxr {example}")
        return EXIT_UNREADABLE
    try:
        report = load_report(args.file)
    except StoreError as exc:
        err(str(exc))
        return EXIT_UNREADABLE
    errors = error_count(evaluate(report))
    note = f"；注意：报告还有 {errors} 个错误（gxdesk check 可查看）" if errors else ""
    for fmt, target in targets:
        # Building the file is not a disk problem: let its errors show as such.
        try:
            data = fmt.render(report, fonts=args.fonts)
        except RenderError as exc:
            err(f"未导出“{target}”：{exc}；原有文件未被改动")
            return EXIT_UNREADABLE
        if not write_out(target, partial(_write, data=data)):
            return EXIT_UNREADABLE
        print(f"已导出“{target}”{note}")
    return EXIT_OK


def _write(path: Path, *, data: bytes) -> None:
    from gxdesk.exchange.atomic import write_bytes

    write_bytes(path, data)


def cmd_import(args: argparse.Namespace) -> int:
    from gxdesk.domain.merge import plan
    from gxdesk.exchange.importer import read
    from gxdesk.exchange.sources import SourceError

    try:
        report = load_report(args.file)
        found = read(args.source)
    except (StoreError, SourceError) as exc:
        err(str(exc))
        return EXIT_UNREADABLE
    result = plan(report, found, prior_year=args.prior_year)
    if args.accept_totals:
        result.report.claimed.clear()
    print(_text_plan(result, args.prior_year))
    if args.dry_run:
        print("（试运行：报告未修改）")
        return EXIT_OK
    if result.empty and not args.accept_totals:
        print("没有需要导入的改动，报告未修改。")
        return EXIT_OK
    try:
        save(result.report, Path(args.file))
    except StoreError as exc:
        err(str(exc))
        return EXIT_UNREADABLE
    print(f"已导入并保存“{args.file}”（原文件已备份为 .bak）")
    return EXIT_OK


def _text_plan(result, prior_year: bool) -> str:  # type: ignore[no-untyped-def]
    from gxdesk.domain.imported import NoteKind

    lines = [("作为上年报告导入" if prior_year else "导入本年数据") + f"：{len(result.changes)} 处改动"]
    for kind in NoteKind:
        notes = [n.text for n in result.notes if n.kind is kind]
        if notes:
            lines.append(f"【{kind.value}】")
            lines += [f"  {text}" for text in notes]
    if result.changes:
        lines.append("【将修改】")
        for change in result.changes:
            source = f"（来自 {change.where}）" if change.where else ""
            lines.append(f"  {change.what}：{change.old or '空'} → {change.new}{source}")
    return "\n".join(lines)


def _launch_gui(argv: list[str]) -> int:
    try:
        from gxdesk.gui.app import main as gui_main
    except ImportError as exc:
        err(f"无法启动图形界面（{exc}）。命令行用法见 gxdesk --help")
        return EXIT_UNREADABLE
    return gui_main(argv)


def _utf8_console() -> None:
    """Chinese output on a Windows console that defaults to GBK or cp437."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            stream.reconfigure(encoding="utf-8", errors="replace")
