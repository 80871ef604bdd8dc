#!/usr/bin/env bash
# Builds the Linux bundle: dist/gxdesk-<version>-linux-<arch>.tar.xz (one-folder PyInstaller build,
# a .desktop file, the .gxr file type and a per-user install script).
# Run from anywhere, with the Python environment that has gxdesk's dependencies installed.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
python -m pip install -q "pyinstaller>=6.10"  # gxdesk itself is taken from this source tree
version=$(python -c "import gxdesk; print(gxdesk.__version__)")
arch=$(uname -m)
rm -rf build dist/gxdesk
python -m PyInstaller --noconfirm --clean --log-level ERROR installer/gxdesk.spec
# GXDESK_BUNDLE_SUFFIX names a variant (build-compat.sh: -glibc2.31) so a clerk picks the right one.
stage="dist/gxdesk-$version-linux-$arch${GXDESK_BUNDLE_SUFFIX:-}"
rm -rf "$stage"
mkdir -p "$stage"
mv dist/gxdesk "$stage/gxdesk"
cp installer/linux/install.sh installer/linux/gxdesk.desktop installer/linux/gxdesk-mime.xml "$stage/"
cp resources/icons/gxdesk.png "$stage/gxdesk.png"
# The newest glibc symbol version any bundled library needs = the oldest system it runs on.
glibc=$(find "$stage/gxdesk" -type f \( -name '*.so*' -o -name gxdesk \) -exec objdump -T {} + 2>/dev/null \
        | grep -o 'GLIBC_[0-9.]*' | sort -t. -k2,2n -k3,3n -u | tail -n 1 | sed 's/GLIBC_//')
printf '%s\n' "gxdesk $version（$arch）" "需要 glibc $glibc 或更新" > "$stage/VERSION.txt"
tar -C dist -cf - "$(basename "$stage")" | xz -T0 -6 > "$stage.tar.xz"
echo "built $stage.tar.xz ($(du -h "$stage.tar.xz" | cut -f1)); needs glibc >= $glibc"
