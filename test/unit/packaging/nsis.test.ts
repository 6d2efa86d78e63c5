// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${…} here is NSIS and GitHub Actions syntax, not JavaScript templates.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_DIR_NAME, LEDGER_FILE_NAME } from '../../../electron/core/paths.ts';
import { INSTALLER_CONFIG, ROOT, rawConfig, requireFromBuilder } from './helpers.ts';

/**
 * build/installer.nsh, the part of the Windows installer that decides about the ledger. NSIS
 * cannot run here, so the script is read as text: its macros, and — for the uninstaller's
 * question — every path through the two dialogs, walked statement by statement.
 */

const SCRIPT = readFileSync(path.join(ROOT, 'build', 'installer.nsh'), 'utf8');

/** The script without comments, as lines. */
const LINES = SCRIPT.split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith(';') && !line.startsWith('#'));

function macro(name: string): string[] {
  const start = LINES.indexOf(`!macro ${name}`);
  expect(start, `!macro ${name}`).toBeGreaterThanOrEqual(0);
  const end = LINES.indexOf('!macroend', start);
  return LINES.slice(start + 1, end);
}

function define(name: string): string | undefined {
  return new RegExp(`^!define ${name} "([^"]*)"$`, 'm').exec(SCRIPT)?.[1];
}

/** The statements between `${IfNot} ${isUpdated}` and its `${EndIf}`. */
function blockUnlessUpdated(body: string[]): string[] {
  const start = body.findIndex((line) => /^\$\{IfNot\} \$\{isUpdated\}$/.test(line));
  expect(start, '${IfNot} ${isUpdated}').toBeGreaterThanOrEqual(0);
  let depth = 0;
  for (let i = start; i < body.length; i++) {
    const line = body[i] ?? '';
    if (/^\$\{(If|IfNot)\}/.test(line)) depth++;
    if (/^\$\{EndIf\}/.test(line)) depth--;
    if (depth === 0) return body.slice(start + 1, i);
  }
  throw new Error('unterminated ${IfNot} ${isUpdated}');
}

type Answer = 'IDYES' | 'IDNO';
interface Dialog {
  kind: 'dialog';
  defaultButton: Answer;
  silentAnswer: Answer;
  jumps: Map<Answer, string>;
}
type Statement = Dialog | { kind: 'delete'; target: string } | { kind: 'label'; name: string } | { kind: 'other' };

function parse(line: string): Statement {
  if (line.startsWith('MessageBox ')) {
    const flags = line.split(' ')[1] ?? '';
    const tail = line
      .slice(line.lastIndexOf('"') + 1)
      .trim()
      .split(/\s+/);
    const silent = tail.indexOf('/SD');
    const jumps = new Map<Answer, string>();
    for (let i = silent + 2; i + 1 < tail.length; i += 2) jumps.set(tail[i] as Answer, tail[i + 1] ?? '');
    return {
      kind: 'dialog',
      // MB_YESNO: button 1 is 是 (IDYES), button 2 is 否 (IDNO).
      defaultButton: flags.includes('MB_DEFBUTTON2') ? 'IDNO' : 'IDYES',
      silentAnswer: tail[silent + 1] as Answer,
      jumps,
    };
  }
  if (/^(RMDir|Delete)\b/.test(line)) return { kind: 'delete', target: line };
  const label = /^(\w+):$/.exec(line);
  if (label) return { kind: 'label', name: label[1] ?? '' };
  return { kind: 'other' };
}

/** Runs the statements with the given answers; returns what was deleted. */
function run(statements: Statement[], answer: (dialog: Dialog, index: number) => Answer): string[] {
  const deleted: string[] = [];
  let dialogs = 0;
  for (let pc = 0; pc < statements.length; pc++) {
    const statement = statements[pc];
    if (statement?.kind === 'delete') deleted.push(statement.target);
    if (statement?.kind === 'dialog') {
      const target = statement.jumps.get(answer(statement, dialogs++));
      if (target !== undefined) {
        pc = statements.findIndex((s) => s.kind === 'label' && s.name === target);
        expect(pc, `label ${target}`).toBeGreaterThan(0);
      }
    }
  }
  return deleted;
}

