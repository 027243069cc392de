; Installateur de Charte : par utilisateur, sans droits d'administrateur, en français.
;
; Compiled by installer/build.py, which passes the version from pyproject.toml:
;   makensis /DVERSION=0.1.0 /DVERSION_QUAD=0.1.0.0 /DBUNDLE_DIR=<dist\Charte>
;            /DOUTFILE=<dist\Charte-0.1.0-installation.exe> installer\charte.nsi
; Installs the PyInstaller bundle (dist\Charte) into %LOCALAPPDATA%\Programs\Charte, adds a
; Start-menu shortcut, an optional desktop shortcut and an Add/Remove programs entry under
; HKCU. The uninstaller keeps the officer's data (%LOCALAPPDATA%\Charte: the Charte file,
; its backups, the settings, see src/charte_desktop/paths.py) unless asked to remove it:
; the « Mes données » box, or silently `"Désinstaller Charte.exe" /S /REMOVEDATA`.
; `python installer/build.py wine` installs, upgrades and uninstalls it under Wine.
; This file is UTF-8 with a byte-order mark, so makensis reads its accents right.

; 64-bit, as the program it carries (PyInstaller builds it with a 64-bit Python). Only an
; NSIS without the 64-bit stubs (the official Windows build) gets /DTARGET=x86-unicode from
; installer/build.py, which then says so.
!ifndef TARGET
  !define TARGET amd64-unicode
!endif
Target ${TARGET}
ManifestDPIAware true
RequestExecutionLevel user
!ifdef UNCOMPRESSED  ; installer/build.py on Linux: a stand-in payload, only compiled
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif

!ifndef VERSION
  !error "Version manquante : compilez avec installer/build.py (ou /DVERSION=x.y.z)"
!endif
!ifndef VERSION_QUAD
  !error "Version Windows manquante : /DVERSION_QUAD=x.y.z.0 (installer/build.py la donne)"
!endif
!ifndef BUNDLE_DIR
  !error "Dossier du programme manquant : /DBUNDLE_DIR=...\dist\Charte"
!endif
!ifndef OUTFILE
  !define OUTFILE "Charte-${VERSION}-installation.exe"
!endif

!define APP_EXE "Charte.exe"
!define UNINSTALLER "Désinstaller Charte.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Charte"
; Where Charte keeps the officer's data: platformdirs' local (non-roaming) data folder.
!define DATA_DIR "$LOCALAPPDATA\Charte"
; Where Qt keeps the window's geometry and recent files (QSettings "Charte"/"Charte").
!define QT_SETTINGS_KEY "Software\Charte"

Name "Charte"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Charte"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "Charte ${VERSION}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "Sections.nsh"

!define MUI_ICON "..\resources\charte.ico"
!define MUI_UNICON "..\resources\charte.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_SMALLDESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Lancer Charte"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "French"

VIProductVersion "${VERSION_QUAD}"
VIFileVersion "${VERSION_QUAD}"
VIAddVersionKey /LANG=${LANG_FRENCH} "ProductName" "Charte"
VIAddVersionKey /LANG=${LANG_FRENCH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_FRENCH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_FRENCH} "FileDescription" "Installation de Charte ${VERSION}"
VIAddVersionKey /LANG=${LANG_FRENCH} "CompanyName" "Charte"
VIAddVersionKey /LANG=${LANG_FRENCH} "LegalCopyright" "Charte"

; A running Charte locks its files: ask the officer to close it instead of failing midway.
; (Opening the executable for writing fails while it runs.)
!macro WAIT_UNTIL_CHARTE_IS_CLOSED
  ${Do}
    ${IfNot} ${FileExists} "$INSTDIR\${APP_EXE}"
      ${Break}
    ${EndIf}
    ClearErrors
    FileOpen $0 "$INSTDIR\${APP_EXE}" a
    ${IfNot} ${Errors}
      FileClose $0
      ${Break}
    ${EndIf}
    ${If} ${Cmd} `MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "Charte est ouvert. Fermez toutes ses fenêtres (votre travail est enregistré), puis cliquez sur « Réessayer »." /SD IDCANCEL IDCANCEL`
      Abort
    ${EndIf}
  ${Loop}
!macroend

Section "Charte (obligatoire)" SecApp
  SectionIn RO
  !insertmacro WAIT_UNTIL_CHARTE_IS_CLOSED
  ; The files of a previous version go first, so that none of them lingers beside the new.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE_DIR}\*"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateShortcut "$SMPROGRAMS\Charte.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0 \
      SW_SHOWNORMAL "" "Piloter une charte ou un plan d'actions territorial"
  Delete "$DESKTOP\Charte.lnk"  ; recreated below only if still wanted

  ; Add/Remove programs (Paramètres › Applications), for this user only.
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "Charte"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Charte"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Raccourci sur le bureau" SecDesktop
  CreateShortcut "$DESKTOP\Charte.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0 \
      SW_SHOWNORMAL "" "Piloter une charte ou un plan d'actions territorial"
SectionEnd

Section "un.Charte (le programme)" SecUnApp
  SectionIn RO
  !insertmacro WAIT_UNTIL_CHARTE_IS_CLOSED
  Delete "$SMPROGRAMS\Charte.lnk"
  Delete "$DESKTOP\Charte.lnk"
  ; Only what the installer put there: the folder may have been chosen by hand.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd

; Unticked by default (and in a silent uninstall): the officer's record is kept.
Section /o "un.Mes données (fichier Charte, sauvegardes, réglages)" SecUnData
  RMDir /r "${DATA_DIR}"
  DeleteRegKey HKCU "${QT_SETTINGS_KEY}"
SectionEnd

; « Mes données » from the command line, for a silent uninstall by the IT department:
;   "Désinstaller Charte.exe" /S /REMOVEDATA   (README.md, « Fabriquer l'installateur »)
Function un.onInit
  ${un.GetParameters} $R0
  ClearErrors
  ${un.GetOptions} $R0 "/REMOVEDATA" $R1
  ${IfNot} ${Errors}
    SectionSetFlags ${SecUnData} ${SF_SELECTED}
  ${EndIf}
FunctionEnd

LangString DESC_SecApp ${LANG_FRENCH} "Le programme Charte et son raccourci dans le menu Démarrer."
LangString DESC_SecDesktop ${LANG_FRENCH} "Un raccourci vers Charte sur le bureau."
LangString DESC_SecUnApp ${LANG_FRENCH} "Le programme Charte et ses raccourcis."
LangString DESC_SecUnData ${LANG_FRENCH} "Supprime aussi votre fichier Charte, ses sauvegardes et vos réglages (${DATA_DIR}). Laissez décoché pour les garder : une nouvelle installation les retrouvera. Les fichiers enregistrés ailleurs et les documents exportés ne sont jamais touchés."

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecApp} $(DESC_SecApp)
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} $(DESC_SecDesktop)
!insertmacro MUI_FUNCTION_DESCRIPTION_END

!insertmacro MUI_UNFUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecUnApp} $(DESC_SecUnApp)
  !insertmacro MUI_DESCRIPTION_TEXT ${SecUnData} $(DESC_SecUnData)
!insertmacro MUI_UNFUNCTION_DESCRIPTION_END
