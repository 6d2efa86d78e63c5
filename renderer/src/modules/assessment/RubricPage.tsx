import { RollbackOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Popconfirm, Skeleton, Space, Table, Tag, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { RubricInfo, RubricItemInfo, RubricPreview } from '../../../../electron/api/index.ts';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { ApiErrorAlert, useReportError } from '../../components/ApiErrorView.tsx';
import { CommitteeShell } from './CommitteeAssessmentPage.tsx';
import { type RubricFile, RubricImportModal } from './RubricImport.tsx';
import { pts, TierTag } from './shared.tsx';
import './assessment.css';
import './committee.css';

const SCORING_NAMES: Record<RubricItemInfo['scoring'], string> = {
  deduct: '按次扣分',
  bonus: '加分',
  threshold: '达标',
  tiered: '分档',
};

function originText(rubric: RubricInfo): string {
  if (rubric.origin.kind === 'shipped') return '随软件提供的示例细则';
  const at = rubric.origin.importedAt ? dayjs(rubric.origin.importedAt).format('YYYY-MM-DD HH:mm') : '';
  return `导入自 ${rubric.origin.fileName ?? '文件'}${at ? `（${at}）` : ''}`;
}

function ItemsTable({ items }: { items: RubricItemInfo[] }) {
  return (
    <Table<RubricItemInfo>
      size="small"
      pagination={false}
      rowKey="id"
      dataSource={items}
      columns={[
        { title: '编号', dataIndex: 'id', width: 64 },
        { title: '评分项', dataIndex: 'title', width: 220 },
        { title: '分值', dataIndex: 'maxPoints', width: 64, align: 'right', render: (v: number) => pts(v) },
        {
          title: '评分方式',
          key: 'mode',
          width: 170,
          render: (_, item) => (
            <div>
              <Tag color={item.mode === 'auto' ? 'blue' : 'purple'} variant="outlined">
                {item.mode === 'auto' ? '自动' : '人工'}
              </Tag>
              <span className="muted small">{SCORING_NAMES[item.scoring]}</span>
              {item.metricLabel ? <div className="muted small">依据：{item.metricLabel}</div> : null}
            </div>
          ),
        },
        { title: '计分方法', dataIndex: 'scoringText', width: 200 },
        { title: '评分标准', dataIndex: 'criteria' },
      ]}
    />
  );
}

/**
 * 考核细则: the rubric in force — categories and items with points and how each is scored, the tiers and
 * the vetoes — with 导入本单位考核细则 (previewed, problems listed by item, then confirmed) and 恢复示例细则.
 */
export function RubricPage() {
  const { message } = App.useApp();
  const report = useReportError();
  const query = useQuery('assessment.rubric', {});
  const [fresh, setFresh] = useState<{ base: RubricInfo | undefined; rubric: RubricInfo } | null>(null);
  const rubric = (fresh?.base === query.data ? fresh?.rubric : undefined) ?? query.data;
  const [file, setFile] = useState<RubricFile | null>(null);
  const [preview, setPreview] = useState<RubricPreview | null>(null);
  const [reading, setReading] = useState(false);

  const choose = async (chosen: File) => {
    setReading(true);
    try {
      const picked = { fileName: chosen.name, content: await chosen.text() };
      setFile(picked);
      setPreview(await call('assessment.previewRubric', picked));
    } catch (caught) {
      report(caught);
    } finally {
      setReading(false);
    }
  };

  const reset = async () => {
    try {
      setFresh({ base: query.data, rubric: await call('assessment.resetRubric', {}) });
      message.success('已恢复示例考核细则，未公示的考核已按示例细则重新计分');
    } catch (caught) {
      report(caught);
    }
  };

  const categories = rubric?.categories.map((c) => ({
    ...c,
    items: rubric.items.filter((i) => i.category === c.name),
  }));

  return (
    <div className="page as-page rb-page">
      <div className="page-heading">
        <Typography.Title level={4} style={{ margin: 0 }}>
          考核细则
        </Typography.Title>
        <Space>
          <Upload
            accept=".json,application/json"
            showUploadList={false}
            maxCount={1}
            beforeUpload={(chosen) => {
              void choose(chosen);
              return false;
            }}
          >
            <Button type="primary" icon={<UploadOutlined />} loading={reading}>
              导入本单位考核细则（.json）
            </Button>
          </Upload>
          <Popconfirm
            title="恢复示例细则？"
            description="本台账将改用随软件提供的示例细则评分：未公示的考核重新计分，已公示的结果不变。"
            okText="恢复"
            cancelText="取消"
            onConfirm={reset}
            disabled={rubric?.origin.kind !== 'imported'}
          >
            <Button icon={<RollbackOutlined />} disabled={rubric?.origin.kind !== 'imported'}>
              恢复示例细则
            </Button>
          </Popconfirm>
        </Space>
      </div>
      <ApiErrorAlert error={query.error} onRetry={query.reload} />
      {!rubric ? (
        query.error ? null : (
          <Skeleton active paragraph={{ rows: 10 }} />
        )
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card size="small" data-testid="rubric-current">
            <div className="rb-title">
              <strong>{rubric.name}</strong>
              {rubric.example ? (
                <Tag color="warning" variant="outlined" data-testid="rubric-example-tag">
                  示例
                </Tag>
              ) : (
                <Tag color="success">本单位细则</Tag>
              )}
            </div>
            <div className="rb-meta muted">
              {rubric.issuer} · {rubric.version} 版 · 总分 {pts(rubric.total)} 分 · {rubric.categories.length} 类{' '}
              {rubric.items.length} 项 · {originText(rubric)}
            </div>
            {rubric.example ? (
              <div className="rb-note">
                这是据公开细则整理的示例，不是任何党组织发布的正式细则。请导入上级党委印发的本单位考核细则；细则文件为
                JSON 格式，可在本示例的基础上修改分值、评分项、否决项和等级分数线。
              </div>
            ) : rubric.note ? (
              <div className="rb-note">{rubric.note}</div>
            ) : null}
          </Card>
          <div className="rb-grid">
            <Card size="small" title="等级与分数线">
              <ul className="rb-list" data-testid="rubric-tiers">
                {rubric.tiers.map((t) => (
                  <li key={t.tier}>
                    <TierTag tier={t.tier} /> 总分不低于 <strong>{pts(t.minScore)}</strong> 分
                    {(rubric.tierConditions.find((c) => c.tier === t.tier)?.conditions ?? []).map((c) => (
                      <div key={c} className="muted small rb-condition">
                        {c}
                      </div>
                    ))}
                  </li>
                ))}
              </ul>
            </Card>
            <Card size="small" title="一票否决项">
              {rubric.vetoes.length === 0 ? <Empty description="本细则未设否决项" /> : null}
              <ul className="rb-list" data-testid="rubric-vetoes">
                {rubric.vetoes.map((v) => (
                  <li key={v.id}>
                    <span className="as-item-id">{v.id}</span> {v.title}
                    <div className="rb-veto-effect">{v.effectText}</div>
                  </li>
                ))}
              </ul>
            </Card>
          </div>
          {categories?.map((c) => (
            <Card
              key={c.id}
              size="small"
              title={`${c.name}（${pts(c.points)} 分，${c.itemCount} 项）`}
              data-testid={`rubric-category-${c.id}`}
            >
              <ItemsTable items={c.items} />
            </Card>
          ))}
        </Space>
      )}
      <RubricImportModal
        file={file}
        preview={preview}
        onClose={() => setPreview(null)}
        onImported={(imported) => {
          setFresh({ base: query.data, rubric: imported });
          setPreview(null);
          message.success(`已导入考核细则“${imported.name}”，未公示的考核已按新细则重新计分`);
        }}
      />
    </div>
  );
}

/** Route: #/committee/rubric. */
export function RubricScreen() {
  return (
    <CommitteeShell>
      <RubricPage />
    </CommitteeShell>
  );
}
