import { Alert, Button, Col, DatePicker, Drawer, Form, Input, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { TalkRecord } from '../../../../electron/api/index.ts';
import { type ApiError, type ApiErrorDetail, call, toApiError } from '../../api/client.ts';
import { TALK_MODES, TALK_TYPES } from '../../api/lifeConstants.ts';
import { useQuery } from '../../api/useQuery.ts';
import { ErrorDetailsList } from '../../components/ApiErrorView.tsx';
import { applyFieldErrors } from '../../components/fieldErrors.ts';
import { DATE_FORMAT, fromIsoDate, toIsoDate } from '../../components/format.ts';

interface TalkValues {
  heldOn?: Dayjs;
  talkerId?: number;
  talkeeId?: number;
  type: (typeof TALK_TYPES)[number];
  mode: (typeof TALK_MODES)[number];
  place?: string;
  content?: string;
  followUp?: string;
}

const LABELS = {
  谈话时间: 'heldOn',
  谈话人: 'talkerId',
  谈话对象: 'talkeeId',
  谈话类型: 'type',
  谈话方式: 'mode',
  地点: 'place',
  主要内容: 'content',
  content: 'content',
  后续跟进: 'followUp',
};

/** 谈心谈话 record: 谈话人 and 对象 are chosen from the roster as it stood on the day. */
export function TalkFormDrawer({
  open,
  branchId,
  talk,
  onClose,
  onSaved,
}: {
  open: boolean;
  branchId: number;
  talk: TalkRecord | null;
  onClose: () => void;
  onSaved: (saved: TalkRecord) => void;
}) {
  const [form] = Form.useForm<TalkValues>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<{ error: ApiError; unplaced: ApiErrorDetail[] } | null>(null);
  const heldOn = Form.useWatch('heldOn', form);
  const date = toIsoDate(heldOn);
  const roster = useQuery('life.rosterOn', date ? { branchId, date, scope: 'branch' } : null);
  const people = date ? (roster.data ?? []) : [];
  const options = people.map((person) => ({
    value: person.memberId,
    label: `${person.name}${person.posts.length ? `（${person.posts.join('、')}）` : ''}`,
  }));

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on each opening only
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      talk
        ? {
            heldOn: fromIsoDate(talk.heldOn),
            talkerId: talk.talkerId,
            talkeeId: talk.talkeeId,
            type: talk.type as TalkValues['type'],
            mode: talk.mode,
            place: talk.place ?? undefined,
            content: talk.content,
            followUp: talk.followUp ?? undefined,
          }
        : { type: '日常谈心', mode: '面谈' },
    );
    setRefusal(null);
  }, [open, talk]);

  const save = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values?.talkerId || !values.talkeeId) return;
    setSaving(true);
    setRefusal(null);
    try {
      const saved = await call('talk.save', {
        id: talk?.id,
        branchId,
        heldOn: toIsoDate(values.heldOn) ?? '',
        talkerId: values.talkerId,
        talkeeId: values.talkeeId,
        type: values.type,
        mode: values.mode,
        place: values.place?.trim() || undefined,
        content: values.content?.trim() ?? '',
        followUp: values.followUp?.trim() || undefined,
      });
      onSaved(saved);
    } catch (caught) {
      const error = toApiError(caught);
      setRefusal({ error, unplaced: applyFieldErrors(form, error, LABELS) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={680}
      title={talk ? '编辑谈心谈话记录' : '登记谈心谈话'}
      forceRender
      footer={
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => void save()}>
            保存
          </Button>
        </Space>
      }
    >
      {refusal ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={refusal.error.message}
          description={refusal.unplaced.length ? <ErrorDetailsList details={refusal.unplaced} /> : undefined}
        />
      ) : null}
      <Form form={form} layout="vertical">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="heldOn" label="谈话时间" rules={[{ required: true, message: '请选择谈话日期' }]}>
              <DatePicker
                format={DATE_FORMAT}
                style={{ width: '100%' }}
                disabledDate={(current) => current.isAfter(dayjs(), 'day')}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="place" label="地点">
              <Input maxLength={80} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="talkerId" label="谈话人" rules={[{ required: true, message: '请选择谈话人' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={options}
                placeholder={date ? '从当日花名册中选择' : '请先选择谈话日期'}
                disabled={!date}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="talkeeId" label="谈话对象" rules={[{ required: true, message: '请选择谈话对象' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={options}
                placeholder={date ? '从当日花名册中选择' : '请先选择谈话日期'}
                disabled={!date}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="type" label="谈话类型">
              <Select options={TALK_TYPES.map((t) => ({ value: t, label: t }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="mode" label="谈话方式">
              <Select options={TALK_MODES.map((m) => ({ value: m, label: m }))} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="content"
              label="主要内容"
              rules={[{ required: true, whitespace: true, message: '请填写谈话主要内容' }]}
            >
              <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} showCount />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="followUp" label="后续跟进（谈话人意见）">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
