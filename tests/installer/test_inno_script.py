"""The Windows installer script, checked here since ISCC.exe (a 32-bit Windows program) cannot
run on this Linux (no 32-bit Wine): our own syntax-level reading of gxdesk.iss, every message
of the pinned Inno Setup 6.4.1 translated in our ChineseSimplified.isl with its placeholders,
every file the script names present, and the PyInstaller spec keeping what Windows needs."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = ROOT / "installer" / "windows"
DATA = ROOT / "tests" / "data"
KNOWN_SECTIONS = {
    "Setup", "Languages", "Tasks", "Files", "Icons", "Registry", "Run", "UninstallDelete", "Code",
    "Dirs", "INI", "InstallDelete", "UninstallRun", "Messages", "CustomMessages", "LangOptions",
}  # fmt: skip
PLACEHOLDER = re.compile(r"%[1-9]|\[name/ver\]|\[name\]|\[gb\]|\[mb\]")


def sections(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        match = re.fullmatch(r"\[(\w+)\]", line)
        if match:
            current = match.group(1)
            out.setdefault(current, [])
        elif current:
            out[current].append(line)
    return out


def entry(line: str) -> dict[str, str]:
    """``Name: "x"; Flags: a b`` → {name: x, flags: a b}; quotes and doubled quotes handled."""
    fields, key, value, quoted, i = {}, "", "", False, 0
    while i < len(line):
        ch = line[i]
        if quoted:
            if ch == '"' and line[i + 1 : i + 2] == '"':
                value += '"'
                i += 1
            elif ch == '"':
                quoted = False
            else:
                value += ch
        elif ch == '"':
            quoted = True
        elif ch == ":" and not key:
            key, value = value.strip(), ""
        elif ch == ";":
            fields[key.lower()] = value.strip()
            key, value = "", ""
        else:
            value += ch
        i += 1
    assert not quoted, f"unclosed quote: {line}"
    if key:
        fields[key.lower()] = value.strip()
    return fields


def script() -> str:
    raw = (WINDOWS / "gxdesk.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "ISCC reads a UTF-8 script with Chinese text only with a BOM"
    return raw.decode("utf-8-sig")


def test_script_sections_and_preprocessor() -> None:
    text = script()
    assert text.count("#ifndef") == text.count("#endif")
    found = sections("\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("#")))
    assert set(found) <= KNOWN_SECTIONS and {"Setup", "Languages", "Files", "Icons"} <= set(found)
    setup = dict(line.split("=", 1) for line in found["Setup"])
    for key in ("AppId", "AppName", "AppVersion", "DefaultDirName", "OutputBaseFilename", "PrivilegesRequired"):
        assert key in setup, key
    assert setup["PrivilegesRequired"] == "lowest"  # per-user: no administrator rights
    for section in ("Languages", "Tasks", "Files", "Icons", "Registry", "Run", "UninstallDelete"):
        for line in found.get(section, []):
            fields = entry(line)
            assert fields, line
            assert set(fields) <= {"name", "messagesfile", "description", "groupdescription", "source", "destdir",
                                   "flags", "filename", "tasks", "root", "subkey", "valuetype", "valuename",
                                   "valuedata", "type", "parameters", "workingdir", "iconfilename"}, line  # fmt: skip


def test_every_file_the_script_names_exists() -> None:
    text = script()
    found = sections(text)
    setup = dict(line.split("=", 1) for line in found["Setup"])
    assert (WINDOWS / setup["SetupIconFile"].replace("\\", "/")).resolve().exists()
    for line in found["Languages"]:
        messages = entry(line)["messagesfile"]
        assert not messages.startswith("compiler:"), "the pinned compiler has no Chinese messages file"
        assert (WINDOWS / messages).exists()


def messages(path: Path) -> dict[tuple[str, str], str]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # UTF-8 with BOM, CRLF: as Inno's own
    out = {}
    for section, lines in sections(raw.decode("utf-8-sig")).items():
        for line in lines:
            key, _, value = line.partition("=")
            out[(section, key)] = value
    return out


def test_chinese_messages_cover_the_pinned_compiler() -> None:
    ours = messages(WINDOWS / "ChineseSimplified.isl")
    expected = {}
    for line in (DATA / "inno-6.4.1-messages.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        section, key, placeholders = (line.split("\t") + [""])[:3]
        expected[(section, key)] = set(placeholders.split())
    assert len(expected) == 278  # 266 messages and 12 custom messages
    missing = sorted(k for k in expected if k not in ours)
    assert missing == []
    for key, wanted in expected.items():
        assert set(PLACEHOLDER.findall(ours[key])) == wanted, key
    lang = {k[1]: v for k, v in ours.items() if k[0] == "LangOptions"}
    assert lang["LanguageID"] == "$0804" and lang["LanguageCodePage"] == "936"
    # The texts are Chinese (a key left in English would show in the installer).
    english = [k for k, v in ours.items() if k[0] != "LangOptions" and v and re.fullmatch(r"[\x00-\x7f]+", v)]
    assert set(english) <= {("Messages", k) for k in ("ComponentSize1", "ComponentSize2", "ButtonOK")} | {
        ("Messages", "LastErrorMessage")
    }


def _wanted() -> object:
    """The spec's ``_wanted`` filter, taken from installer/gxdesk.spec without running PyInstaller."""
    tree = ast.parse((ROOT / "installer" / "gxdesk.spec").read_text(encoding="utf-8"))
    function = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "_wanted")
    namespace: dict[str, object] = {}
    exec(compile(ast.Module([function], []), "gxdesk.spec", "exec"), namespace)  # noqa: S102
    return namespace["_wanted"]


def test_windows_build_keeps_what_windows_needs() -> None:
    wanted = _wanted()
    files = [
        line for line in (DATA / "pyside6-essentials-6.11.3-win_amd64-files.txt").read_text().splitlines()
        if line and not line.startswith("#")
    ]  # fmt: skip
    needed = [
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/plugins/styles/qmodernwindowsstyle.dll",
        "PySide6/plugins/imageformats/qico.dll",
        "PySide6/plugins/imageformats/qjpeg.dll",
        "PySide6/translations/qtbase_zh_CN.qm",
        "PySide6/msvcp140.dll",
        "PySide6/vcruntime140.dll",
        "PySide6/vcruntime140_1.dll",
        "PySide6/Qt6Core.dll",
        "PySide6/Qt6Gui.dll",
        "PySide6/Qt6Widgets.dll",
    ]
    for name in needed:
        assert name in files, name  # the wheel really has it
        assert wanted(name), name  # and the spec keeps it (PyInstaller collects it from the wheel)
    assert not wanted("PySide6/translations/qtbase_de.qm")


def test_icon_has_an_image_for_every_windows_scale() -> None:
    """Windows takes the small icon at 16/20/24/32 px and the large one at 32/40/48/64 px for
    100/125/150/200 % scaling; each must be in the .ico, or it is scaled and blurred."""
    import struct

    data = (ROOT / "resources" / "icons" / "gxdesk.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for i in range(count):
        width, height, _, _, _, bits, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        image = data[offset : offset + length]
        assert image.startswith(b"\x89PNG\r\n\x1a\n") and bits == 32
        png_w, png_h = struct.unpack(">II", image[16:24])  # the PNG's own IHDR size agrees
        assert (png_w, png_h) == (width or 256, height or 256)
        sizes.add(png_w)
    assert {16, 20, 24, 32, 40, 48, 64, 256} <= sizes
