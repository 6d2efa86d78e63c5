import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Tag } from 'antd';
import { DATE_FORMAT } from '../../components/format.ts';

/** 决议 with 责任人 and 时限: open ones appear on the 督办 list until they are closed. */
export function DecisionsBlock() {
  return (
    <Form.List name="decisions">
      {(fields, { add, remove }) => (
        <div className="list-editor">
          {fields.length > 0 ? (
            <div className="list-editor-head decisions-grid">
              <span>决议事项</span>
              <span>责任人</span>
              <span>完成时限</span>
              <span />
            </div>
          ) : null}
          {fields.map((field, index) => (
            <div key={field.key} className="decisions-grid list-editor-row">
              <Form.Item
                name={[field.name, 'text']}
                rules={[{ required: true, whitespace: true, message: '请填写决议内容' }]}
              >
                <Input.TextArea
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  maxLength={300}
                  aria-label={`决议 ${index + 1}`}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'owner']}>
                <Input maxLength={40} aria-label={`决议 ${index + 1} 的责任人`} />
              </Form.Item>
              <Form.Item name={[field.name, 'dueDate']}>
                <DatePicker
                  format={DATE_FORMAT}
                  placeholder="年-月-日"
                  style={{ width: '100%' }}
                  aria-label={`决议 ${index + 1} 的时限`}
                />
              </Form.Item>
              <div className="list-editor-actions">
                <Form.Item noStyle shouldUpdate>
                  {({ getFieldValue }) =>
                    getFieldValue(['decisions', field.name, 'doneOn']) ? <Tag color="success">已完成</Tag> : null
                  }
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label="删除此决议"
                  onClick={() => remove(field.name)}
                />
              </div>
            </div>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
            添加决议
          </Button>
        </div>
      )}
    </Form.List>
  );
}

/** 组织生活会 问题清单 → 整改清单. */
export function RectificationsBlock() {
  return (
    <Form.List name="rectifications">
      {(fields, { add, remove }) => (
        <div className="list-editor">
          {fields.length > 0 ? (
            <div className="list-editor-head rectifications-grid">
              <span>查摆的问题</span>
              <span>整改措施</span>
              <span>责任人</span>
              <span>完成时限</span>
              <span />
            </div>
          ) : null}
          {fields.map((field, index) => (
            <div key={field.key} className="rectifications-grid list-editor-row">
              <Form.Item
                name={[field.name, 'problem']}
                rules={[{ required: true, whitespace: true, message: '请填写问题' }]}
              >
                <Input.TextArea
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  maxLength={300}
                  aria-label={`问题 ${index + 1}`}
                />
              </Form.Item>
              <Form.Item
                name={[field.name, 'measure']}
                rules={[{ required: true, whitespace: true, message: '请填写整改措施' }]}
              >
                <Input.TextArea
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  maxLength={300}
                  aria-label={`措施 ${index + 1}`}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'owner']}>
                <Input maxLength={40} aria-label={`整改 ${index + 1} 的责任人`} />
              </Form.Item>
              <Form.Item name={[field.name, 'dueDate']}>
                <DatePicker
                  format={DATE_FORMAT}
                  placeholder="年-月-日"
                  style={{ width: '100%' }}
                  aria-label={`整改 ${index + 1} 的时限`}
                />
              </Form.Item>
              <div className="list-editor-actions">
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label="删除此条"
                  onClick={() => remove(field.name)}
                />
              </div>
            </div>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
            添加整改事项
          </Button>
        </div>
      )}
    </Form.List>
  );
}
