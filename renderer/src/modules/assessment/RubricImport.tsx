import { Alert, Button, Descriptions, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import type { RubricInfo, RubricPreview } from '../../../../electron/api/index.ts';
import { type ApiError, call, toApiError } from '../../api/client.ts';
import { ApiErrorAlert } from '../../components/ApiErrorView.tsx';
import { pts, TierTag } from './shared.tsx';

export interface RubricFile {
  fileName: string;
  content: string;
}

/** Tiers, categories and vetoes of a rubric in a few lines: what the committee checks before importing. */
function RubricOutline({ rubric }: { rubric: RubricInfo }) {
  return (
    <>
      <Descriptions
        size="small"
        column={2}
        bordered
        items={[
          { key: 'name', label: '名称', children: rubric.name, span: 2 },
          { key: 'issuer', label: '发布单位', children: rubric.issuer, span: 2 },
          { key: 'version', label: '版本', children: rubric.version },
          {
            key: 'total',
            label: '总分',
            children: `${pts(rubric.total)} 分（${rubric.categories.length} 类 ${rubric.items.length} 项）`,
          },
        ]}
      />
      <Table
        size="small"
        className="rb-preview-table"
        pagination={false}
        rowKey="id"
        dataSource={rubric.categories}
        columns={[
          { title: '类别', dataIndex: 'name' },
          { title: '分值', dataIndex: 'points', width: 80, align: 'right', render: (v: number) => pts(v) },
          { title: '评分项', dataIndex: 'itemCount', width: 80, align: 'right', render: (v: number) => `${v} 项` },
        ]}
      />
      <div className="rb-preview-line">
        <span className="rb-preview-label">等级分数线：</span>
        {rubric.tiers.map((t) => (
          <span key={t.tier} className="rb-preview-tier">
            <TierTag tier={t.tier} /> ≥ {pts(t.minScore)} 分
          </span>
        ))}
      </div>
      <div className="rb-preview-line">
        <span className="rb-preview-label">一票否决项：</span>
        {rubric.vetoes.length === 0 ? <span className="muted">无</span> : null}
        <ul className="rb-preview-vetoes">
          {rubric.vetoes.map((v) => (
            <li key={v.id}>
              {v.id} {v.title} <span className="muted">→ {v.effectText}</span>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}

/**
 * The preview of a chosen rubric file: every problem listed by place, or what the file holds and what
 * importing it will do (drafts re-scored, published results kept), with 确认导入.
 */
export function RubricImportModal({
  file,
  preview,
  onClose,
  onImported,
}: {
  file: RubricFile | null;
  preview: RubricPreview | null;
  onClose: () => void;
  onImported: (rubric: RubricInfo) => void;
}) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const ok = preview?.rubric && preview.problems.length === 0;

  const confirm = async () => {
    if (!file) return;
    setSaving(true);
    setError(null);
    try {
      onImported(await call('assessment.importRubric', file));
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={preview !== null}
      width={720}
      title={`导入考核细则：${preview?.fileName ?? ''}`}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {ok ? '取消' : '关闭'}
        </Button>,
        ok ? (
          <Button key="ok" type="primary" loading={saving} onClick={() => void confirm()}>
            确认导入
          </Button>
        ) : null,
      ]}
    >
      <div data-testid="rubric-preview">
        <ApiErrorAlert error={error} />
        {preview && !ok ? (
          <Alert
            type="error"
            showIcon
            title={`文件中有 ${preview.problems.length} 处问题，未导入。请改正后重新选择文件。`}
            description={
              <ul className="rb-problems" data-testid="rubric-problems">
                {preview.problems.map((p) => (
                  <li key={`${p.place}-${p.message}`}>
                    <strong>{p.place}</strong>：{p.message}
                  </li>
                ))}
              </ul>
            }
          />
        ) : null}
        {preview?.rubric && ok ? (
          <>
            <RubricOutline rubric={preview.rubric} />
            {preview.rubric.example ? (
              <Tag color="warning" variant="outlined">
                这是一份示例细则
              </Tag>
            ) : null}
            <Alert
              type="info"
              showIcon
              className="rb-impact"
              title="确认导入后，本台账的考核按这份细则评分"
              description={
                <>
                  {preview.impact.drafts}{' '}
                  个未公示的考核将按新细则重新计分（原细则中有、新细则中没有的评分项保留在记录中，
                  标为“不在当前细则”，不计分；超过新满分的人工评分须重新评定）；{preview.impact.published}{' '}
                  个已公示的考核结果保持不变。
                </>
              }
            />
          </>
        ) : null}
      </div>
    </Modal>
  );
}
