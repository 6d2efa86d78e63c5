import { Alert, AutoComplete, Button, Col, DatePicker, Drawer, Form, Input, Radio, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { MemberDetail, OrgUnit } from '../../../../electron/api/index.ts';
import { type ApiError, type ApiErrorDetail, call, toApiError } from '../../api/client.ts';
import {
  EDUCATION_LEVELS,
  ETHNICITIES,
  GENDERS,
  MEMBER_FIELD_LABELS,
  type MemberFieldKey,
  PERSON_CATEGORIES,
} from '../../api/constants.ts';
import { useLedger } from '../../app/LedgerContext.tsx';
import { ErrorDetailsList } from '../../components/ApiErrorView.tsx';
import { applyFieldErrors } from '../../components/fieldErrors.ts';
import { DATE_FORMAT, fromIsoDate, toIsoDate } from '../../components/format.ts';
import { groupsOf } from './orgTree.ts';

interface FormValues {
  name: string;
  gender: string;
  ethnicity?: string;
  birthDate?: Dayjs;
  idNumber?: string;
  education?: string;
  personCategory?: string;
  joinDate?: Dayjs;
  fullDate?: Dayjs;
  groupId?: number | null;
  job?: string;
  phone?: string;
  address?: string;
  note?: string;
  status?: '在册' | '转入';
  since?: Dayjs;
}

const LABEL_TO_FIELD: Record<string, string> = {
  ...Object.fromEntries(Object.entries(MEMBER_FIELD_LABELS).map(([key, label]) => [label, key])),
  入册方式: 'status',
  列入本支部日期: 'since',
};

const label = (key: MemberFieldKey) => MEMBER_FIELD_LABELS[key];

function toInitialValues(member: MemberDetail | null): Partial<FormValues> {
  if (!member) return { gender: '男', ethnicity: '汉族', status: '在册', groupId: null };
  return {
    name: member.name,
    gender: member.gender,
    ethnicity: member.ethnicity ?? undefined,
    birthDate: fromIsoDate(member.birthDate),
    idNumber: member.idNumber ?? undefined,
    education: member.education ?? undefined,
    personCategory: member.personCategory ?? undefined,
    joinDate: fromIsoDate(member.joinDate),
    fullDate: fromIsoDate(member.fullDate),
    groupId: member.groupId,
    job: member.job ?? undefined,
    phone: member.phone ?? undefined,
    address: member.address ?? undefined,
    note: member.note ?? undefined,
  };
}

function memberFields(values: FormValues) {
  const trimmed = (value: string | undefined) => value?.trim() || undefined;
  return {
    name: values.name.trim(),
    gender: values.gender as (typeof GENDERS)[number],
    ethnicity: trimmed(values.ethnicity),
    birthDate: toIsoDate(values.birthDate) ?? '',
    idNumber: trimmed(values.idNumber)?.toUpperCase(),
    education: trimmed(values.education),
    personCategory: trimmed(values.personCategory),
    joinDate: toIsoDate(values.joinDate) ?? '',
    fullDate: toIsoDate(values.fullDate),
    groupId: values.groupId ?? null,
    job: trimmed(values.job),
    phone: trimmed(values.phone),
    address: trimmed(values.address),
    note: trimmed(values.note),
  };
}

/** 新增 / 编辑党员. `member` null means a new member of `branch`. */
export function MemberFormDrawer({
  open,
  branch,
  member,
  onClose,
  onSaved,
}: {
  open: boolean;
  branch: OrgUnit;
  member: MemberDetail | null;
  onClose: () => void;
  onSaved: (saved: MemberDetail) => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const { units } = useLedger();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<{ error: ApiError; unplaced: ApiErrorDetail[] } | null>(null);
  const groupOptions = useMemo(
    () => groupsOf(units, member?.branchId ?? branch.id).map((group) => ({ value: group.id, label: group.name })),
    [units, member, branch.id],
  );

  const initialValues = useMemo(() => toInitialValues(member), [member]);
  // The form stays mounted (forceRender) and is reset on every opening. Destroying it on close
  // instead raced with antd's drawer motion, which remounts the body and cleared the initial values.
  // biome-ignore lint/correctness/useExhaustiveDependencies: another member's values mean a fresh form
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setRefusal(null);
  }, [open, initialValues, form]);

  const submit = async (values: FormValues) => {
    setSaving(true);
    setRefusal(null);
    try {
      const fields = memberFields(values);
      const saved = member
        ? await call('member.update', { ...fields, id: member.id })
        : await call('member.create', {
            ...fields,
            branchId: branch.id,
            status: values.status,
            since: toIsoDate(values.since),
          });
      onSaved(saved);
    } catch (caught) {
      const error = toApiError(caught);
      setRefusal({ error, unplaced: applyFieldErrors(form, error, LABEL_TO_FIELD) });
    } finally {
      setSaving(false);
    }
  };

  const required = (key: MemberFieldKey, verb = '填写') => [{ required: true, message: `请${verb}${label(key)}` }];
  const datePicker = <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} placeholder="年-月-日" />;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={760}
      title={member ? `编辑党员：${member.name}` : `新增党员（${branch.name}）`}
      forceRender
      // Above the member's detail drawer it is opened from (its portal is older, so it would sit below).
      zIndex={1100}
      footer={
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
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
          description={refusal.unplaced.length > 0 ? <ErrorDetailsList details={refusal.unplaced} /> : undefined}
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => void submit(values)}
        scrollToFirstError
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={label('name')} rules={[...required('name'), { whitespace: true }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="gender" label={label('gender')} rules={required('gender', '选择')}>
              <Radio.Group options={GENDERS.map((gender) => ({ value: gender, label: gender }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="ethnicity" label={label('ethnicity')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={ETHNICITIES.map((name) => ({ value: name, label: name }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="birthDate" label={label('birthDate')} rules={required('birthDate', '选择')}>
              {datePicker}
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="idNumber" label={label('idNumber')} extra="18 位，末位可能是 X">
              <Input maxLength={18} className="mono" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="education" label={label('education')}>
              <Select allowClear options={EDUCATION_LEVELS.map((level) => ({ value: level, label: level }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="joinDate" label={label('joinDate')} rules={required('joinDate', '选择')}>
              {datePicker}
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="fullDate" label={label('fullDate')} extra="预备党员不填">
              {datePicker}
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="groupId" label={label('groupId')}>
              <Select
                allowClear
                placeholder={groupOptions.length === 0 ? '本支部未设党小组' : '请选择'}
                disabled={groupOptions.length === 0}
                options={groupOptions}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="personCategory" label={label('personCategory')}>
              <AutoComplete
                allowClear
                options={PERSON_CATEGORIES.map((category) => ({ value: category }))}
                placeholder="可选择或直接填写"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="job" label={label('job')}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label={label('phone')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={label('address')}>
              <Input maxLength={120} />
            </Form.Item>
          </Col>
          {member ? null : (
            <>
              <Col span={12}>
                <Form.Item name="status" label="入册方式">
                  <Radio.Group
                    options={[
                      { value: '在册', label: '本支部党员' },
                      { value: '转入', label: '从外单位转入' },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="since" label="列入本支部日期" extra="不填则按入党时间">
                  {datePicker}
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={24}>
            <Form.Item name="note" label={label('note')}>
              <Input.TextArea rows={3} maxLength={500} showCount />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
