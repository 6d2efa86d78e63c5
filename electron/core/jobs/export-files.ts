import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve, sep } from 'node:path';
import { LedgerError } from '../errors.ts';

/**
 * The app's export folder. In the Electron window an export is also saved here, so the clerk can
 * open it in Word/WPS or see it in its folder. system.openPath opens only files this session wrote
 * here: the renderer can never make the shell open an arbitrary path (an .exe, a UNC share).
 */

/** Opens a file with the system's program, or shows it in its folder (Electron's shell, given by the shell). */
export type OpenFile = (path: string, reveal: boolean) => Promise<void>;

export interface ExportFolder {
  readonly dir: string;
  /** Writes the bytes under a name not yet taken ("…（2）.docx") and returns the full path. */
  save(fileName: string, bytes: Uint8Array): string;
  /** The real path of a file this session saved, or null for anything else. */
  ours(path: string): string | null;
}

function realOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

export function exportFolder(dir: string): ExportFolder {
  const written = new Set<string>();
  return {
    dir,
    save(fileName, bytes) {
      mkdirSync(dir, { recursive: true });
      // The name comes from a layout template: keep only its last segment.
      const safe = basename(fileName).replace(/[\\/:*?"<>|]/g, '_') || 'export';
      const ext = extname(safe);
      const stem = safe.slice(0, safe.length - ext.length);
      let path = join(dir, safe);
      for (let n = 2; existsSync(path); n += 1) path = join(dir, `${stem}（${n}）${ext}`);
      writeFileSync(path, bytes, { flag: 'wx' });
      const real = realOrNull(path);
      if (real) written.add(real);
      return path;
    },
    ours(path) {
      if (typeof path !== 'string' || path.includes('\0')) return null;
      const real = realOrNull(resolve(path));
      const root = realOrNull(dir);
      if (!real || !root || !real.startsWith(root + sep)) return null;
      return written.has(real) ? real : null;
    },
  };
}

/** system.openPath: refuses, with a message for the clerk, anything the app did not just export. */
export async function openExportedFile(
  folder: ExportFolder,
  open: OpenFile | undefined,
  input: { path: string; reveal?: boolean },
): Promise<{ opened: boolean }> {
  if (!open) {
    throw new LedgerError('CONFLICT', '浏览器模式下不能直接打开文件，请在浏览器的下载列表中打开。');
  }
  const path = folder.ours(input.path);
  if (!path) {
    throw new LedgerError('NOT_FOUND', '只能打开本程序刚导出的文件；该文件不存在或已被移动。', [
      { field: '文件', message: input.path },
    ]);
  }
  await open(path, input.reveal === true);
  return { opened: true };
}
