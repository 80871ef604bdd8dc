"""Broken and hostile files through check, import and export: nothing hangs, corrupts or crashes.

A seeded corpus of files mutated from the project's own exports (both samples as .docx, .xlsx
and .gxr) at the zip, XML and JSON level: deleted, duplicated and swapped parts and elements,
huge and non-finite numbers, huge spans and merges, deep nesting, control and invisible
characters, truncation. Each file goes through the commands a clerk or an office would run on
it, in one process per worker with a memory limit and a time limit per file.

    python tools/fuzz.py --files 3000 --out /tmp/fuzz      # the full run (a few minutes)
    python tools/fuzz.py --files 150                        # the size the test suite runs

Prints one JSON line per problem and a summary; exits 1 when any file hung, grew past the
memory limit, ended in a generic message or left a report that no longer opens.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SAMPLES = ("qinghe-sthjj-2025.gxr", "xianyou-gxj-2020.gxr")
PER_FILE_SECONDS = 10.0  # CPU seconds for one command on one file
MEMORY_LIMIT = 2 * 1024**3  # address space of a worker; resident stays far below
GENERIC = ("意外错误", "Traceback", "Error:", "object has no attribute")


# ---- the corpus ------------------------------------------------------------------------------
def seeds(folder: Path) -> list[Path]:
    """The samples and their Word and Excel exports: what mutations start from."""
    from gxdesk.exchange import docx_writer, xlsx_writer
    from gxdesk.resources import sample
    from gxdesk.store import load

    out = []
    for name in SAMPLES:
        report = load(sample(name))
        stem = Path(name).stem
        for suffix, data in (
            (".docx", docx_writer.to_bytes(report)),
            (".xlsx", xlsx_writer.to_bytes(report)),
            (".gxr", sample(name).read_bytes()),
        ):
            path = folder / f"seed-{stem}{suffix}"
            path.write_bytes(data)
            out.append(path)
    return out


HOSTILE_NUMBERS = ("NaN", "nan", "Infinity", "-Infinity", "1e3", "1E+308", "9" * 400, "-1", "0.5", "１２", "")
HOSTILE_TEXT = ("\x00", "\x0b", "\u200b", "\ufeff", "\u202e", "=cmd|' /C calc'!A0", "<b>", "&amp;", "\ud800")


def _xml_mutations(rng: random.Random, text: str) -> str:
    """One XML-level change to a part's text."""
    choice = rng.randrange(10)
    if choice == 0:  # a number that is not one
        return re.sub(r"<v>\d+</v>", lambda m: f"<v>{rng.choice(HOSTILE_NUMBERS)}</v>", text, count=rng.randint(1, 5))
    if choice == 1:  # a span or merge of absurd size
        text = re.sub(
            r'w:gridSpan w:val="\d+"', f'w:gridSpan w:val="{rng.choice(["1000000000", "1e3", "-5", "x"])}"', text
        )
        return re.sub(r'mergeCell ref="[A-Z]+\d+:[A-Z]+\d+"', 'mergeCell ref="A1:XFD1048576"', text, count=1)
    if choice == 2:  # deep nesting
        depth = rng.choice((100, 300, 5000))
        at = text.find("<w:t>") if "<w:t>" in text else text.find("<v>")
        if at < 0:
            return text
        return text[:at] + "<x>" * depth + "</x>" * depth + text[at:]
    if choice == 3:  # control and invisible characters in text
        return re.sub(r"<w:t([^>]*)>", lambda m: f"<w:t{m.group(1)}>{rng.choice(HOSTILE_TEXT)}", text, count=3)
    if choice == 4:  # an element deleted
        tags = re.findall(r"<(w:tc|w:tr|c|row|w:p|w:tbl|mergeCell)\b", text)
        if not tags:
            return text
        tag = rng.choice(tags)
        return re.sub(rf"<{tag}\b.*?</{tag}>", "", text, count=1, flags=re.S)
    if choice == 5:  # an element duplicated
        match = re.search(r"<(w:tr|row|w:tc|c)\b.*?</\1>", text, flags=re.S)
        return text if match is None else text[: match.end()] + match.group(0) + text[match.end() :]
    if choice == 6:  # truncated XML
        return text[: rng.randrange(max(1, len(text)))]
    if choice == 7:  # two rows swapped
        rows = list(re.finditer(r"<(w:tr|row)\b.*?</\1>", text, flags=re.S))
        if len(rows) < 2:
            return text
        a, b = rng.sample(rows, 2)
        if a.start() > b.start():
            a, b = b, a
        return text[: a.start()] + b.group(0) + text[a.end() : b.start()] + a.group(0) + text[b.end() :]
    if choice == 8:  # a huge text
        return text.replace("<w:t>", "<w:t>" + "某" * rng.choice((300, 100_000)), 1)
    return text.replace("<v>", "<v>" + "9" * rng.randint(15, 60), 1)  # a long digit run


