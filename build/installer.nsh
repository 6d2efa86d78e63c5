; 党支部工作台账 — additions to electron-builder's NSIS installer (nsis.include).
;
; Where things live on Windows:
;   program  %LOCALAPPDATA%\Programs\branch-ledger   (per user; installed and removed by this installer)
;   ledger   %APPDATA%\branch-ledger                  (ledger.sqlite, backups\, profile\ — written by the app)
; The ledger folder is never the program folder, and the uninstaller removes it only when the
; user says so, twice. Upgrades (the new installer runs the old uninstaller with --updated) and
; silent uninstalls (/S) always keep it.
;
; electron-builder includes this file in both the installer and the uninstaller build and
; compiles with warnings as errors: declare no variables and define no function a build leaves
; unused.

!include LogicLib.nsh

!define LEDGER_DIR_NAME "branch-ledger"
!define LEDGER_FILE_NAME "ledger.sqlite"

; Per user only: never the "for all users" choice, never a UAC prompt (nsis.perMachine false,
; nsis.allowElevation false). Clerks often have no administrator rights.
!macro customInstallMode
  StrCpy $isForceCurrentInstall "1"
!macroend

; Read by MUI when it inserts the directory page (installer only; unused defines cost nothing).
!define MUI_DIRECTORYPAGE_TEXT_TOP "程序将安装到下面的文件夹，只为当前用户安装，不需要管理员权限。$\r$\n$\r$\n台账数据不放在这里：它保存在 $APPDATA\${LEDGER_DIR_NAME}，升级或卸载程序都不会删除它。"

!ifndef BUILD_UNINSTALLER
  ; The directory page: refuse a folder that is, contains or will become a ledger folder, because
  ; uninstalling removes the program folder with everything in it. Abort keeps "下一步" disabled.
  Function .onVerifyInstDir
    Push $0
    Push $1
    ; The roaming folder itself: electron-builder appends \${APP_FILENAME} ("branch-ledger"),
    ; which is exactly the ledger folder.
    StrCmp $INSTDIR "$APPDATA" ledgerDirRejected
    ; The ledger folder or anything inside it (StrCmp ignores case, as Windows paths do).
    StrLen $1 "$APPDATA\${LEDGER_DIR_NAME}"
    StrCpy $0 $INSTDIR $1
    StrCmp $0 "$APPDATA\${LEDGER_DIR_NAME}" ledgerDirRejected
    ; A folder that already holds a ledger: an installed app's, a portable copy's, a hand-made one.
    IfFileExists "$INSTDIR\${LEDGER_FILE_NAME}" ledgerDirRejected
    IfFileExists "$INSTDIR\data\${LEDGER_FILE_NAME}" ledgerDirRejected
    IfFileExists "$INSTDIR\${APP_FILENAME}\${LEDGER_FILE_NAME}" ledgerDirRejected
    IfFileExists "$INSTDIR\${APP_FILENAME}\data\${LEDGER_FILE_NAME}" ledgerDirRejected
    Pop $1
    Pop $0
    Return
    ledgerDirRejected:
      Pop $1
      Pop $0
      Abort
  FunctionEnd
!endif

!macro customUnInstall
  ; 1. Never remove a program folder that holds a ledger (the default removal is RMDir /r).
  ${If} ${FileExists} "$INSTDIR\${LEDGER_FILE_NAME}"
  ${OrIf} ${FileExists} "$INSTDIR\data\${LEDGER_FILE_NAME}"
  ${OrIf} ${FileExists} "$INSTDIR\backups\*.*"
    MessageBox MB_OK|MB_ICONSTOP "程序文件夹中有台账数据：$\r$\n$INSTDIR$\r$\n$\r$\n为了不误删台账，卸载已停止，没有删除任何文件。请先把台账移到别的文件夹，再卸载。" /SD IDOK
    SetErrorLevel 2
    Abort "卸载已停止：程序文件夹中有台账数据。"
  ${EndIf}

  ; 2. The ledger folder: kept on upgrade and on silent uninstall; otherwise asked, keeping by default.
  ${IfNot} ${isUpdated}
  ${AndIf} ${FileExists} "$APPDATA\${LEDGER_DIR_NAME}\*.*"
    MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON1 "是否保留台账数据？$\r$\n$\r$\n台账和备份保存在：$\r$\n$APPDATA\${LEDGER_DIR_NAME}$\r$\n$\r$\n选“是”（推荐）：保留台账。以后重新安装本软件，台账和备份仍在，可以继续使用。$\r$\n选“否”：永久删除台账和全部备份。" /SD IDYES IDYES ledgerKept
    MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "确定要永久删除台账和全部备份吗？$\r$\n$\r$\n$APPDATA\${LEDGER_DIR_NAME}$\r$\n$\r$\n删除后无法恢复。如果不确定，请选“否”。" /SD IDNO IDNO ledgerKept
    RMDir /r "$APPDATA\${LEDGER_DIR_NAME}"
    ledgerKept:
  ${EndIf}
!macroend
