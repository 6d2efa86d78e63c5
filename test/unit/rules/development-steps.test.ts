import { describe, expect, it } from 'vitest';
import {
  devArchiveItems,
  devStageTitles,
  devStepDefinitions,
  loadDevStepTemplates,
} from '../../../electron/core/rules/development-steps.ts';
import archive from '../../../templates/development/archive.json' with { type: 'json' };
import steps from '../../../templates/development/steps.json' with { type: 'json' };

describe('templates/development: the 25 steps and the archive list load and hold together', () => {
  it('has the 25 steps in order, five stages, 6 and 21 repeatable', () => {
    const defs = devStepDefinitions();
    expect(defs.map((d) => d.no)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(defs.filter((d) => d.repeatable).map((d) => d.no)).toEqual([6, 21]);
    expect(devStageTitles().map((s) => s.title)).toEqual([
      '一、申请入党',
      '二、入党积极分子的确定和培养教育',
      '三、发展对象的确定和考察',
      '四、预备党员的接收',
      '五、预备党员的教育考察和转正',
    ]);
    expect(defs.find((d) => d.no === 15)?.details).toEqual(['vote']);
    expect(defs.find((d) => d.no === 23)?.details).toEqual(['vote', 'outcome', 'extension']);
    for (const d of defs) expect(d.source.length).toBeGreaterThan(0);
  });

  it('names a step for every archive item, including the five 细则第三十七条 requires', () => {
    const items = devArchiveItems();
    expect(items.filter((i) => i.core).map((i) => i.item)).toEqual([
      '入党申请书',
      '入党积极分子培养教育考察登记表（含半年考察意见）',
      '政治审查材料及结论',
      '入党志愿书',
      '预备党员考察材料',
      '转正申请书',
    ]);
    for (const i of items) expect(i.stepNo).not.toBeNull();
  });

  it('refuses a pack whose steps are out of order or whose archive names a missing step', () => {
    const swapped = { ...steps, steps: [steps.steps[1], steps.steps[0], ...steps.steps.slice(2)] };
    expect(() => loadDevStepTemplates(swapped, archive)).toThrow(/step 1 is numbered 2/);
    const short = { ...steps, steps: steps.steps.slice(0, 24) };
    expect(() => loadDevStepTemplates(short, archive)).toThrow(/expected 25 steps/);
    const stray = { ...archive, items: [...archive.items, { item: '多余', stepNo: 26, core: false }] };
    expect(() => loadDevStepTemplates(steps, stray)).toThrow(/step 26/);
  });
});
