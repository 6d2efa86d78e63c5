import { Card, Descriptions, Space, Typography } from 'antd';
import { useState } from 'react';
import { useLedger } from '../../app/LedgerContext.tsx';
import { AuditCard } from './AuditCard.tsx';
import { BackupsCard } from './BackupsCard.tsx';
import { ImportCard } from './ImportCard.tsx';
import { PackageCard } from './PackageCard.tsx';
import { WorkbookCard } from './WorkbookCard.tsx';

/** 数据与备份: where the ledger lives, its backups, and the audit log's health. */
export function DataPage() {
  const { info } = useLedger();
  // A backup or a restore writes to the audit log: remount the audit card to read it afresh.
  const [auditVersion, setAuditVersion] = useState(0);

  return (
    <div className="page">
      <div className="page-heading">
        <Typography.Title level={4} style={{ margin: 0 }}>
          数据与备份
        </Typography.Title>
      </div>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {info ? (
          <Card size="small">
            <Descriptions
              size="small"
              column={{ xs: 1, lg: 3 }}
              items={[
                {
                  key: 'path',
                  label: '台账文件',
                  span: { xs: 1, lg: 3 },
                  children: <Typography.Text copyable>{info.ledgerPath}</Typography.Text>,
                },
                { key: 'version', label: '程序版本', children: info.appVersion },
                { key: 'schema', label: '数据版本', children: info.schemaVersion },
                { key: 'rules', label: '规则集', children: `${info.ruleSet.name} ${info.ruleSet.version}` },
              ]}
            />
          </Card>
        ) : null}
        <WorkbookCard />
        <ImportCard onImported={() => setAuditVersion((version) => version + 1)} />
        <PackageCard onChanged={() => setAuditVersion((version) => version + 1)} />
        <BackupsCard onChanged={() => setAuditVersion((version) => version + 1)} />
        <AuditCard key={auditVersion} />
      </Space>
    </div>
  );
}
