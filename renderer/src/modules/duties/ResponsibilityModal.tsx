import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import type { RoleResponsibilities } from '../../../../electron/api/index.ts';
import { type ApiError, call, toApiError } from '../../api/client.ts';
import { ErrorDetailsList } from '../../components/ApiErrorView.tsx';

interface Values {
  items: string[];
}

/** Edit one post's responsibility list for this branch: reword, add or remove lines. */
export function ResponsibilityModal({
  branchId,
  role,
  onClose,
  onSaved,
}: {
  branchId: number;
  role: RoleResponsibilities | null;
  onClose: () => void;
  onSaved: (role: RoleResponsibilities) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on each opening only
  useEffect(() => {
    if (!role) return;
    form.resetFields();
    form.setFieldsValue({ items: role.items.map((item) => item.text) });
    setRefusal(null);
  }, [role]);

  const save = async () => {
    if (!role) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    setRefusal(null);
    try {
      onSaved(
        await call('duties.setResponsibilities', {
          branchId,
          post: role.post,
          items: values.items.map((text) => text.trim()),
        }),
      );
    } catch (caught) {
      setRefusal(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={role !== null}
      title={`编辑${role?.post ?? ''}职责清单`}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      {refusal ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={refusal.message}
          description={refusal.details.length ? <ErrorDetailsList details={refusal.details} /> : undefined}
        />
      ) : null}
      <p className="muted duty-modal-hint">修改只对本支部生效；随时可以“恢复默认”，换回模板中的职责清单（含出处）。</p>
      <Form form={form} layout="vertical">
        <Form.List
          name="items"
          rules={[
            {
              validator: async (_, items: string[] | undefined) => {
                if (!items || items.length === 0) throw new Error('至少保留一条职责');
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <div key={field.key} className="duty-edit-row">
                  <span className="duty-edit-no">{index + 1}.</span>
                  <Form.Item
                    name={field.name}
                    rules={[{ required: true, whitespace: true, message: '职责不能为空，不需要请删去' }]}
                    style={{ flex: 1, marginBottom: 8 }}
                  >
                    <Input.TextArea
                      autoSize={{ minRows: 1, maxRows: 4 }}
                      maxLength={200}
                      aria-label={`第 ${index + 1} 条职责`}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={`删去第 ${index + 1} 条职责`}
                    onClick={() => remove(field.name)}
                  />
                </div>
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add('')}
                disabled={fields.length >= 20}
                block
              >
                添加一条职责
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
