#!/bin/sh
# Adds AMS Desk to this user's applications menu (no administrator rights needed):
# a menu entry that starts the ams-desk program beside this script, and its icon.
# Run it again after moving the folder; `--remove` takes the entry away.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data="${XDG_DATA_HOME:-$HOME/.local/share}"
entry="$data/applications/ams-desk.desktop"
icon="$data/icons/hicolor/scalable/apps/ams-desk.svg"

if [ "${1:-}" = "--remove" ]; then
    rm -f "$entry" "$icon"
    echo "AMS Desk removed from the applications menu."
    exit 0
fi
if [ ! -x "$here/ams-desk" ]; then
    echo "install-desktop-entry.sh: run the copy beside the ams-desk program" >&2
    exit 1
fi
# The menu entry names the program by its full path; a path the entry cannot quote
# as it is would start something else, so it is refused.
case "$here" in
    *[\"\`\$\\\|\&%]* | *"
"*)
        echo "install-desktop-entry.sh: move the folder to a path without \" \` \$ \\ | & % or line breaks first ($here)" >&2
        exit 1 ;;
esac
mkdir -p "$data/applications" "$(dirname "$icon")"
cp "$here/_internal/resources/icons/app.svg" "$icon"
sed -e "s|^Exec=.*|Exec=\"$here/ams-desk\"|" -e "s|^TryExec=.*|TryExec=$here/ams-desk|" \
    "$here/_internal/resources/linux/ams-desk.desktop" > "$entry.part"
mv "$entry.part" "$entry"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" || true
echo "AMS Desk added to the applications menu ($entry)."
