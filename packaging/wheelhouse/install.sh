#!/bin/sh
# Install Cadre Desk from this folder, without any network: a virtual environment of its own, then
# the `cadre-desk` command in ~/.local/bin. Needs Python 3.11 or newer (python3-venv on Debian).
#
#   ./install.sh                 # into ~/.local/share/cadre-desk/venv
#   ./install.sh /opt/somewhere  # into that folder
#   PYTHON=python3.12 ./install.sh
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
TARGET=${1:-"$HOME/.local/share/cadre-desk/venv"}
PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "需要 Python 3.11 或更新版本 / Cadre Desk needs Python 3.11 or newer ($PYTHON)" >&2
    exit 1
fi
if ! "$PYTHON" -m venv "$TARGET"; then
    echo "无法创建虚拟环境（Debian/UOS/麒麟：安装 python3-venv）/ cannot create a venv (install python3-venv)" >&2
    exit 1
fi
"$TARGET/bin/python" -m pip install --no-index --find-links "$HERE/wheels" --no-warn-script-location \
    "cadre-desk[postgresql]"
mkdir -p "$HOME/.local/bin"
ln -sf "$TARGET/bin/cadre-desk" "$HOME/.local/bin/cadre-desk"
"$TARGET/bin/cadre-desk" --version
echo "已安装 / installed: $HOME/.local/bin/cadre-desk -> $TARGET/bin/cadre-desk"
