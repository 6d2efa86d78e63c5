import { FileDoneOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Modal, Progress, Space, Typography } from 'antd';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { call, inDesktopApp, newJobId, onProgress, toApiError } from '../api/client.ts';
import { useReportError } from './ApiErrorView.tsx';
import { downloadBase64 } from './download.ts';

/**
 * A long export with a progress dialog: the phase in words, a bar, and 取消. In the Electron window
 * the file is also saved in the app's export folder, and the dialog then offers 打开文件 and
 * 打开所在文件夹 (or opens it straight away when the clerk chose 导出后自动打开). In browser mode the
 * file arrives as a download, as before.
 */

const AUTO_OPEN_KEY = 'ledger.autoOpenExports';

function readAutoOpen(): boolean {
  try {
    return localStorage.getItem(AUTO_OPEN_KEY) === '1';
  } catch {
    return false;
  }
}

function writeAutoOpen(value: boolean): void {
  try {
    localStorage.setItem(AUTO_OPEN_KEY, value ? '1' : '0');
  } catch {
    // A browser that refuses storage simply forgets the choice.
  }
}

export interface ExportedFileLike {
  fileName: string;
  dataBase64: string;
  savedPath?: string;
}

export interface ExportJobSpec<T extends ExportedFileLike> {
  /** The dialog's title, e.g. 导出年度台账. */
  title: string;
  mime: string;
  start: (job: { jobId: string; keepFile: boolean }) => Promise<T>;
  /** The success message, e.g. 已导出“…”（112 页）. */
  describe: (file: T) => string;
  warnings?: (file: T) => string[];
}

type State =
  | { phase: 'idle' }
  | { phase: 'running'; title: string; jobId: string; percent: number; message: string; cancelling: boolean }
  | { phase: 'done'; title: string; fileName: string; savedPath: string; summary: string };

export function useExportJob(): {
  run: <T extends ExportedFileLike>(spec: ExportJobSpec<T>) => Promise<void>;
  busy: boolean;
  dialog: ReactNode;
} {
  const { message } = App.useApp();
  const reportError = useReportError();
  const [state, setState] = useState<State>({ phase: 'idle' });
  const [autoOpen, setAutoOpen] = useState(readAutoOpen);
  const unsubscribe = useRef<(() => void) | null>(null);

  useEffect(() => () => unsubscribe.current?.(), []);

  const open = useCallback(
    async (path: string, reveal: boolean) => {
      try {
        await call('system.openPath', { path, reveal });
      } catch (caught) {
        reportError(caught);
      }
    },
    [reportError],
  );

  const run = useCallback(
    async <T extends ExportedFileLike>(spec: ExportJobSpec<T>) => {
      const jobId = newJobId();
      const keepFile = inDesktopApp();
      setState({ phase: 'running', title: spec.title, jobId, percent: 0, message: '正在准备…', cancelling: false });
      unsubscribe.current?.();
      unsubscribe.current = onProgress((event) => {
        if (event.jobId !== jobId) return;
        const percent = event.total > 0 ? Math.min(99, Math.round((event.done / event.total) * 100)) : 0;
        setState((s) =>
          s.phase === 'running' && s.jobId === jobId && !s.cancelling ? { ...s, percent, message: event.message } : s,
        );
      });
      try {
        const file = await spec.start({ jobId, keepFile });
        const summary = spec.describe(file);
        for (const warning of spec.warnings?.(file) ?? []) message.warning(warning);
        if (file.savedPath) {
          if (readAutoOpen()) {
            setState({ phase: 'idle' });
            message.success(`${summary}，正在用系统程序打开`);
            await open(file.savedPath, false);
          } else {
            setState({
              phase: 'done',
              title: spec.title,
              fileName: file.fileName,
              savedPath: file.savedPath,
              summary,
            });
          }
        } else {
          downloadBase64(file.fileName, file.dataBase64, spec.mime);
          setState({ phase: 'idle' });
          message.success(summary);
        }
      } catch (caught) {
        setState({ phase: 'idle' });
        const error = toApiError(caught);
        if (error.code === 'CANCELLED') message.info('已取消导出，没有生成文件。');
        else reportError(error);
      } finally {
        unsubscribe.current?.();
        unsubscribe.current = null;
      }
    },
    [message, open, reportError],
  );

  const cancel = async () => {
    if (state.phase !== 'running') return;
    setState({ ...state, cancelling: true, message: '正在取消…' });
    try {
      await call('export.cancel', { jobId: state.jobId });
    } catch (caught) {
      reportError(caught);
    }
  };

  const close = () => setState({ phase: 'idle' });
  const autoOpenBox = inDesktopApp() ? (
    <Checkbox
      checked={autoOpen}
      onChange={(e) => {
        setAutoOpen(e.target.checked);
        writeAutoOpen(e.target.checked);
      }}
    >
      导出后自动打开
    </Checkbox>
  ) : null;

  const dialog = (
    <Modal
      open={state.phase !== 'idle'}
      title={state.phase === 'idle' ? '' : state.title}
      closable={state.phase === 'done'}
      mask={{ closable: false }}
      keyboard={state.phase === 'done'}
      onCancel={close}
      destroyOnHidden
      footer={
        state.phase === 'running' ? (
          <Button onClick={cancel} disabled={state.cancelling}>
            取消
          </Button>
        ) : state.phase === 'done' ? (
          <Space>
            <Button icon={<FolderOpenOutlined />} onClick={() => open(state.savedPath, true)}>
              打开所在文件夹
            </Button>
            <Button type="primary" icon={<FileDoneOutlined />} onClick={() => open(state.savedPath, false)}>
              打开文件
            </Button>
            <Button onClick={close}>关闭</Button>
          </Space>
        ) : null
      }
    >
      {state.phase === 'running' ? (
        <div className="export-progress" role="status" aria-live="polite">
          <Progress percent={state.percent} status={state.cancelling ? 'exception' : 'active'} />
          <Typography.Text type="secondary">{state.message}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            导出在后台进行，期间可以继续浏览台账。
          </Typography.Paragraph>
        </div>
      ) : state.phase === 'done' ? (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Typography.Text>{state.summary}</Typography.Text>
          <Typography.Text type="secondary" copyable={{ text: state.savedPath }}>
            已保存到：{state.savedPath}
          </Typography.Text>
          {autoOpenBox}
        </Space>
      ) : null}
    </Modal>
  );

  return { run, busy: state.phase === 'running', dialog };
}
