import { EditOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Tag, Tooltip } from 'antd';
import type { RoleResponsibilities } from '../../../../electron/api/index.ts';

/** One post's responsibility list, marked 默认 or 本支部修改, with 编辑 and 恢复默认. */
export function RoleBlock({
  role,
  onEdit,
  onReset,
}: {
  role: RoleResponsibilities;
  onEdit: () => void;
  onReset: () => Promise<void>;
}) {
  return (
    <section className="duty-role" aria-label={`${role.post}职责`} data-testid={`role-${role.post}`}>
      <div className="duty-role-head">
        <span className="duty-role-title">{role.post}职责</span>
        {role.overridden ? <Tag color="gold">本支部修改</Tag> : <Tag>默认</Tag>}
        <span className="duty-role-actions">
          <Button size="small" type="link" icon={<EditOutlined />} onClick={onEdit}>
            编辑
          </Button>
          {role.overridden ? (
            <Popconfirm
              title={`把${role.post}职责恢复为默认清单？`}
              description="本支部修改过的内容将被模板中的默认清单替换。"
              okText="恢复默认"
              cancelText="取消"
              onConfirm={onReset}
            >
              <Button size="small" type="link" icon={<UndoOutlined />}>
                恢复默认
              </Button>
            </Popconfirm>
          ) : null}
        </span>
      </div>
      <ol className="duty-role-list">
        {role.items.map((item) => (
          <li key={item.text}>
            {item.text}
            {item.source ? (
              <Tooltip title={item.source}>
                <span className="duty-source">{item.tag === 'LOCAL' ? '通行做法' : '依据条例'}</span>
              </Tooltip>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
