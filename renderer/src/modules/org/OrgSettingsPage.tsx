import { ApartmentOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Tag,
  Tree,
  Typography,
} from 'antd';
import type { DataNode } from 'antd/es/tree';
import { type Key, useMemo, useState } from 'react';
import type { OrgKind, OrgUnit } from '../../../../electron/api/index.ts';
import { call, toApiError } from '../../api/client.ts';
import { CHILD_KINDS } from '../../api/constants.ts';
import { useLedger } from '../../app/LedgerContext.tsx';
import { useBranch } from '../../app/useBranch.ts';
import { useReportError } from '../../components/ApiErrorView.tsx';
import { childrenOf } from './orgTree.ts';

const KIND_COLORS: Record<OrgKind, string> = { 党委: 'red', 党总支: 'volcano', 党支部: 'orange', 党小组: 'default' };

function toTreeData(units: OrgUnit[], parentId: number | null): DataNode[] {
  return childrenOf(units, parentId).map((unit) => ({
    key: unit.id,
    title: (
      <span>
        <Tag color={KIND_COLORS[unit.kind]} style={{ marginInlineEnd: 6 }}>
          {unit.kind}
        </Tag>
        {unit.name}
      </span>
    ),
    children: toTreeData(units, unit.id),
  }));
}

type Dialog = { mode: 'create'; parent: OrgUnit } | { mode: 'rename'; unit: OrgUnit } | null;

export function OrgSettingsPage() {
  const { units, reload } = useLedger();
  const { branch } = useBranch();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [selectedId, setSelectedId] = useState<number>(branch.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string; kind?: OrgKind }>();

  const treeData = useMemo(() => toTreeData(units, null), [units]);
  const [expandedKeys, setExpandedKeys] = useState<Key[]>(() => units.map((unit) => unit.id));
  const selected = units.find((unit) => unit.id === selectedId);
  const childKinds = selected ? CHILD_KINDS[selected.kind] : [];

  const openCreate = (parent: OrgUnit) => {
    setDialog({ mode: 'create', parent });
    form.setFieldsValue({ name: '', kind: CHILD_KINDS[parent.kind][0] });
  };
  const openRename = (unit: OrgUnit) => {
    setDialog({ mode: 'rename', unit });
    form.setFieldsValue({ name: unit.name });
  };

  const save = async () => {
    if (!dialog) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    try {
      const saved =
        dialog.mode === 'create'
          ? await call('org.create', {
              name: values.name.trim(),
              kind: values.kind ?? CHILD_KINDS[dialog.parent.kind][0] ?? '党小组',
              parentId: dialog.parent.id,
            })
          : await call('org.rename', { id: dialog.unit.id, name: values.name.trim() });
      message.success(dialog.mode === 'create' ? `已新增${saved.kind}「${saved.name}」` : `已改名为「${saved.name}」`);
      if (dialog.mode === 'create') setExpandedKeys((keys) => [...keys, dialog.parent.id]);
      setDialog(null);
      await reload();
      setSelectedId(saved.id);
    } catch (caught) {
      const error = toApiError(caught);
      if (error.details.length === 1 && error.details[0]) {
        form.setFields([{ name: 'name', errors: [error.details[0].message] }]);
      } else {
        reportError(error);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="page">
      <div className="page-heading">
        <Typography.Title level={4} style={{ margin: 0 }}>
          组织设置
        </Typography.Title>
      </div>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title="组织架构" size="small">
            {treeData.length === 0 ? (
              <Empty description="还没有建立组织" />
            ) : (
              <Tree
                showLine
                blockNode
                expandedKeys={expandedKeys}
                onExpand={setExpandedKeys}
                selectedKeys={[selectedId]}
                onSelect={(keys) => {
                  if (keys[0] !== undefined) setSelectedId(Number(keys[0]));
                }}
                treeData={treeData}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="所选组织" size="small">
            {selected ? (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Descriptions
                  column={1}
                  size="small"
                  items={[
                    { key: 'name', label: '名称', children: selected.name },
                    {
                      key: 'kind',
                      label: '类别',
                      children: <Tag color={KIND_COLORS[selected.kind]}>{selected.kind}</Tag>,
                    },
                    {
                      key: 'children',
                      label: '下级组织',
                      children: `${childrenOf(units, selected.id).length} 个`,
                    },
                  ]}
                />
                <Space wrap>
                  <Button
                    type="primary"
                    icon={<PlusOutlined />}
                    disabled={childKinds.length === 0}
                    onClick={() => openCreate(selected)}
                  >
                    新增下级组织
                  </Button>
                  <Button icon={<EditOutlined />} onClick={() => openRename(selected)}>
                    重命名
                  </Button>
                </Space>
                {childKinds.length === 0 ? (
                  <Typography.Text type="secondary">党小组下不再设组织。</Typography.Text>
                ) : null}
              </Space>
            ) : (
              <Empty
                image={<ApartmentOutlined style={{ fontSize: 40, color: '#bbb' }} />}
                description="在左侧选择一个组织"
              />
            )}
          </Card>
        </Col>
      </Row>
      <Modal
        open={dialog !== null}
        title={
          dialog?.mode === 'create'
            ? `在「${dialog.parent.name}」下新增组织`
            : dialog
              ? `重命名「${dialog.unit.name}」`
              : ''
        }
        okText="保存"
        confirmLoading={saving}
        onOk={() => void save()}
        onCancel={() => setDialog(null)}
        forceRender
      >
        <Form form={form} layout="vertical">
          {dialog?.mode === 'create' ? (
            <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
              <Select options={CHILD_KINDS[dialog.parent.kind].map((kind) => ({ value: kind, label: kind }))} />
            </Form.Item>
          ) : null}
          <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写组织名称' }]}>
            <Input maxLength={80} placeholder="写全称，与公章一致；党小组如：第三党小组" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
