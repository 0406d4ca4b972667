# Build Cadre Desk for Windows on a Windows 10/11 x64 machine: the PyInstaller folder and an installer.
#
#   Requirements: Python 3.11+ from python.org (x64, "py" launcher), Inno Setup 6 (iscc.exe) for the
#   installer, network to PyPI for the first build (then pip's cache).
#   Run from the repository root in PowerShell:
#     powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#   Output: dist\windows\cadre-desk\ (the program folder: cadre-desk.exe = window,
#   cadre-desk-cli.exe = command line) and dist\CadreDesk-<version>-setup.exe.
#
# NOT TRIED: this script and the .iss were written on Linux and have not been run on Windows (see the
# README, "Windows"). The spec they use is the one the Linux build runs every time.
param(
    [string]$Python = "py",
    [string]$Iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
)
$ErrorActionPreference = "Stop"
$root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $root

$version = (Select-String -Path cadre_desk\__init__.py -Pattern '__version__ = "([^"]+)"').Matches[0].Groups[1].Value
Write-Host "Cadre Desk $version"

# 1. the wheel, then a clean build venv holding only the wheel, its dependencies and PyInstaller
$build = Join-Path $root "build\windows"
if (Test-Path $build) { Remove-Item -Recurse -Force $build }
New-Item -ItemType Directory -Force $build | Out-Null
& $Python -3 -m pip wheel --no-deps -w "$build\wheel" .
if ($LASTEXITCODE -ne 0) { throw "wheel failed" }
$wheel = Get-ChildItem "$build\wheel\cadre_desk-*.whl" | Select-Object -First 1
& $Python -3 -m venv "$build\venv"
$py = "$build\venv\Scripts\python.exe"
& $py -m pip install --quiet "$($wheel.FullName)[postgresql]" "pyinstaller>=6.10,<7"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

# 2. the bundle (the same spec as on Linux: on Windows it adds the icon and cadre-desk-cli.exe)
& $py -m PyInstaller --noconfirm --log-level WARN --distpath "$root\dist\windows" --workpath "$build\work" `
    packaging\cadre-desk.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
& "$root\dist\windows\cadre-desk\cadre-desk-cli.exe" --version
if ($LASTEXITCODE -ne 0) { throw "the bundle does not start" }

# 3. the installer (per-user or all users, Start menu, file types .lrmx / .lrm)
if (Test-Path $Iscc) {
    & $Iscc "/DAppVersion=$version" "/DSourceDir=$root\dist\windows\cadre-desk" "/O$root\dist" `
        packaging\windows\cadre-desk.iss
    if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
    Write-Host "Installer: dist\CadreDesk-$version-setup.exe"
} else {
    Write-Warning "Inno Setup not found at $Iscc: only the folder dist\windows\cadre-desk was built"
}

# 4. a portable zip: the folder plus the portable marker (data kept beside the program)
Copy-Item packaging\portable.txt "$root\dist\windows\cadre-desk\portable.txt"
Compress-Archive -Force -Path "$root\dist\windows\cadre-desk" -DestinationPath "$root\dist\cadre-desk-$version-windows-x64-portable.zip"
Remove-Item "$root\dist\windows\cadre-desk\portable.txt"