def mutate_zip(rng: random.Random, source: Path, target: Path) -> None:
    with zipfile.ZipFile(source) as archive:
        entries = [(i.filename, archive.read(i.filename)) for i in archive.infolist()]
    choice = rng.randrange(8)
    names = [n for n, _ in entries]
    xml = [i for i, (n, _) in enumerate(entries) if n.endswith(".xml")]
    if choice == 0 and entries:  # an entry deleted
        del entries[rng.randrange(len(entries))]
    elif choice == 1 and entries:  # an entry duplicated
        entries.append(rng.choice(entries))
    elif choice == 2 and len(entries) > 1:  # two entries' contents swapped
        a, b = rng.sample(range(len(entries)), 2)
        entries[a], entries[b] = (entries[a][0], entries[b][1]), (entries[b][0], entries[a][1])
    else:  # XML changed, one to three times
        main = [i for i in xml if names[i] in ("word/document.xml",) or names[i].startswith("xl/worksheets/")]
        for _ in range(rng.randint(1, 3)):
            i = rng.choice(main or xml)
            text = entries[i][1].decode("utf-8", "replace")
            entries[i] = (entries[i][0], _xml_mutations(rng, text).encode("utf-8", "surrogatepass"))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a duplicated entry is the point
        for name, data in entries:
            with contextlib.suppress(Exception):
                out.writestr(name, data)
    if rng.random() < 0.08:  # the archive itself cut short or with flipped bytes
        data = bytearray(target.read_bytes())
        if rng.random() < 0.5:
            data = data[: rng.randrange(max(1, len(data)))]
        else:
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        target.write_bytes(bytes(data))


