import { Space, Typography } from 'antd';
import { BookLayoutCard } from './BookLayoutCard.tsx';
import { DocumentFontsCard } from './DocumentFontsCard.tsx';
import { RecordTemplatesCard } from './RecordTemplatesCard.tsx';

/** 文档设置: how this ledger's Word documents look — the fonts, the committee's own record templates and book layout. */
export function DocumentSettingsPage() {
  return (
    <div className="page">
      <div className="page-heading">
        <Typography.Title level={4} style={{ margin: 0 }}>
          文档设置
        </Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">
        这里的设置对本台账导出的所有 Word 文档生效（年度台账、单条记录）。修改会写入审计日志。
      </Typography.Paragraph>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <DocumentFontsCard />
        <RecordTemplatesCard />
        <BookLayoutCard />
      </Space>
    </div>
  );
}
