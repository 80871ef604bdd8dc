"""``gxdesk audit``, ``gxdesk rollup`` (the supervising office's 汇总与审核) and ``gxdesk compare``."""

from __future__ import annotations

import argparse
import json
import sys
from functools import partial
from pathlib import Path
from typing import Any

from gxdesk.cli_common import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, add_command, err, write_out
from gxdesk.domain.report import AgencyKind


def add_parsers(sub: Any) -> None:
    p = add_command(sub, "audit", "审核一批单位报告（汇总与审核）")
    p.add_argument("paths", nargs="+", metavar="PATH", help="单位报告文件或文件夹（查找 .docx、.xlsx、.gxr）")
    p.add_argument("--units", metavar="名单", help="单位名单（.xlsx 或 .csv，每行一个单位，可附机关类型和别名）")
    p.add_argument("--prior", nargs="+", default=[], metavar="PATH", help="上年的报告文件或文件夹（跨年度检查）")
    p.add_argument("--parent", metavar="GOV", help="本级（全县口径）报告：检查各单元格是否等于各单位之和")
    p.add_argument("--year", type=int, help="报告年度（默认取多数报告的年度）")
    p.add_argument("--xlsx", metavar="汇总.xlsx", help="写出汇总工作簿（汇总、问题清单、未报送、汇总表和汇总来源）")
    p.add_argument("--fix-lists", metavar="DIR", help="为每个有问题的单位写出退回修改单，并写出审核情况通报（Word）")
    p.add_argument("--office", default="", metavar="NAME", help="退回修改单和通报的落款（如：某某县政务公开办公室）")
    _gate_arguments(p)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--jobs", type=int, help="并行进程数（默认按 CPU 核数）")

    p = add_command(sub, "rollup", "把各单位报告的统计表加总成一份报告（全县口径）")
    p.add_argument("out", metavar="OUT.gxr", help="要写出的汇总报告")
    p.add_argument("--from", dest="sources", nargs="+", required=True, metavar="PATH", help="单位报告文件或文件夹")
    p.add_argument("--agency", required=True, help="汇总报告的机关名称")
    p.add_argument("--year", required=True, type=int, help="报告年度")
    p.add_argument("--kind", default=AgencyKind.COUNTY.value, choices=[k.value for k in AgencyKind], help="机关类型")
    p.add_argument("--units", metavar="名单", help="单位名单（.xlsx 或 .csv）：有名单时只汇总名单上的单位")
    _gate_arguments(p)
    p.add_argument("--force", action="store_true", help="文件已存在时覆盖")
    p.add_argument("--jobs", type=int, help="并行进程数")

    p = add_command(sub, "compare", "与上年报告对比：数字的变化和沿用上年的文字")
    p.add_argument("file", metavar="FILE.gxr", help="本年报告（.gxr，已导入上年报告时可不加 --prior）")
    p.add_argument("--prior", metavar="OTHER", help="上年报告（.gxr、.docx 或 .xlsx）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--xlsx", metavar="OUT.xlsx", help="写出对比工作簿（每张表一个工作表）")
    p.add_argument("--docx", metavar="OUT.docx", help="写出标出沿用文字的 Word 文档")


def _gate_arguments(p: Any) -> None:
    """Which units count: the 名单 decides, these adjust (the same for audit and rollup)."""
    p.add_argument("--exclude", nargs="+", default=[], metavar="NAME", help="不计入汇总的单位")
    p.add_argument("--include", nargs="+", default=[], metavar="NAME", help="不在名单上但仍计入汇总的单位")
    p.add_argument(
        "--alias", nargs="+", default=[], metavar="报告名=名单名", help="确认报告中的机关名称就是名单上的某单位"
    )


def _run_audit(args: argparse.Namespace, paths: list[str], year: int | None) -> Any:
    """The audit both commands start from; raises ValueError/OSError with a Chinese message."""
    from gxdesk.exchange.collection import audit
    from gxdesk.exchange.roster_file import read_roster

    roster = read_roster(args.units) if args.units else None
    if roster is not None:
        for pair in args.alias:
            said, _, listed = pair.partition("=")
            if not said.strip() or not listed.strip():
                raise ValueError(f"--alias 的写法应为“报告中的名称=名单上的名称”，而不是“{pair}”")
            roster.confirmed[said.strip()] = listed.strip()
    elif args.alias:
        raise ValueError("--alias 需要和 --units 名单一起使用")
    return audit(
        paths, roster=roster, prior=getattr(args, "prior", []), parent=getattr(args, "parent", None), year=year,
        included=args.include, excluded=args.exclude, jobs=args.jobs, progress=_progress,
    )  # fmt: skip


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\r已读取 {done}/{total} 个文件", end="" if done < total else "\n", file=sys.stderr, flush=True)


