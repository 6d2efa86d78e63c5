import { Checkbox, Col, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { RecordTemplate, TemplateField } from '../../../../electron/api/index.ts';
import { DATE_FORMAT } from '../../components/format.ts';

function control(field: TemplateField) {
  const options = (field.options ?? []).map((option) => ({ value: option, label: option }));
  switch (field.type) {
    case 'textarea':
      return (
        <Input.TextArea
          rows={3}
          maxLength={field.maxLength}
          showCount={!!field.maxLength}
          placeholder={field.placeholder}
        />
      );
    case 'number':
      return <InputNumber min={field.min} max={field.max} style={{ width: '100%' }} placeholder={field.placeholder} />;
    case 'date':
      return <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} placeholder="年-月-日" />;
    case 'select':
      return <Select allowClear options={options} placeholder={field.placeholder ?? '请选择'} />;
    case 'multiselect':
      return options.length <= 8 ? (
        <Checkbox.Group options={options} />
      ) : (
        <Select mode="multiple" allowClear options={options} placeholder={field.placeholder ?? '可多选'} />
      );
    default:
      return <Input maxLength={field.maxLength} placeholder={field.placeholder} />;
  }
}

const wide = (field: TemplateField) =>
  field.type === 'textarea' || (field.type === 'multiselect' && (field.options?.length ?? 0) > 3);

/** The template's own fields (模板字段): generated, so a committee can add one without code. */
export function ExtraFields({ template }: { template: RecordTemplate }) {
  return (
    <>
      {template.fields.map((field) => (
        <Col key={field.key} span={wide(field) ? 24 : 12}>
          <Form.Item
            name={['extra', field.key]}
            label={field.label}
            extra={field.help}
            rules={
              field.required
                ? [{ required: true, message: `请${field.type.includes('select') ? '选择' : '填写'}${field.label}` }]
                : undefined
            }
          >
            {control(field)}
          </Form.Item>
        </Col>
      ))}
    </>
  );
}
