import { Button, Popover, Tag } from 'antd';
import type { DevPersonDetail, DevStage, DevStepDefinition, DevStepRecord } from '../../../../electron/api/index.ts';
import { formatDateTime } from '../../components/format.ts';
import { detailLines, STAGE_TITLES } from './devShared.ts';

function RuleNote({ step }: { step: DevStepDefinition }) {
  return (
    <div className="dev-rule">
      <p>{step.rule}</p>
      <p className="muted">依据：{step.source}</p>
      <p>
        <span className="muted">形成材料：</span>
        {step.documents.join('、')}
      </p>
    </div>
  );
}

function RecordBox({
  record,
  step,
  nameOf,
}: {
  record: DevStepRecord;
  step: DevStepDefinition | undefined;
  nameOf: (id: number) => string;
}) {
  const lines = detailLines(step, record.details, nameOf);
  return (
    <div className="dev-record" data-step={record.stepNo}>
      <div className="dev-record-meta">
        <span>
          <span className="muted">日期</span> <span className="mono">{record.doneOn}</span>
        </span>
        {record.decidedBy ? (
          <span>
            <span className="muted">决定人</span> {record.decidedBy}
          </span>
        ) : null}
        {record.docNo ? (
          <span>
            <span className="muted">文号</span> {record.docNo}
          </span>
        ) : null}
        <span className="muted dev-small">登记于 {formatDateTime(record.enteredAt)}</span>
      </div>
      {lines.map((line) => (
        <div key={line}>{line}</div>
      ))}
      {record.note ? <div>备注：{record.note}</div> : null}
      {record.overrideReason ? <div className="dev-remind">书面理由：{record.overrideReason}</div> : null}
    </div>
  );
}

/** 全程记实: the 25 steps in order, grouped by stage, each with what was recorded. */
export function DossierSteps({
  person,
  definitions,
  allowed,
  recording,
  onRecord,
  nameOf,
}: {
  person: DevPersonDetail;
  definitions: DevStepDefinition[];
  allowed: number[];
  recording: number | null;
  onRecord: (stepNo: number) => void;
  nameOf: (id: number) => string;
}) {
  const stages = Object.keys(STAGE_TITLES) as DevStage[];
  return (
    <div className="dev-dossier-steps">
      {stages.map((stage) => (
        <section key={stage} className="dev-stage">
          <h4 className="dev-stage-title">{STAGE_TITLES[stage]}</h4>
          {definitions
            .filter((step) => step.stage === stage)
            .map((step) => {
              const records = person.steps.filter((r) => r.stepNo === step.no);
              const isNext = person.nextStep?.no === step.no;
              const state = records.length > 0 ? 'done' : isNext ? 'next' : 'future';
              const canRepeat = allowed.includes(step.no) && records.length > 0 && recording !== step.no;
              return (
                <div key={step.no} className={`dev-step dev-step-${state}`} data-step-no={step.no}>
                  <span className="dev-step-no">{step.no}</span>
                  <div>
                    <div className="dev-step-head">
                      <span className="dev-step-name">{step.name}</span>
                      <span className="muted dev-small">{step.actor}</span>
                      {isNext ? <Tag color="red">下一步</Tag> : null}
                      {step.repeatable && records.length > 1 ? <Tag>已登记 {records.length} 次</Tag> : null}
                      <Popover title={`第${step.no}步 ${step.name}`} content={<RuleNote step={step} />}>
                        <Button type="link" size="small" style={{ padding: 0, height: 'auto' }}>
                          规定与材料
                        </Button>
                      </Popover>
                      {canRepeat ? (
                        <Button
                          type="link"
                          size="small"
                          style={{ padding: 0, height: 'auto' }}
                          onClick={() => onRecord(step.no)}
                        >
                          再登记一次
                        </Button>
                      ) : null}
                    </div>
                    {records.map((record) => (
                      <RecordBox key={record.id} record={record} step={step} nameOf={nameOf} />
                    ))}
                  </div>
                </div>
              );
            })}
        </section>
      ))}
    </div>
  );
}
