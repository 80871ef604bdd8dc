# Builds the Windows installer and the portable zip. Run on a Windows 10/11 x64 PC with
# Python 3.11 (python.org, "Add to PATH") and Inno Setup 6.4.1 (the version the script and our
# ChineseSimplified.isl are checked against; see installer\README.md), from the repository root:
#     powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
# Output: dist\gxdesk-<version>-setup.exe and dist\gxdesk-<version>-windows-portable.zip
$ErrorActionPreference = "Stop"
$root = Resolve-Path "$PSScriptRoot\..\.."
Set-Location $root

python -m venv build-venv
& build-venv\Scripts\python.exe -m pip install --upgrade pip
& build-venv\Scripts\python.exe -m pip install . "pyinstaller>=6.10"
$version = & build-venv\Scripts\python.exe -c "import gxdesk; print(gxdesk.__version__)"

Remove-Item -Recurse -Force build, dist\gxdesk -ErrorAction SilentlyContinue
& build-venv\Scripts\python.exe -m PyInstaller --noconfirm --clean installer\gxdesk.spec
if (-not (Test-Path dist\gxdesk\gxdesk.exe)) { throw "PyInstaller did not produce dist\gxdesk\gxdesk.exe" }

# Smoke test before packaging: the command line checks a sample and writes a Word file.
& dist\gxdesk\gxdesk-cli.exe check resources\samples\qinghe-sthjj-2025.gxr
if ($LASTEXITCODE -ne 0) { throw "smoke test failed: gxdesk-cli check" }
& dist\gxdesk\gxdesk-cli.exe export resources\samples\qinghe-sthjj-2025.gxr --docx dist\smoke.docx
if ($LASTEXITCODE -ne 0) { throw "smoke test failed: gxdesk-cli export" }

# Inno Setup 6.4.1: installed (per user or for all users), or the npm package innosetup@6.4.1.
$iscc = @("$env:ProgramFiles(x86)\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
          "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe", "$root\node_modules\innosetup\bin\ISCC.exe") |
        Where-Object { Test-Path $_ } | Select-Object -First 1
if (-not $iscc) { throw "Inno Setup 6.4.1 (ISCC.exe) not found: see installer\README.md" }
& $iscc "/DAppVersion=$version" "/DSourceDir=$root\dist\gxdesk" installer\windows\gxdesk.iss

# Portable zip: the same folder plus a "portable" marker, so settings stay beside the program.
$portable = "dist\gxdesk-portable"
Remove-Item -Recurse -Force $portable -ErrorAction SilentlyContinue
Copy-Item -Recurse dist\gxdesk $portable
Set-Content -Path "$portable\portable" -Value "设置和恢复副本保存在本文件夹的 data 子文件夹中。"
Compress-Archive -Path "$portable\*" -DestinationPath "dist\gxdesk-$version-windows-portable.zip" -Force
Get-Item "dist\gxdesk-$version-setup.exe", "dist\gxdesk-$version-windows-portable.zip" | Format-Table Name, Length
