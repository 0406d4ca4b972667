; Inno Setup 6 script of the Cadre Desk installer, run by build.ps1:
;   iscc /DAppVersion=0.1.0 /DSourceDir=...\dist\windows\cadre-desk /O...\dist cadre-desk.iss
; Not tried on Windows yet (see the README).
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\windows\cadre-desk"
#endif

[Setup]
AppId={{6F1C2B8E-2E55-4B7A-9A7E-CADREDESK001}
AppName=干部成长档案台 Cadre Desk
AppVersion={#AppVersion}
AppPublisher=Cadre Desk
DefaultDirName={autopf}\CadreDesk
DefaultGroupName=干部成长档案台
UninstallDisplayIcon={app}\cadre-desk.exe
OutputBaseFilename=CadreDesk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\cadre-desk.ico
Compression=lzma2/normal
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
WizardStyle=modern

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\干部成长档案台"; Filename: "{app}\cadre-desk.exe"
Name: "{autodesktop}\干部成长档案台"; Filename: "{app}\cadre-desk.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Registry]
; .lrmx / .lrm appointment forms open in Cadre Desk (`cadre-desk.exe open FILE`)
Root: HKA; Subkey: "Software\Classes\.lrmx"; ValueType: string; ValueName: ""; ValueData: "CadreDesk.lrmx"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.lrm"; ValueType: string; ValueName: ""; ValueData: "CadreDesk.lrmx"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\CadreDesk.lrmx"; ValueType: string; ValueName: ""; ValueData: "干部任免审批表"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\CadreDesk.lrmx\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\cadre-desk.exe,0"
Root: HKA; Subkey: "Software\Classes\CadreDesk.lrmx\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\cadre-desk.exe"" open ""%1"""

[Run]
Filename: "{app}\cadre-desk.exe"; Description: "{cm:LaunchProgram,干部成长档案台}"; Flags: nowait postinstall skipifsilent
