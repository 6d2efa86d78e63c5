import { buildCommitteeReport } from '../export/docx/committee-report.ts';
import { exportCommitteeSummary } from '../export/xlsx/committee-summary.ts';
import { write } from '../ledger.ts';
import { committeeYear } from '../modules/committee/overview.ts';
import { listUnits } from '../modules/org/units.ts';
import { ledgerFonts } from '../modules/settings/document-settings.ts';
import type { Handlers, LedgerRef } from './types.ts';

type Methods = Extract<keyof Handlers, `committee.${string}`>;

/** The committee's (auditor's) view over every 党支部 of the ledger, and its two reports. */
export function committeeHandlers(ledger: LedgerRef): Pick<Handlers, Methods> {
  const audited = (year: number, what: string, fileName: string) =>
    write(ledger(), () => ({
      result: null,
      audit: {
        action: 'committee.export',
        entity: 'org_unit',
        entityId: listUnits(ledger()).find((u) => u.parentId === null)?.id ?? null,
        after: { year, fileName },
        summary: `导出${year}年度${what}`,
      },
    }));
  return {
    'committee.overview': (input) => committeeYear(ledger(), input.year).overview,
    'committee.summaryWorkbook': async (input) => {
      const file = await exportCommitteeSummary(ledger(), committeeYear(ledger(), input.year));
      audited(input.year, '党支部工作台账检查汇总表（Excel）', file.fileName);
      return { fileName: file.fileName, dataBase64: file.buffer.toString('base64'), warnings: [] };
    },
    'committee.reportDocx': async (input) => {
      const committee = listUnits(ledger()).find((u) => u.parentId === null)?.name ?? '';
      const doc = await buildCommitteeReport(committeeYear(ledger(), input.year), committee, ledgerFonts(ledger()));
      audited(input.year, '党支部工作台账检查情况报告（Word）', doc.fileName);
      return { fileName: doc.fileName, dataBase64: doc.buffer.toString('base64'), warnings: doc.problems };
    },
  };
}
