# Install Cadre Desk from this folder without network (Windows, Python 3.11+ from python.org).
# Note: this wheelhouse holds the Linux wheels that `make dist` downloads; for Windows, fill the
# wheels folder with `pip download --platform win_amd64 --only-binary=:all: --python-version 3.11
# -d wheels cadre_desk-*.whl[postgresql]` on a machine with network (see the README).
#   powershell -ExecutionPolicy Bypass -File install.ps1 [-Target C:\CadreDesk\venv]
param([string]$Target = "$env:LOCALAPPDATA\CadreDesk\venv", [string]$Python = "py")
$ErrorActionPreference = "Stop"
$here = Split-Path -Parent $MyInvocation.MyCommand.Path
& $Python -3 -c "import sys; sys.exit(sys.version_info < (3, 11))"
if ($LASTEXITCODE -ne 0) { throw "Cadre Desk needs Python 3.11 or newer" }
& $Python -3 -m venv $Target
& "$Target\Scripts\python.exe" -m pip install --no-index --find-links "$here\wheels" "cadre-desk[postgresql]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }
& "$Target\Scripts\cadre-desk.exe" --version
Write-Host "Installed: $Target\Scripts\cadre-desk.exe"
