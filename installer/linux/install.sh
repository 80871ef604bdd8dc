#!/bin/sh
# Installs gxdesk for the current user only (no root needed): ~/.local/share/gxdesk,
# a menu entry, an icon, the .gxr file type, and ~/.local/bin/gxdesk.
# Usage: sh install.sh            (from the unpacked folder)
#        sh install.sh --uninstall
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
app="$data/gxdesk"
bin="$HOME/.local/bin"

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$app" "$bin/gxdesk" "$data/applications/gxdesk.desktop" \
         "$data/icons/hicolor/256x256/apps/gxdesk.png" "$data/mime/packages/gxdesk.xml"
  command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$data/mime" >/dev/null 2>&1 || true
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" >/dev/null 2>&1 || true
  echo "gxdesk 已卸载。"
  exit 0
fi

mkdir -p "$app" "$bin" "$data/applications" "$data/icons/hicolor/256x256/apps" "$data/mime/packages"
rm -rf "$app/program"
cp -R "$here/gxdesk" "$app/program"
ln -sf "$app/program/gxdesk" "$bin/gxdesk"
cp "$here/gxdesk.png" "$data/icons/hicolor/256x256/apps/gxdesk.png"
sed "s|@BIN@|$app/program/gxdesk|" "$here/gxdesk.desktop" > "$data/applications/gxdesk.desktop"
cp "$here/gxdesk-mime.xml" "$data/mime/packages/gxdesk.xml"
command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$data/mime" >/dev/null 2>&1 || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" >/dev/null 2>&1 || true
command -v xdg-mime >/dev/null 2>&1 && xdg-mime default gxdesk.desktop application/x-gxdesk-report || true
echo "gxdesk 已安装：可在应用菜单中找到“政府信息公开工作年度报告”，或运行 $bin/gxdesk"
