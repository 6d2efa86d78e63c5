import { Alert, App, AutoComplete, Button, Card, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { DocumentFontsInfo, FontSlot } from '../../../../electron/api/index.ts';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { ApiErrorAlert, useReportError } from '../../components/ApiErrorView.tsx';
import { isGb2312Only } from './fontRules.ts';

const NO_INPUT = {};
/** Slots that print members' names (the title and page number do not). */
const NAME_SLOTS: readonly FontSlot[] = ['body', 'heading1', 'heading2', 'heading3'];

type Drafts = Partial<Record<FontSlot, string>>;

const SLOTS_GRID = {
  display: 'grid',
  gridTemplateColumns: 'minmax(220px, 320px) 240px auto',
  alignItems: 'center',
  gap: '10px 16px',
} as const;

/** 文档字体: the font names this unit's PCs really have, per slot, with the GB2312 check of names. */
export function DocumentFontsCard() {
  const { message } = App.useApp();
  const reportError = useReportError();
  const query = useQuery('documents.getFonts', NO_INPUT);
  const [info, setInfo] = useState<DocumentFontsInfo | null>(null);
  const [drafts, setDrafts] = useState<Drafts>({});
  const [busy, setBusy] = useState<'save' | 'reset' | null>(null);

  useEffect(() => {
    if (query.data) {
      setInfo(query.data);
      setDrafts(query.data.stored);
    }
  }, [query.data]);

  const effective = (slot: FontSlot) => drafts[slot]?.trim() || info?.defaults[slot] || '';
  const dirty = info ? info.slots.some((s) => (drafts[s.key]?.trim() ?? '') !== (info.stored[s.key] ?? '')) : false;
  const gbFonts = useMemo(
    () =>
      [...new Set(NAME_SLOTS.map((slot) => drafts[slot]?.trim() || info?.defaults[slot] || ''))].filter(isGb2312Only),
    [drafts, info],
  );

  const save = async (fonts: Drafts, what: 'save' | 'reset') => {
    setBusy(what);
    try {
      const next = await call('documents.setFonts', { fonts });
      setInfo(next);
      setDrafts(next.stored);
      message.success(what === 'reset' ? '文档字体已恢复默认' : '文档字体已保存，之后导出的 Word 文档都使用这些字体');
    } catch (caught) {
      reportError(caught);
    } finally {
      setBusy(null);
    }
  };

  const options = (info?.suggestions ?? []).map((s) => ({
    value: s.name,
    label: (
      <span>
        {s.name}
        {s.gb2312Only ? (
          <Tag color="gold" style={{ marginInlineStart: 8 }}>
            仅 GB2312
          </Tag>
        ) : null}
      </span>
    ),
  }));

  return (
    <Card size="small" title="文档字体">
      <ApiErrorAlert error={query.error} onRetry={query.reload} />
      {!info ? (
        <Skeleton active />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            导出的 Word
            文档按这里的字体名称排版。请填写本单位电脑上实际安装的字体（如“仿宋_GB2312”“仿宋”“方正仿宋_GBK”）；
            留空的项使用默认字体。数字和英文一律使用 Times New Roman。
          </Typography.Text>
          <div style={SLOTS_GRID}>
            {info.slots.map((slot) => (
              <div key={slot.key} style={{ display: 'contents' }}>
                <div>
                  <strong>{slot.label}</strong>
                  <div className="muted">{slot.hint}</div>
                </div>
                <AutoComplete
                  aria-label={`${slot.label}字体`}
                  style={{ width: 240 }}
                  options={options}
                  value={drafts[slot.key] ?? ''}
                  placeholder={`默认：${info.defaults[slot.key]}`}
                  allowClear
                  filterOption={(input, option) => String(option?.value ?? '').includes(input)}
                  onChange={(value: string) => setDrafts((current) => ({ ...current, [slot.key]: value }))}
                />
                <span className="muted">当前：{effective(slot.key)}</span>
              </div>
            ))}
          </div>
          {gbFonts.length > 0 && info.rareNames.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              title={`所选字体“${gbFonts.join('、')}”只含 GB2312 字符，下列 ${info.rareNames.length} 名党员的姓名中有它没有的字`}
              description={
                <>
                  <div style={{ margin: '4px 0 8px' }}>
                    {info.rareNames.map((n) => (
                      <Tag key={n.name}>
                        {n.name}（缺“{n.characters.join('、')}”）
                      </Tag>
                    ))}
                  </div>
                  <div>
                    打印时 Word/WPS
                    会用其他字体代替这些字，字形会不一致。建议改用“仿宋”“楷体”或“方正仿宋_GBK”等字库更全的字体。
                  </div>
                </>
              }
            />
          ) : null}
          <Space>
            <Button
              type="primary"
              disabled={!dirty}
              loading={busy === 'save'}
              onClick={() => void save(drafts, 'save')}
            >
              保存字体设置
            </Button>
            <Popconfirm
              title="恢复默认字体？"
              description={`${info.slots.map((s) => `${s.label} ${info.defaults[s.key]}`).join('，')}。`}
              okText="恢复默认"
              cancelText="取消"
              onConfirm={() => void save({}, 'reset')}
            >
              <Button loading={busy === 'reset'} disabled={Object.keys(info.stored).length === 0 && !dirty}>
                恢复默认
              </Button>
            </Popconfirm>
          </Space>
        </Space>
      )}
    </Card>
  );
}
