"""``gxdesk audit``, ``gxdesk rollup`` (the supervising office's 汇总与审核) and ``gxdesk compare``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from gxdesk.cli_common import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, add_command, err, write_out
from gxdesk.domain.findings import Severity
from gxdesk.domain.report import AgencyKind


def add_parsers(sub: Any) -> None:
    p = add_command(sub, "audit", "审核一批单位报告（汇总与审核）")
    p.add_argument("paths", nargs="+", metavar="PATH", help="单位报告文件或文件夹（查找 .docx、.xlsx、.gxr）")
    p.add_argument("--units", metavar="名单", help="单位名单（.xlsx 或 .csv，每行一个单位，可附机关类型和别名）")
    p.add_argument("--prior", nargs="+", default=[], metavar="PATH", help="上年的报告文件或文件夹（跨年度检查）")
    p.add_argument("--parent", metavar="GOV", help="本级（全县口径）报告：检查各单元格是否等于各单位之和")
    p.add_argument("--year", type=int, help="报告年度（默认取多数报告的年度）")
    p.add_argument("--xlsx", metavar="汇总.xlsx", help="写出汇总工作簿（汇总、问题清单、未报送）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--jobs", type=int, help="并行进程数（默认按 CPU 核数）")

    p = add_command(sub, "rollup", "把各单位报告的统计表加总成一份报告（全县口径）")
    p.add_argument("out", metavar="OUT.gxr", help="要写出的汇总报告")
    p.add_argument("--from", dest="sources", nargs="+", required=True, metavar="PATH", help="单位报告文件或文件夹")
    p.add_argument("--agency", required=True, help="汇总报告的机关名称")
    p.add_argument("--year", required=True, type=int, help="报告年度")
    p.add_argument("--kind", default=AgencyKind.COUNTY.value, choices=[k.value for k in AgencyKind], help="机关类型")
    p.add_argument("--exclude", nargs="+", default=[], metavar="NAME", help="不计入汇总的单位")
    p.add_argument("--units", metavar="名单", help="单位名单（.xlsx 或 .csv）")
    p.add_argument("--force", action="store_true", help="文件已存在时覆盖")
    p.add_argument("--jobs", type=int, help="并行进程数")

    p = add_command(sub, "compare", "与上年报告对比：数字的变化和沿用上年的文字")
    p.add_argument("file", metavar="FILE.gxr", help="本年报告（.gxr，已导入上年报告时可不加 --prior）")
    p.add_argument("--prior", metavar="OTHER", help="上年报告（.gxr、.docx 或 .xlsx）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--xlsx", metavar="OUT.xlsx", help="写出对比工作簿（每张表一个工作表）")
    p.add_argument("--docx", metavar="OUT.docx", help="写出标出沿用文字的 Word 文档")


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\r已读取 {done}/{total} 个文件", end="" if done < total else "\n", file=sys.stderr, flush=True)


def cmd_audit(args: argparse.Namespace) -> int:
    from gxdesk.exchange.collection import audit, read_roster
    from gxdesk.exchange.jsonview import finding_json

    try:
        roster = read_roster(args.units) if args.units else None
        result = audit(
            args.paths, roster=roster, prior=args.prior, parent=args.parent, year=args.year,
            jobs=args.jobs, progress=_progress,
        )  # fmt: skip
    except (OSError, ValueError) as exc:
        err(str(exc))
        return EXIT_UNREADABLE
    if not result.units:
        err("没有读到任何可识别的报告：" + "；".join(f"{Path(u.path).name}（{u.reason}）" for u in result.unreadable))
        return EXIT_UNREADABLE
    if args.xlsx:
        from gxdesk.exchange import summary_xlsx

        if not write_out(args.xlsx, lambda p: summary_xlsx.write(result, p)):
            return EXIT_UNREADABLE
    if args.json:
        from gxdesk.domain.editions import get_edition

        units = []
        for unit in result.units:
            report = unit.chosen.report
            edition = get_edition(report.edition) if report else None
            units.append(
                {
                    "agency": unit.name,
                    "file": unit.chosen.path,
                    "versions": [v.path for v in unit.versions],
                    "year": report.meta.year if report else None,
                    "edition": report.edition if report else None,
                    "status": unit.status,
                    "findings": [finding_json(f, edition) for f in unit.findings] if edition else [],
                }
            )
        out: dict[str, Any] = {
            "year": result.year,
            "units": units,
            "missing": result.missing,
            "not_on_list": result.not_on_roster,
            "other_year": [{"file": u.path, "year": u.report.meta.year} for u in result.other_year if u.report],
            "unreadable": [{"file": u.path, "reason": u.reason} for u in result.unreadable],
        }
        if args.parent:
            from gxdesk.domain.editions import edition_for_year

            edition = edition_for_year(result.year or 0)
            out["parent"] = [finding_json(f, edition) for f in result.parent_findings]
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print(_text(result))
    return EXIT_FINDINGS if result.has_errors else EXIT_OK


def _text(result: Any) -> str:
    lines = [f"{result.year}年度：收到 {len(result.units)} 个单位的报告"]
    for unit in result.units:
        errors = sum(f.severity is Severity.ERROR for f in unit.findings)
        extra = (
            f"，共 {len(unit.versions)} 个版本，采用 {Path(unit.chosen.path).name}" if len(unit.versions) > 1 else ""
        )
        lines.append(f"  {unit.status}  {unit.name}：错误 {errors}，提示 {len(unit.findings) - errors}{extra}")
        for f in unit.findings[:5]:
            lines.append(f"      {f.severity.label} {f.code}  {f.message}")
    if result.missing:
        lines.append("未报送：" + "、".join(result.missing))
    if result.not_on_roster:
        lines.append("不在名单上：" + "、".join(result.not_on_roster))
    for u in result.other_year:
        lines.append(f"年度不符，未计入：{Path(u.path).name}（{u.report.meta.year}年度）")
    for u in result.unreadable:
        lines.append(f"无法读取：{Path(u.path).name}（{u.reason}）")
    for f in result.parent_findings:
        lines.append(f"本级报告 {f.code}  {f.message}")
    return "\n".join(lines)


def cmd_rollup(args: argparse.Namespace) -> int:
    from gxdesk.domain.rollup import agency_key, sum_units
    from gxdesk.exchange.collection import discover, read_all, read_roster
    from gxdesk.store import StoreError, save

    out = Path(args.out)
    if out.exists() and not args.force:
        err(f"文件“{out}”已存在；如要覆盖请加 --force")
        return EXIT_UNREADABLE
    try:
        roster = read_roster(args.units) if args.units else None
        files = read_all(discover(args.sources), year_hint=args.year, jobs=args.jobs, progress=_progress)
    except (OSError, ValueError) as exc:
        err(str(exc))
        return EXIT_UNREADABLE
    excluded = {agency_key(n) for n in args.exclude}

    def unit_key(f: Any) -> str:
        entry = roster.match(f.agency) if roster else None
        return agency_key(entry.name if entry else f.agency)

    files = [f for f in files if f.report is None or unit_key(f) not in excluded]
    wrong_year = [f for f in files if f.report is not None and f.report.meta.year != args.year]
    if wrong_year:
        names = "；".join(f"{Path(f.path).name}（{f.report.meta.year}年度）" for f in wrong_year if f.report)
        err(f"以下文件不是{args.year}年度的报告，不能一起汇总：{names}")
        return EXIT_UNREADABLE
    for f in files:
        if f.report is None:
            err(f"无法读取，未计入：{Path(f.path).name}（{f.reason}）")
    chosen: dict[str, Any] = {}
    for f in sorted((f for f in files if f.report is not None), key=lambda f: f.mtime):
        chosen[unit_key(f)] = f.report  # the newest version of a unit wins
    if not chosen:
        err("没有可汇总的单位报告")
        return EXIT_UNREADABLE
    try:
        rollup = sum_units(args.agency, args.year, list(chosen.values()), AgencyKind(args.kind))
        save(rollup.report, out)
    except (ValueError, StoreError) as exc:
        err(str(exc))
        return EXIT_UNREADABLE
    print(f"已汇总 {len(rollup.units)} 个单位，写入“{out}”：{rollup.report.meta.full_title}")
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    from gxdesk.exchange import compare_out
    from gxdesk.store import StoreError, load

    try:
        report = load(args.file)
        if args.prior:
            from gxdesk.domain.merge import plan
            from gxdesk.exchange.importer import read

            report = plan(report, read(args.prior), prior_year=True).report
    except (StoreError, ValueError, OSError) as exc:
        err(str(exc))
        return EXIT_UNREADABLE
    if report.prior is None:
        err(compare_out.as_text(report))
        return EXIT_UNREADABLE
    for target, kind in ((args.xlsx, "xlsx"), (args.docx, "docx")):
        if target and not write_out(target, lambda p, k=kind: compare_out.write(report, p, k)):
            return EXIT_UNREADABLE
    if args.json:
        print(json.dumps(compare_out.as_json(report), ensure_ascii=False, indent=1))
    else:
        print(compare_out.as_text(report))
    return EXIT_OK
