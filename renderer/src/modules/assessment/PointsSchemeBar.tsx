import { RollbackOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Tag, Upload } from 'antd';
import type { PointsSchemeInfo } from '../../../../electron/api/index.ts';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { useReportError } from '../../components/ApiErrorView.tsx';

/**
 * The 党员积分办法 in force, with 导入 (a JSON file, confirmed before it replaces the rules) and 恢复示例办法.
 * Points are computed on reading, so after either the page reloads its standings (`onChanged`).
 */
export function PointsSchemeBar({ onChanged }: { onChanged: () => void }) {
  const { message, modal } = App.useApp();
  const report = useReportError();
  const query = useQuery('points.scheme', {});
  const scheme = query.data;

  const done = (info: PointsSchemeInfo, text: string) => {
    query.reload();
    onChanged();
    message.success(`${text}“${info.name}”，本年度积分已按其重新计算`);
  };

  const choose = async (file: File) => {
    const content = await file.text();
    modal.confirm({
      title: `导入党员积分办法“${file.name}”？`,
      content: '导入后，各年度党员积分按这份办法重新计算；手工登记的积分保留，办法中没有的积分项计 0 分并注明原因。',
      okText: '导入',
      cancelText: '取消',
      onOk: async () => {
        try {
          done(await call('points.importRules', { fileName: file.name, content }), '已导入积分办法');
        } catch (caught) {
          report(caught);
        }
      },
    });
  };

  const reset = async () => {
    try {
      done(await call('points.resetRules', {}), '已恢复示例积分办法');
    } catch (caught) {
      report(caught);
    }
  };

  if (!scheme) return null;
  return (
    <div className="pt-scheme" data-testid="points-scheme">
      <span className="muted">积分办法：</span>
      <span>{scheme.name}</span>
      {scheme.example ? (
        <Tag color="warning" variant="outlined">
          示例
        </Tag>
      ) : (
        <Tag color="success">本单位办法</Tag>
      )}
      <Upload
        accept=".json,application/json"
        showUploadList={false}
        beforeUpload={(file) => {
          void choose(file);
          return false;
        }}
      >
        <Button size="small" type="link" icon={<UploadOutlined />}>
          导入积分办法（.json）
        </Button>
      </Upload>
      {scheme.origin.kind === 'imported' ? (
        <Popconfirm
          title="恢复示例积分办法？"
          description="各年度党员积分将按随软件提供的示例办法重新计算。"
          okText="恢复"
          cancelText="取消"
          onConfirm={reset}
        >
          <Button size="small" type="link" icon={<RollbackOutlined />}>
            恢复示例办法
          </Button>
        </Popconfirm>
      ) : null}
    </div>
  );
}
