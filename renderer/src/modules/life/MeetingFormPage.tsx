import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Skeleton, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { MEETING_KINDS, type MeetingKind } from '../../api/lifeConstants.ts';
import { useQuery } from '../../api/useQuery.ts';
import { useLedger } from '../../app/LedgerContext.tsx';
import { useBranch } from '../../app/useBranch.ts';
import { ApiErrorAlert } from '../../components/ApiErrorView.tsx';
import { groupsOf } from '../org/orgTree.ts';
import { MeetingForm, type MeetingFormInitial } from './MeetingForm.tsx';
import { blankValues, EMPTY_ATTENDANCE, valuesFromDetail } from './meetingForm.ts';
import { useTemplates } from './useTemplates.ts';

/** 新建 / 编辑 / 复用上一条: loads what the form starts from, then hands over to MeetingForm. */
export function MeetingFormPage() {
  const { branch } = useBranch();
  const { units } = useLedger();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { meetingId } = useParams();
  const [params] = useSearchParams();
  const editingId = meetingId ? Number(meetingId) : null;
  const kindParam = params.get('kind');
  const newKind: MeetingKind = MEETING_KINDS.find((k) => k === kindParam) ?? '支委会';
  const reuse = editingId === null && params.get('reuse') === '1';

  const templates = useTemplates();
  const existing = useQuery('life.get', editingId !== null ? { id: editingId } : null);
  const previous = useQuery('life.previous', reuse ? { branchId: branch.id, kind: newKind } : null);
  const groups = groupsOf(units, branch.id);

  const source = editingId !== null ? existing : reuse ? previous : null;
  const ready = templates.data !== undefined && (source === null || (!source.loading && !source.error));

  const { initial, notice } = useMemo((): { initial: MeetingFormInitial | null; notice: string | null } => {
    if (!ready) return { initial: null, notice: null };
    const detail = editingId !== null ? existing.data : reuse ? previous.data : null;
    if (detail) {
      return {
        initial: valuesFromDetail(detail, templates.byKind.get(detail.kind), reuse),
        notice: reuse
          ? `已复用 ${detail.heldOn}「${detail.title}」的内容和出席名单。请选择本次的日期并核对；决议、表决、整改和评议结果不复制。`
          : null,
      };
    }
    return {
      initial: { values: blankValues(newKind), attendance: EMPTY_ATTENDANCE, grades: {} },
      notice: reuse ? `本支部还没有${newKind}记录，请从空白开始填写。` : null,
    };
  }, [ready, editingId, existing.data, previous.data, reuse, newKind, templates.byKind]);

  const title =
    editingId !== null ? `编辑记录${existing.data ? `：${existing.data.title}` : ''}` : `新建${newKind}记录`;
  const back = () =>
    navigate(editingId !== null ? `/branch/${branch.id}/life/${editingId}` : `/branch/${branch.id}/life`);

  const heading = (
    <Typography.Title level={4} style={{ margin: 0 }}>
      <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={back} /> {title}
    </Typography.Title>
  );

  return (
    <div className="page page-form">
      <ApiErrorAlert error={templates.error} onRetry={templates.reload} />
      <ApiErrorAlert error={source?.error ?? null} onRetry={source?.reload} />
      {initial ? (
        <MeetingForm
          key={`${editingId ?? 'new'}-${newKind}-${reuse}`}
          branchId={branch.id}
          groups={groups}
          templates={templates.byKind}
          editingId={editingId}
          initial={initial}
          notice={notice}
          heading={heading}
          onCancel={back}
          onSaved={(saved) => {
            message.success(`已保存：${saved.heldOn} ${saved.kind}「${saved.title}」`);
            navigate(`/branch/${branch.id}/life/${saved.id}`, { state: { justSaved: true } });
          }}
        />
      ) : (
        <>
          <div className="page-heading">{heading}</div>
          <Skeleton active paragraph={{ rows: 10 }} />
        </>
      )}
    </div>
  );
}
