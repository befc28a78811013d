#!/bin/sh
# Add okrdesk (this folder) to your applications menu, with its icon, and make .okrdesk
# files open with it from the file manager. For you alone: files go under
# ${XDG_DATA_HOME:-~/.local/share}. `./install-desktop.sh --remove` takes them away again.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
sizes="16 24 32 48 64 128 256 512"

refresh() {
  if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$data/mime"; fi
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database "$data/applications" || true
  fi
}

if [ "${1:-}" = "--remove" ]; then
  rm -f "$data/applications/okrdesk.desktop" "$data/mime/packages/okrdesk.xml"
  for size in $sizes; do rm -f "$data/icons/hicolor/${size}x${size}/apps/okrdesk.png"; done
  refresh
  echo "okrdesk removed from the applications menu / 已从应用程序菜单中移除 okrdesk"
  exit 0
fi

mkdir -p "$data/applications" "$data/mime/packages"
for size in $sizes; do
  mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
  cp "$here/share/icons/hicolor/${size}x${size}/apps/okrdesk.png" \
    "$data/icons/hicolor/${size}x${size}/apps/okrdesk.png"
done
cp "$here/share/mime/packages/okrdesk.xml" "$data/mime/packages/okrdesk.xml"
# The entry starts this folder's okrdesk, wherever it was unpacked.
sed "s|^Exec=okrdesk |Exec=\"$here/okrdesk\" |" "$here/share/applications/okrdesk.desktop" \
  >"$data/applications/okrdesk.desktop"
refresh
if command -v xdg-mime >/dev/null 2>&1; then
  xdg-mime default okrdesk.desktop application/x-okrdesk || true
fi
echo "okrdesk added to the applications menu; .okrdesk files open with $here/okrdesk"
echo "已将 okrdesk 加入应用程序菜单；.okrdesk 文件将用 $here/okrdesk 打开"
