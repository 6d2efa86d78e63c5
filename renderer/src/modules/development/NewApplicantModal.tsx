import { Alert, Col, DatePicker, Form, Input, Modal, Radio, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { DevPersonDetail } from '../../../../electron/api/index.ts';
import { type ApiError, type ApiErrorDetail, call, toApiError } from '../../api/client.ts';
import { ErrorDetailsList } from '../../components/ApiErrorView.tsx';
import { applyFieldErrors } from '../../components/fieldErrors.ts';
import { DATE_FORMAT, toIsoDate } from '../../components/format.ts';

interface FormValues {
  name: string;
  gender: '男' | '女';
  birthDate?: Dayjs;
  idNumber?: string;
  phone?: string;
  job?: string;
  appliedOn?: Dayjs;
}

const LABEL_TO_FIELD: Record<string, string> = {
  姓名: 'name',
  性别: 'gender',
  出生日期: 'birthDate',
  公民身份号码: 'idNumber',
  电话: 'phone',
  联系电话: 'phone',
  岗位: 'job',
  工作岗位: 'job',
  递交申请书日期: 'appliedOn',
};

/** 第1步：递交入党申请书 — the applicant is entered with the date the branch received the application. */
export function NewApplicantModal({
  open,
  branchId,
  onClose,
  onCreated,
}: {
  open: boolean;
  branchId: number;
  onClose: () => void;
  onCreated: (person: DevPersonDetail) => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<{ error: ApiError; unplaced: ApiErrorDetail[] } | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setRefusal(null);
  }, [open, form]);

  // A full 公民身份号码 carries the birth date: fill it in when it is still empty.
  const idChanged = (value: string) => {
    const match = /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dXx]$/.exec(value.trim());
    if (!match || form.getFieldValue('birthDate')) return;
    const birth = dayjs(`${match[1]}-${match[2]}-${match[3]}`, DATE_FORMAT, true);
    if (birth.isValid()) form.setFieldValue('birthDate', birth);
  };

  const submit = async (values: FormValues) => {
    setSaving(true);
    setRefusal(null);
    const trimmed = (value: string | undefined) => value?.trim() || undefined;
    try {
      const person = await call('dev.create', {
        branchId,
        name: values.name.trim(),
        gender: values.gender,
        birthDate: toIsoDate(values.birthDate) ?? '',
        idNumber: trimmed(values.idNumber)?.toUpperCase(),
        phone: trimmed(values.phone),
        job: trimmed(values.job),
        appliedOn: toIsoDate(values.appliedOn) ?? '',
      });
      onCreated(person);
    } catch (caught) {
      const error = toApiError(caught);
      setRefusal({ error, unplaced: applyFieldErrors(form, error, LABEL_TO_FIELD) });
    } finally {
      setSaving(false);
    }
  };

  const datePicker = <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} placeholder="年-月-日" />;

  return (
    <Modal
      open={open}
      title="新增入党申请人"
      okText="登记申请"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={640}
      forceRender
    >
      <p className="muted" style={{ marginTop: 0 }}>
        登记第 1 步“递交入党申请书”。申请人须年满十八周岁；收到申请书后一个月内应派人谈话。
      </p>
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
        initialValues={{ gender: '男', appliedOn: dayjs() }}
        onFinish={(values) => void submit(values)}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="gender" label="性别" rules={[{ required: true, message: '请选择性别' }]}>
              <Radio.Group
                options={[
                  { value: '男', label: '男' },
                  { value: '女', label: '女' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="idNumber" label="公民身份号码" extra="可不填；填写后自动带出出生日期">
              <Input maxLength={18} onChange={(event) => idChanged(event.target.value)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="birthDate" label="出生日期" rules={[{ required: true, message: '请选择出生日期' }]}>
              {datePicker}
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label="电话">
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="job" label="岗位">
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="appliedOn"
              label="递交申请书日期"
              rules={[{ required: true, message: '请选择党组织收到入党申请书的日期' }]}
            >
              {datePicker}
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