def mutate_gxr(rng: random.Random, source: Path, target: Path) -> None:
    text = source.read_text(encoding="utf-8")
    data = json.loads(text)
    choice = rng.randrange(8)
    values = data.get("values", {})
    keys = list(values)
    if choice == 0 and keys:  # non-finite and absurd numbers
        for key in rng.sample(keys, min(len(keys), rng.randint(1, 4))):
            values[key] = rng.choice([float("nan"), float("inf"), -float("inf"), 10**40, "NaN", "1e3", "Infinity", -3])
        text = json.dumps(data, ensure_ascii=False)
    elif choice == 1:  # fees likewise
        data.setdefault("fees", {})[rng.choice(["notices", "noticed", "collected"])] = rng.choice(
            [float("nan"), 1e300, "Infinity", -1, "x"]
        )
        text = json.dumps(data, ensure_ascii=False)
    elif choice == 2:  # deep nesting
        depth = rng.choice((500, 100_000))
        text = text[:-2] + ',"deep":' + "[" * depth + "]" * depth + "}\n"
    elif choice == 3 and data:  # a key deleted or of the wrong type
        key = rng.choice(list(data))
        if rng.random() < 0.5:
            del data[key]
        else:
            data[key] = rng.choice([None, 1, "x", [], {}])
        text = json.dumps(data, ensure_ascii=False)
    elif choice == 4:  # truncated
        text = text[: rng.randrange(max(1, len(text)))]
    elif choice == 5:  # hostile text in the agency and parts
        meta = data.get("meta", {})
        meta["agency"] = rng.choice(HOSTILE_TEXT) * rng.choice((1, 400)) + "某局"
        data.setdefault("parts", {})["一"] = "".join(rng.choice(HOSTILE_TEXT) for _ in range(50))
        text = json.dumps(data, ensure_ascii=False)
    elif choice == 6:  # a very long title
        data.setdefault("meta", {})["agency"] = "某" * rng.choice((320, 100_000))
        text = json.dumps(data, ensure_ascii=False)
    else:  # random bytes
        raw = bytearray(text.encode("utf-8"))
        for _ in range(rng.randint(1, 30)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        target.write_bytes(bytes(raw))
        return
    target.write_text(text, encoding="utf-8", errors="surrogatepass")


def corpus(folder: Path, count: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    base = seeds(folder)
    out = []
    for n in range(count):
        source = base[n % len(base)]
        target = folder / f"{n:05d}{source.suffix}"
        try:
            if source.suffix == ".gxr":
                mutate_gxr(rng, source, target)
            else:
                mutate_zip(rng, source, target)
        except Exception:  # noqa: BLE001 - a mutation that could not be made: copy the seed
            shutil.copyfile(source, target)
        out.append(target)
    return out


# ---- running ---------------------------------------------------------------------------------
def _run(args: list[str]) -> tuple[int, str]:
    from gxdesk.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exc:
            code = int(exc.code or 0)
        except BaseException as exc:  # noqa: BLE001 - what escaped main is exactly the failure sought
            return 99, f"Traceback: {type(exc).__name__}: {exc}"[:500]
    return code, err.getvalue()


def check_file(path: Path, work: Path, base: Path) -> list[dict[str, object]]:
    """Every command on one file; the problems found (empty when it went as it should)."""
    from gxdesk.store import StoreError, load

    problems: list[dict[str, object]] = []
    runs: list[tuple[str, list[str]]] = [("check", ["check", str(path)])]
    copy = work / f"{path.stem}-target.gxr"
    shutil.copyfile(base, copy)
    runs.append(("import", ["import", str(copy), "--from", str(path)]))
    if path.suffix == ".gxr":
        runs.append(("export", ["export", str(path), "--docx", str(work / "o.docx"), "--xlsx", str(work / "o.xlsx")]))
    for name, args in runs:
        before = copy.read_bytes() if name == "import" else b""
        # CPU time, not wall time: the suite runs beside other tests on a 2-core machine, and a
        # file that makes gxdesk loop burns CPU either way (one that blocks hits the run's timeout).
        started = time.process_time()
        code, stderr = _run(args)
        took = time.process_time() - started
        bad = [g for g in GENERIC if g in stderr]
        if code not in (0, 1, 2) or bad or took > PER_FILE_SECONDS:
            problems.append({"file": path.name, "command": name, "code": code, "seconds": round(took, 1),
                             "message": stderr.strip()[:300]})  # fmt: skip
        if name == "import":
            try:
                load(copy)
            except StoreError as exc:
                problems.append({"file": path.name, "command": name, "problem": f"报告无法再打开：{exc}"})
            except Exception as exc:  # noqa: BLE001 - worse still: reading it crashes
                problems.append({"file": path.name, "command": name, "problem": f"报告无法再打开（{exc!r}）"[:300]})
            if code != 0 and copy.read_bytes() != before:
                problems.append({"file": path.name, "command": name, "problem": "拒绝导入却改动了报告"})
    return problems


def worker(files: list[str], base: str) -> int:
    """Run in a child process: every file, one JSON line per problem, then the peak memory."""
    import resource

    work = Path(tempfile.mkdtemp(prefix="gxdesk-fuzz-"))
    for name in files:
        for problem in check_file(Path(name), work, Path(base)):
            print(json.dumps(problem, ensure_ascii=False), flush=True)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"peak_mb": peak_kb // 1024}), flush=True)
    shutil.rmtree(work, ignore_errors=True)
    return 0


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run(files: list[Path], base: Path, jobs: int, timeout: float) -> tuple[list[dict[str, object]], int]:
    """Split ``files`` over ``jobs`` workers; (problems, peak resident MB of any worker)."""
    chunks = [files[i::jobs] for i in range(jobs)]
    procs = []
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    for chunk in chunks:
        listing = Path(tempfile.mkstemp(suffix=".json")[1])
        listing.write_text(json.dumps([str(f) for f in chunk]))
        procs.append(
            subprocess.Popen(
                [sys.executable, __file__, "--worker", str(listing), "--base", str(base)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                env=env,
                preexec_fn=_limit_memory if sys.platform != "win32" else None,  # noqa: PLW1509
            )
        )
    problems: list[dict[str, object]] = []
    peak = 0
    for proc, chunk in zip(procs, chunks, strict=True):
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            problems.append(
                {"problem": f"超时：{len(chunk)} 个文件未在 {timeout:.0f} 秒内处理完", "stderr": err[-500:]}
            )
        for line in out.splitlines():
            item = json.loads(line)
            if "peak_mb" in item:
                peak = max(peak, int(item["peak_mb"]))
            else:
                problems.append(item)
        if proc.returncode not in (0, None) and not any("超时" in str(p.get("problem", "")) for p in problems):
            problems.append({"problem": f"工作进程异常退出（{proc.returncode}）", "stderr": err[-800:]})
    return problems, peak


def main() -> int:
    parser = argparse.ArgumentParser(description="用变形的文件检验 check、import、export")
    parser.add_argument("--files", type=int, default=150, help="变形文件个数")
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--jobs", type=int, default=min(os.cpu_count() or 1, 4))
    parser.add_argument("--out", help="保存变形文件的文件夹（默认临时文件夹，用后删除）")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--base", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(json.loads(Path(args.worker).read_text()), args.base)
    folder = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="gxdesk-corpus-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("GXDESK_CACHE_DIR", str(folder / "cache"))
    started = time.monotonic()
    files = corpus(folder, args.files, args.seed)
    from gxdesk.resources import sample

    base = folder / "base.gxr"
    shutil.copyfile(sample(SAMPLES[0]), base)
    problems, peak = run(files, base, args.jobs, timeout=PER_FILE_SECONDS * len(files) / args.jobs + 60)
    for problem in problems:
        print(json.dumps(problem, ensure_ascii=False))
    print(
        json.dumps(
            {
                "files": len(files),
                "problems": len(problems),
                "peak_mb": peak,
                "seconds": round(time.monotonic() - started, 1),
            }  # fmt: skip
        )
    )
    if not args.out:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