describe('the NSIS include', () => {
  it('is the one the configuration includes, and names the ledger folder and file as the app does', () => {
    expect(rawConfig(INSTALLER_CONFIG).nsis?.include).toBe('build/installer.nsh');
    expect(define('LEDGER_DIR_NAME')).toBe(APP_DIR_NAME);
    expect(define('LEDGER_FILE_NAME')).toBe(LEDGER_FILE_NAME);
  });

  it('forces the per-user install mode (no choice of all users, no elevation)', () => {
    expect(macro('customInstallMode')).toEqual(['StrCpy $isForceCurrentInstall "1"']);
    expect(SCRIPT).not.toMatch(/isForceMachineInstall\s+"1"|SetShellVarContext\s+all|UAC_RunElevated/);
  });

  it('never offers the ledger folder, or a folder holding a ledger, as the program folder', () => {
    const start = LINES.indexOf('Function .onVerifyInstDir');
    const body = LINES.slice(start, LINES.indexOf('FunctionEnd', start));
    expect(body).toContain('StrCmp $INSTDIR "$APPDATA" ledgerDirRejected');
    expect(body).toContain('StrCmp $0 "$APPDATA\\${LEDGER_DIR_NAME}" ledgerDirRejected');
    expect(body).toContain('IfFileExists "$INSTDIR\\${LEDGER_FILE_NAME}" ledgerDirRejected');
    expect(body).toContain('IfFileExists "$INSTDIR\\data\\${LEDGER_FILE_NAME}" ledgerDirRejected');
    expect(body.slice(body.indexOf('ledgerDirRejected:'))).toContain('Abort');
    // Only the installer has a directory page; the uninstaller build must not define the callback.
    expect(LINES[start - 1]).toBe('!ifndef BUILD_UNINSTALLER');
  });

  it('stops the uninstaller rather than delete a program folder that holds a ledger', () => {
    const body = macro('customUnInstall');
    const guard = body.slice(0, body.findIndex((line) => line.startsWith('${EndIf}')) + 1);
    expect(guard[0]).toBe('${If} ${FileExists} "$INSTDIR\\${LEDGER_FILE_NAME}"');
    expect(guard).toContain('${OrIf} ${FileExists} "$INSTDIR\\data\\${LEDGER_FILE_NAME}"');
    expect(guard.some((line) => line.startsWith('Abort'))).toBe(true);
    expect(guard.some((line) => /^(RMDir|Delete)\b/.test(line))).toBe(false);
  });

  it('deletes nothing but the ledger folder, and only inside the not-an-upgrade block', () => {
    const deletions = LINES.filter((line) => /^(RMDir|Delete)\b/.test(line));
    expect(deletions).toEqual(['RMDir /r "$APPDATA\\${LEDGER_DIR_NAME}"']);
    expect(blockUnlessUpdated(macro('customUnInstall'))).toContain(deletions[0]);
  });

  it('removes the ledger only when the user answers 否 and then confirms 是; defaults and silent runs keep it', () => {
    const statements = blockUnlessUpdated(macro('customUnInstall')).map(parse);
    const dialogs = statements.filter((s): s is Dialog => s.kind === 'dialog');
    expect(dialogs).toHaveLength(2);
    const outcomes = new Map<string, string[]>();
    for (const first of ['IDYES', 'IDNO'] as const) {
      for (const second of ['IDYES', 'IDNO'] as const) {
        outcomes.set(
          `${first}/${second}`,
          run(statements, (_d, i) => (i === 0 ? first : second)),
        );
      }
    }
    expect(outcomes.get('IDNO/IDYES')).toEqual(['RMDir /r "$APPDATA\\${LEDGER_DIR_NAME}"']);
    for (const kept of ['IDYES/IDYES', 'IDYES/IDNO', 'IDNO/IDNO']) expect(outcomes.get(kept), kept).toEqual([]);
    expect(
      run(statements, (dialog) => dialog.defaultButton),
      'pressing Enter twice',
    ).toEqual([]);
    expect(
      run(statements, (dialog) => dialog.silentAnswer),
      'uninstall /S',
    ).toEqual([]);
  });

  it('asks in Chinese and says where the ledger is', () => {
    const body = macro('customUnInstall').join('\n');
    expect(body).toContain('是否保留台账数据？');
    expect(body).toContain('$APPDATA\\${LEDGER_DIR_NAME}');
    expect(body).toContain('确定要永久删除台账和全部备份吗？');
  });
});

describe('electron-builder’s own uninstaller', () => {
  it('touches %APPDATA% (where branch-ledger, the package name, is the ledger folder) only when asked to delete app data', () => {
    const template = readFileSync(requireFromBuilder.resolve('./templates/nsis/uninstaller.nsh'), 'utf8').split('\n');
    const deletions = template
      .map((line, i) => [line.trim(), i] as const)
      .filter(([line]) => /RMDir \/r "\$APPDATA/.test(line));
    expect(deletions.length).toBeGreaterThan(0);
    const guard = template.findIndex((line) => line.includes('${if} $isDeleteAppData == "1"'));
    const end = template.findIndex(
      (line, i) => i > guard && line.trim() === '${endif}' && /^\s{2}\$\{endif\}/.test(line),
    );
    for (const [, at] of deletions) {
      expect(at).toBeGreaterThan(guard);
      expect(at).toBeLessThan(end);
    }
    // … which needs `--delete-app-data` on the command line or this option, and never on upgrade.
    expect(rawConfig(INSTALLER_CONFIG).nsis?.deleteAppDataOnUninstall).toBe(false);
  });
});
