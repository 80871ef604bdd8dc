; Inno Setup script: a per-user install that needs no administrator rights.
; Built by installer\windows\build.ps1 (which passes /DAppVersion=… and /DSourceDir=…).
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\gxdesk"
#endif

[Setup]
AppId={{6F1C0C0E-4A57-4B7A-9C5E-5D7D4E0B6A21}
AppName=gxdesk 政府信息公开工作年度报告
AppVersion={#AppVersion}
AppPublisher=gxdesk
AppVerName=gxdesk {#AppVersion}
; Per-user: {autopf} is %LOCALAPPDATA%\Programs when installing without admin rights.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\gxdesk
DefaultGroupName=gxdesk
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=gxdesk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\gxdesk.ico
UninstallDisplayIcon={app}\gxdesk.exe
UninstallDisplayName=gxdesk 政府信息公开工作年度报告
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
CloseApplications=yes

[Languages]
; Our own Chinese messages: Inno Setup 6.4.1 (the compiler this script is pinned to) ships no
; ChineseSimplified.isl, so the translation lives beside this script.
Name: "chinesesimp"; MessagesFile: "ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "在桌面创建快捷方式"; GroupDescription: "快捷方式："

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\gxdesk 政府信息公开工作年度报告"; Filename: "{app}\gxdesk.exe"
Name: "{autodesktop}\gxdesk 政府信息公开工作年度报告"; Filename: "{app}\gxdesk.exe"; Tasks: desktopicon

[Registry]
; The .gxr file type, for this user only (HKCU); removed again by the uninstaller.
Root: HKCU; Subkey: "Software\Classes\.gxr"; ValueType: string; ValueName: ""; ValueData: "gxdesk.report"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\gxdesk.report"; ValueType: string; ValueName: ""; ValueData: "政府信息公开工作年度报告（gxdesk）"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\gxdesk.report\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\gxdesk.exe,0"
Root: HKCU; Subkey: "Software\Classes\gxdesk.report\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\gxdesk.exe"" ""%1"""

[Run]
Filename: "{app}\gxdesk.exe"; Description: "立即运行 gxdesk"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Settings and recovery copies live in %LOCALAPPDATA%\gxdesk; the author's .gxr files are never touched.
Type: filesandordirs; Name: "{localappdata}\gxdesk\gxdesk\recovery"
