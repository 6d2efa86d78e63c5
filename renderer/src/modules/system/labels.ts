import type { BackupEntry } from '../../../../electron/api/index.ts';

export const BACKUP_REASONS: Record<BackupEntry['reason'], string> = {
  daily: '每日自动',
  'pre-migration': '迁移前',
  'pre-import': '导入前',
  'pre-restore': '恢复前',
  manual: '手动',
};
