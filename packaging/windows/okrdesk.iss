; Inno Setup script: installs okrdesk's Windows bundle (dist\okrdesk from packaging\build.py,
; built on Windows) with a Start-menu entry, and registers .okrdesk files to open with it.
; Builds from the same spec as the Linux bundle; not yet tested here (no Windows machine).
;
;   python packaging\build.py
;   iscc /DAppVersion=0.1.0 packaging\windows\okrdesk.iss
;
; The installer lands in dist\okrdesk-<version>-windows-setup.exe. It installs for the current
; user by default (no administrator needed on a meeting-room laptop); the dialog offers all
; users.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "okrdesk"
#define AppExe "okrdesk.exe"
#define ProgId "okrdesk.plan"

[Setup]
AppId={{6F1C2A4E-8B0D-4C55-9E2A-0D3B7A5C9E14}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=okrdesk
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SourceDir=..\..
OutputDir=dist
OutputBaseFilename=okrdesk-{#AppVersion}-windows-setup
SetupIconFile=build\icons\okrdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; Tell Explorer about the new file association when done.
ChangesAssociations=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "dist\okrdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .okrdesk -> okrdesk.plan -> "okrdesk.exe" "%1" (HKA: the current user's or all users' classes,
; whichever the install is for).
Root: HKA; Subkey: "Software\Classes\.okrdesk"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.okrdesk\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "okrdesk plan"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".okrdesk"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
