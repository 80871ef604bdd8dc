"""The layers: the model and the project file load neither Qt nor Word/Excel libraries."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["gxdesk.domain", "gxdesk.store", "gxdesk.cli"])
def test_core_does_not_load_gui_or_office_libraries(module: str) -> None:
    code = (
        f"import sys, importlib; importlib.import_module('{module}');"
        "import gxdesk.domain.rules as r; import gxdesk.domain.checks;"
        "bad = [m for m in ('PySide6', 'shiboken6', 'docx', 'openpyxl', 'lxml') if m in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_linter_contracts() -> None:
    pytest.importorskip("importlinter")
    result = subprocess.run([sys.executable, "-m", "importlinter.cli", "--no-cache"], capture_output=True, text=True)
    if "No module named importlinter.cli" in result.stderr:
        result = subprocess.run(["lint-imports", "--no-cache"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]


def _imports(tree, module: str, is_package: bool, modules: set[str]) -> set[str]:  # type: ignore[no-untyped-def]
    """The package's modules ``module`` imports anywhere (inside functions too), TYPE_CHECKING aside."""
    import ast

    skipped = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for sub in node.body
        for inner in ast.walk(sub)
    }
    package = module if is_package else module.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
            names = [f"{base}.{a.name}" for a in node.names] + [base]
        for name in names:
            while name and name not in modules and "." in name:
                name = name.rsplit(".", 1)[0]
            if name in modules and name != module:
                out.add(name)
    return out


def test_no_import_circle_anywhere_in_the_package() -> None:
    """Module-level and function-level imports alike: no module reaches itself again."""
    import ast
    from pathlib import Path

    import gxdesk

    root = Path(gxdesk.__file__).parent
    files = {
        ".".join(p.relative_to(root.parent).with_suffix("").parts).removesuffix(".__init__"): p
        for p in root.rglob("*.py")
    }
    graph = {
        m: _imports(ast.parse(p.read_text(encoding="utf-8")), m, p.name == "__init__.py", set(files))
        for m, p in files.items()
    }
    # A package importing its own submodules is how packages work; a submodule importing back is not.
    circles = []
    for start in graph:
        stack, seen = [(start, (start,))], set()
        while stack:
            node, path = stack.pop()
            for nxt in graph[node]:
                if nxt == start and not (len(path) == 1 and start.startswith(nxt + ".")):
                    if not all(
                        a.startswith(b + ".") or b.startswith(a + ".")
                        for a, b in zip(path, path[1:] + (nxt,), strict=True)
                    ):
                        circles.append(" → ".join((*path, nxt)))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, (*path, nxt)))
    assert circles == []


def test_no_rule_code_is_spelled_outside_its_declaration() -> None:
    """Views ask for a tag or a RuleCode member; a code typed as a string would fail silently."""
    import ast
    from pathlib import Path

    import gxdesk
    from gxdesk.domain.codes import RuleCode

    codes = {c.value for c in RuleCode}
    root = Path(gxdesk.__file__).parent
    spelled = []
    for path in root.rglob("*.py"):
        if path == root / "domain" / "codes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in codes:
                spelled.append(f"{path.relative_to(root)}:{node.lineno} {node.value}")
    assert spelled == []


def test_no_edition_id_is_spelled_outside_the_editions() -> None:
    """Views, readers and rules ask the editions (latest_edition(), edition.applicants, migrations)."""
    import ast
    from pathlib import Path

    import gxdesk
    from gxdesk.domain.editions import EDITIONS

    ids = set(EDITIONS)
    root = Path(gxdesk.__file__).parent
    spelled = [
        f"{path.relative_to(root)}:{node.lineno}"
        for path in root.rglob("*.py")
        if root / "domain" / "editions" not in path.parents
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and node.value in ids
    ]
    assert spelled == []