def cmd_audit(args: argparse.Namespace) -> int:
    from gxdesk.exchange.jsonview import finding_json

    try:
        result = _run_audit(args, args.paths, args.year)
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
    if args.fix_lists:
        from gxdesk.exchange import fix_lists

        written: list[Path] = []
        if not write_out(args.fix_lists, lambda p: written.extend(fix_lists.write_all(result, p, office=args.office))):
            return EXIT_UNREADABLE
        err(f"已写出 {len(written) - 1} 份退回修改单和审核情况通报，在“{args.fix_lists}”")
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
                    "status": unit.status.label,
                    "counted": result.counted(unit),
                    "on_list": unit.on_roster,
                    "suggestion": unit.suggestion or None,
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
    lines = [f"{result.year}年度：收到 {len(result.units)} 个单位的报告，计入汇总 {len(result.counted_units())} 个"]
    for unit in result.units:
        extra = (
            f"，共 {len(unit.versions)} 个版本，采用 {Path(unit.chosen.path).name}" if len(unit.versions) > 1 else ""
        )
        lines.append(f"  {unit.status.label}  {unit.name}：错误 {unit.errors}，提示 {unit.warnings}{extra}")
        for f in unit.findings[:5]:
            lines.append(f"      {f.severity.label} {f.code}  {f.message}")
    if result.missing:
        lines.append("未报送：" + "、".join(result.missing))
    for unit in result.units:
        if not unit.on_roster:
            near = f"（与名单中的“{unit.suggestion}”相近；如是同一单位，加 --alias '{unit.name}={unit.suggestion}'）"
            state = "已计入汇总" if result.counted(unit) else "未计入汇总（如应计入，加 --include）"
            lines.append(f"不在名单上：{unit.name}，{state}" + (near if unit.suggestion else ""))
    for u in result.other_year:
        lines.append(f"年度不符，未计入：{Path(u.path).name}（{u.report.meta.year}年度）")
    for u in result.unreadable:
        lines.append(f"无法读取：{Path(u.path).name}（{u.reason}）")
    if result.parent_findings:
        lines.append(f"本级报告与计入汇总的 {len(result.counted_units())} 个单位之和不符的单元格：")
        lines += [f"  {f.code}  {f.message}" for f in result.parent_findings]
        if result.missing:
            lines.append("  （差异可能来自未报送的单位：" + "、".join(result.missing) + "）")
    return "\n".join(lines)


def cmd_rollup(args: argparse.Namespace) -> int:
    from gxdesk.domain.rollup import sum_units
    from gxdesk.store import StoreError, save

    out = Path(args.out)
    if out.exists() and not args.force:
        err(f"文件“{out}”已存在；如要覆盖请加 --force")
        return EXIT_UNREADABLE
    try:
        result = _run_audit(args, args.sources, args.year)
    except (OSError, ValueError) as exc:
        err(str(exc))
        return EXIT_UNREADABLE
    # What is not summed is said, file by file: nothing is left out silently, nothing stops the sum.
    for u in result.unreadable:
        err(f"无法读取，未计入：{Path(u.path).name}（{u.reason}）")
    for u in result.other_year:
        if u.report is not None:
            err(f"不是{args.year}年度的报告，未计入：{Path(u.path).name}（{u.report.meta.year}年度）")
    for unit in result.left_out():
        why = "不在名单上（如应计入，加 --include）" if not unit.on_roster else "按 --exclude 未计入"
        err(f"未计入：{unit.name}，{why}")
    for unit in result.other_edition():
        err(f"统计表不是{args.year}年度的格式，未计入：{unit.name}（{Path(unit.chosen.path).name}）")
    if result.missing:
        err("名单上未报送：" + "、".join(result.missing))
    reports = result.counted_reports()
    if not reports:
        err("没有可汇总的单位报告")
        return EXIT_UNREADABLE
    try:
        rollup = sum_units(args.agency, args.year, reports, AgencyKind(args.kind))
        save(rollup.report, out)
    except (ValueError, StoreError) as exc:
        err(str(exc))
        return EXIT_UNREADABLE
    print(f"已汇总 {len(rollup.units)} 个单位，写入“{out}”：{rollup.report.meta.full_title}")
    return EXIT_OK


def _write_compare(report: Any, path: Path, *, kind: str) -> None:
    from gxdesk.exchange import compare_out

    compare_out.write(report, path, kind)


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
        if target and not write_out(target, partial(_write_compare, report, kind=kind)):
            return EXIT_UNREADABLE
    if args.json:
        print(json.dumps(compare_out.as_json(report), ensure_ascii=False, indent=1))
    else:
        print(compare_out.as_text(report))
    return EXIT_OK
