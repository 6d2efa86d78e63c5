/**
 * 发展党员 and 换届选举 through the real renderer, bridge and core, on a fresh ledger whose branch, twelve
 * 正式党员 and one 支部党员大会 come through the bridge API. A clerk takes an applicant through all 25
 * steps on the board and in the dossier (an activist named 发展对象 too early is refused with the rule and
 * its source; short training is accepted only with a 书面理由; a 转正 meeting before the probation ends is
 * refused), sees the roster follow; then registers the term, runs an election from 请示 to 报批 (a short
 * candidate list and a candidate as 监票人 are refused), reads the 选举结果报告单 and finishes the 换届:
 * the committee and the term change. Dates are relative to today (the server's clock).
 */
import dayjs from 'dayjs';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { findChromium, type LedgerServer, snap, textOf, useBrowserSession } from './harness.ts';

const CHROMIUM = findChromium();
const BRANCH = '中共示范科技有限公司第二支部委员会';
const APPLICANT = '林小红';

const T = dayjs().startOf('day');
const iso = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');
/** The 支部大会 that accepts the applicant: the probation it starts ended 15 days ago. */
const ACCEPTED = T.subtract(12, 'month').subtract(15, 'day');
const PROBATION_END = ACCEPTED.add(12, 'month');
const NAMED_ACTIVIST = ACCEPTED.subtract(16, 'month');
const APPLIED = ACCEPTED.subtract(18, 'month');
const SINCE = iso(T.subtract(5, 'year'));

const MEMBERS = [
  { name: '王建国', gender: '男' },
  { name: '李秀英', gender: '女' },
  { name: '张伟', gender: '男' },
  { name: '刘洋', gender: '男' },
  { name: '陈静', gender: '女', post: '书记' },
  { name: '赵敏', gender: '女', post: '组织委员' },
  { name: '孙丽', gender: '女', post: '宣传委员' },
  { name: '周强', gender: '男' },
  { name: '吴刚', gender: '男' },
  { name: '郑红', gender: '女' },
  { name: '冯涛', gender: '男' },
  { name: '何梅', gender: '女' },
] as const;

interface Unit {
  id: number;
  kind: string;
}

describe.skipIf(!CHROMIUM)('a clerk develops a member from application to 正式党员 and runs a 换届选举', () => {
  const session = useBrowserSession('dev-');
  let server: LedgerServer;
  let page: Page;
  let branchId = 0;

  /** One contract method through the bridge with the session token, as the renderer calls it. */
  const api = async <T>(method: string, input: unknown): Promise<T> => {
    const response = await fetch(`${server.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
      body: JSON.stringify(input),
    });
    const body = (await response.json()) as { ok: true; value: T } | { ok: false; error: unknown };
    if (!body.ok) throw new Error(`${method} refused: ${JSON.stringify(body.error)}`);
    return body.value;
  };

  beforeAll(async () => {
    ({ server, page } = session);
    const units = await api<Unit[]>('org.setup', {
      committee: { name: '中共示范科技有限公司委员会' },
      branches: [{ name: BRANCH, groups: ['第一党小组'] }],
    });
    branchId = (units.find((unit) => unit.kind === '党支部') as Unit).id;
    const ids: number[] = [];
    for (const [index, member] of MEMBERS.entries()) {
      const created = await api<{ id: number }>('member.create', {
        branchId,
        name: member.name,
        gender: member.gender,
        birthDate: `19${70 + index}-03-1${index % 10}`,
        joinDate: '2000-07-01',
        fullDate: '2001-07-01',
        since: SINCE,
      });
      ids.push(created.id);
      if ('post' in member) {
        await api('member.assignPost', { memberId: created.id, post: member.post, unitId: branchId, fromDate: SINCE });
      }
    }
    // The 支部党员大会 that votes on the applicant: everyone present.
    await api('life.save', {
      branchId,
      kind: '党员大会',
      title: '讨论接收林小红为预备党员',
      heldOn: iso(ACCEPTED),
      attendance: ids.map((memberId, index) => ({ memberId, name: MEMBERS[index]?.name, status: '出席' })),
    });
  });

  const formItem = (scope: Page | Locator, label: string) =>
    scope.locator('.ant-form-item').filter({ has: page.locator(`label[title="${label}"]`) });
  const fillIn = (scope: Page | Locator, label: string, value: string) =>
    formItem(scope, label).locator('input, textarea').first().fill(value);
  const typeDate = async (scope: Page | Locator, label: string, value: dayjs.Dayjs) => {
    const input = formItem(scope, label).locator('input');
    await input.click();
    await input.fill(iso(value));
    await input.press('Enter');
  };
  /** An option of the open dropdown (not one still fading out after an earlier choice). */
  const pickOption = (text: string) =>
    page
      .locator('.ant-select-dropdown:visible:not([class*="-leave"])')
      .last()
      .locator('.ant-select-item-option', { hasText: text })
      .first()
      .click();
  /** Types into the open select's search (its list is virtual: not every option is rendered) and picks. */
  const choose = async (text: string, search = text) => {
    await page.keyboard.type(search);
    await pickOption(text);
  };
  /** Opens a select once its options have loaded (they follow the date typed just before). */
  const openSelect = async (scope: Locator, label: string) => {
    await formItem(scope, label).locator('.anticon-loading').waitFor({ state: 'detached' });
    await formItem(scope, label).locator('.ant-select').click();
  };
  const pickMembers = async (scope: Locator, label: string, names: string[]) => {
    await openSelect(scope, label);
    for (const name of names) await choose(name);
    await page.keyboard.press('Escape');
  };
  /** Fills inputs by their accessible label: { 赞成: '11', 反对: '1' }. */
  const fillLabels = async (scope: Locator, values: Record<string, string>) => {
    for (const [label, value] of Object.entries(values)) await scope.getByLabel(label, { exact: true }).fill(value);
  };
  const stepForm = () => page.locator('.dev-form-card');
  const refusal = () => stepForm().locator('.ant-alert-error');
  /** Lets the stacked 已登记 toasts fade so a screenshot shows the form, not them. */
  const quietSnap = async (name: string, showRefusal = false) => {
    if (showRefusal) await refusal().evaluate((alert) => alert.scrollIntoView({ block: 'start' }));
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
    await snap(page, name);
  };

  const submitStep = (no: number) =>
    stepForm()
      .getByRole('button', { name: new RegExp(`登记第${no}步 |附书面理由保存`) })
      .click();
  /** Records the step now offered in the dossier: date, then whatever the step needs, then 登记. */
  const record = async (no: number, date: dayjs.Dayjs, fill?: (card: Locator) => Promise<void>) => {
    const card = stepForm();
    await card
      .locator('.ant-card-head')
      .getByText(new RegExp(`^登记：第${no}步 `))
      .waitFor();
    await typeDate(card, '日期', date);
    if (fill) await fill(card);
    await submitStep(no);
    await page.getByText(new RegExp(`^已登记 ${APPLICANT}：第${no}步 `)).waitFor();
  };

  const electionPanel = () => page.locator('.el-step-panel');
  /** Records the election step on screen (the procedure always shows the first open one). */
  const recordElectionStep = async (no: number, date: dayjs.Dayjs, docNo?: string) => {
    const panel = electionPanel();
    await panel
      .locator('.el-step-title')
      .getByText(new RegExp(`^第 ${no} 步`))
      .waitFor();
    await typeDate(panel, '日期', date);
    if (docNo) await fillIn(panel, '文号', docNo);
    await panel.getByRole('button', { name: `登记第 ${no} 步` }).click();
    await page
      .locator('.el-steps .ant-steps-item-finish')
      .nth(no - 1)
      .waitFor();
  };

  it('enters an applicant from the 发展党员 board', async () => {
    await page.goto(server.url.replace('#/', `#/branch/${branchId}/development`));
    await page.getByRole('heading', { name: '发展党员' }).waitFor();
    expect((await textOf(page.locator('.dev-board'))).replace(/\s+/g, ' ')).toMatch(
      /申请入党 0 .*入党积极分子 0 .*发展对象 0 .*预备党员 0 .*正式党员（\d{4}年） 0/,
    );
    await page.getByRole('button', { name: '新增入党申请人' }).click();
    const modal = page.getByRole('dialog').filter({ hasText: '新增入党申请人' });
    await fillIn(modal, '姓名', APPLICANT);
    await modal.getByText('女', { exact: true }).click();
    await typeDate(modal, '出生日期', dayjs('1998-04-12'));
    await fillIn(modal, '电话', '13800001234');
    await fillIn(modal, '岗位', '技术员');
    await typeDate(modal, '递交申请书日期', APPLIED);
    await snap(page, 'dev-01-new-applicant');
    await modal.getByRole('button', { name: '登记申请' }).click();
    await page.getByText(`已登记 ${APPLICANT} 的入党申请`).waitFor();

    // The dossier opens on the new person with the next step, 派人谈话, and its one-month deadline.
    await stepForm().getByText('登记：第2步 党组织派人谈话').waitFor();
    expect(await textOf(stepForm())).toContain(`派人谈话：收到入党申请书后 1 个月内`);
    expect(await textOf(page.locator('.ant-drawer-title'))).toContain(`${APPLICANT} · 发展党员全程记实`);
    await snap(page, 'dev-02-dossier-opened');
  });

  it('records the 申请 and 积极分子 stages, refusing a 发展对象 named before a full year', async () => {
    await record(2, APPLIED.add(20, 'day'), async (card) => {
      await fillIn(card, '谈话人', '陈静');
      await page.keyboard.press('Escape');
    });
    await record(3, NAMED_ACTIVIST, async (card) => {
      await fillIn(card, '决定人', '支委会');
    });
    await record(4, NAMED_ACTIVIST.add(5, 'day'));
    await record(5, NAMED_ACTIVIST.add(10, 'day'), (card) =>
      pickMembers(card, '培养联系人（1至2名正式党员）', ['李秀英', '张伟']),
    );
    await record(6, NAMED_ACTIVIST.add(6, 'month'));

    // Eleven months after being named 积极分子: refused, with the rule id and its source.
    const card = stepForm();
    await card
      .locator('.ant-card-head')
      .getByText(/^登记：第7步 /)
      .waitFor();
    await typeDate(card, '日期', NAMED_ACTIVIST.add(11, 'month'));
    await submitStep(7);
    await refusal().waitFor();
    const refused = await textOf(refusal());
    expect(refused).toContain('不符合发展党员工作规定，未保存');
    expect(refused).toMatch(/DEV-07：确定为入党积极分子.*满 12 个月后.*才能确定为发展对象.*（依据：/s);
    await quietSnap('dev-03-refused-candidate-too-early');

    await record(7, ACCEPTED.subtract(3, 'month'));
    expect(await textOf(page.locator('.ant-drawer-title'))).toContain('发展对象');
  });

  it('records the 发展对象 stage, with short training accepted only with a 书面理由', async () => {
    await record(8, ACCEPTED.subtract(3, 'month').add(5, 'day'));
    // 入党介绍人 default to the 培养联系人.
    await stepForm().getByText('登记：第9步 确定入党介绍人').waitFor();
    expect(await textOf(formItem(stepForm(), '入党介绍人（2名正式党员）'))).toMatch(/李秀英[\s\S]*张伟/);
    await record(9, ACCEPTED.subtract(2, 'month').subtract(10, 'day'));
    await record(10, ACCEPTED.subtract(2, 'month'));

    const card = stepForm();
    await card.getByText('登记：第11步 开展集中培训').waitFor();
    await typeDate(card, '日期', ACCEPTED.subtract(1, 'month').subtract(10, 'day'));
    await card.getByLabel('培训天数').fill('2');
    await submitStep(11);
    await formItem(card, '书面理由').waitFor();
    expect(await textOf(refusal())).toMatch(/DEV-11：集中培训 2 天，不足 3 天或 24 学时/);
    await fillIn(card, '书面理由', '本人因抗洪抢险缺训一天，已由党委组织补课，经党委同意');
    await quietSnap('dev-04-training-written-reason', true);
    await card.getByRole('button', { name: '附书面理由保存' }).click();
    await page.getByText(new RegExp(`^已登记 ${APPLICANT}：第11步 `)).waitFor();
    await page
      .locator('.dev-record[data-step="11"]')
      .getByText(/书面理由：本人因抗洪抢险/)
      .waitFor();
  });

  it('accepts the 预备党员 in the 支部大会 chosen from the meeting records, and the roster follows', async () => {
    await record(12, ACCEPTED.subtract(1, 'month'));
    await record(13, ACCEPTED.subtract(20, 'day'));
    await record(14, ACCEPTED.subtract(10, 'day'));

    const card = stepForm();
    await card.getByText('登记：第15步 支部大会讨论').waitFor();
    await typeDate(card, '日期', ACCEPTED);
    await openSelect(card, '支部党员大会记录');
    await choose('讨论接收林小红为预备党员', '林小红');
    // The meeting and the step share their date.
    expect(await formItem(card, '日期').locator('input').inputValue()).toBe(iso(ACCEPTED));
    await fillLabels(card, { 赞成: '11', 反对: '1', 弃权: '0' });
    await quietSnap('dev-05-vote-from-meeting');
    await submitStep(15);
    await page.getByText(/^已登记 林小红：第15步 .*已列入党员花名册（预备党员）/).waitFor();
    expect(await textOf(page.locator('.dev-record[data-step="15"]'))).toContain(
      '表决：应到会有表决权 12 人，实到 12 人，书面意见 0 份；赞成 11、反对 1、弃权 0',
    );
    expect(await textOf(page.locator('.ant-drawer-body .ant-descriptions'))).toContain(iso(PROBATION_END));
  });

  it('takes the 预备党员 through probation to 正式党员, refusing a 转正 meeting before the probation ends', async () => {
    await record(16, ACCEPTED.add(20, 'day'), async (card) => {
      await fillIn(card, '谈话人', '党委组织员 孙立');
      await page.keyboard.press('Escape');
    });
    await record(17, ACCEPTED.add(1, 'month').add(10, 'day'), async (card) => {
      await fillIn(card, '文号', '示委组〔2025〕12号');
    });
    await record(18, ACCEPTED.add(1, 'month').add(20, 'day'));
    await record(19, ACCEPTED.add(2, 'month'));
    await record(20, ACCEPTED.add(2, 'month').add(5, 'day'));
    await record(21, ACCEPTED.add(6, 'month'));
    await record(22, T.subtract(40, 'day'));

    const card = stepForm();
    await card.getByText('登记：第23步 支部大会讨论').waitFor();
    await card.getByText('手工填写应到、实到人数').click();
    await fillLabels(card, { 应到会有表决权人数: '12', 实到会有表决权人数: '11', 赞成: '10', 反对: '1', 弃权: '0' });
    await card.getByText('按期转正', { exact: true }).click();
    await typeDate(card, '日期', PROBATION_END.subtract(1, 'day'));
    await submitStep(23);
    await refusal().waitFor();
    expect(await textOf(refusal())).toMatch(/DEV-23：预备期于 .* 届满，转正支部大会不能提前召开/);
    await quietSnap('dev-06-conversion-refused-before-probation-end', true);

    await typeDate(card, '日期', T.subtract(10, 'day'));
    await submitStep(23);
    await page.getByText(/^已登记 林小红：第23步 /).waitFor();
    await record(24, T.subtract(3, 'day'));
    await page.getByText(`已转为正式党员，党龄自 ${iso(PROBATION_END)} 起计算`).waitFor();
    await record(25, T);

    expect(await textOf(page.locator('.ant-drawer-title'))).toMatch(/正式党员[\s\S]*已转正/);
    await page.locator('.dev-record[data-step="25"]').waitFor();
    await page.locator('.ant-drawer-body').evaluate((body) => body.scrollTo(0, 0));
    await quietSnap('dev-07-dossier-complete');
    await page.getByRole('tab', { name: /档案材料/ }).click();
    const archive = page.getByRole('list', { name: '档案材料' });
    expect(await textOf(archive)).toContain('转正申请书');
    expect(await archive.locator('.dev-archive-missing').count()).toBe(0);
    await quietSnap('dev-08-archive');

    await page.locator('.ant-drawer-close').click();
    const converted = page.locator('.dev-column', { hasText: '正式党员（' });
    await converted.locator(`.dev-card[data-person="${APPLICANT}"]`).waitFor();
    expect(await textOf(converted)).toContain('已转正');
    await quietSnap('dev-09-board');

    await page.goto(server.url.replace('#/', `#/branch/${branchId}/roster`));
    // On the roster: 入党时间 the day the 支部大会 accepted her, 正式 from the end of probation.
    const row = page.locator('.roster-table .ant-table-row', { hasText: APPLICANT });
    await row.waitFor();
    const rosterRow = await textOf(row);
    expect(rosterRow).toContain(iso(ACCEPTED));
    expect(rosterRow).toContain(iso(PROBATION_END));
    expect(rosterRow).toContain('正式');
  });

  it('registers the term, which is about to expire', async () => {
    await page.goto(server.url.replace('#/', `#/branch/${branchId}/elections`));
    await page.getByRole('heading', { name: '换届选举' }).waitFor();
    await page.getByRole('button', { name: '登记任期' }).click();
    const modal = page.getByRole('dialog').filter({ hasText: '登记本届支委会任期' });
    await typeDate(modal, '任期起始日期', T.subtract(3, 'year').add(3, 'month'));
    await modal.getByRole('button', { name: '保存' }).click();
    await page.getByText(/^已登记任期：/).waitFor();
    const term = page.locator('.el-term-card');
    await term.getByText('即将届满').waitFor();
    expect(await textOf(page.getByTestId('committee'))).toMatch(/书记 陈静[\s\S]*组织委员 赵敏[\s\S]*宣传委员 孙丽/);
    await snap(page, 'election-01-term-warning');
  });

  it('runs the election from 请示 to the vote, refusing too few candidates and a candidate as 监票人', async () => {
    await page.getByRole('button', { name: '启动换届' }).click();
    const modal = page.getByRole('dialog').filter({ hasText: '启动换届选举' });
    await modal.getByRole('button', { name: '启动' }).click();
    await page.getByText('已启动换届选举（应选 3 名委员）').waitFor();

    const panel = electionPanel();
    await recordElectionStep(1, T.subtract(60, 'day'));
    await recordElectionStep(2, T.subtract(55, 'day'), '示二支〔2026〕1号');
    await recordElectionStep(3, T.subtract(50, 'day'), '示委组〔2026〕8号');
    await recordElectionStep(4, T.subtract(45, 'day'));
    await recordElectionStep(5, T.subtract(40, 'day'));

    // 3 seats need at least 4 candidates: the counter says so, and the ledger refuses three.
    await panel
      .locator('.el-step-title')
      .getByText(/^第 6 步/)
      .waitFor();
    const candidates = panel.locator('.el-sub-card', { hasText: '正式候选人' });
    await candidates.locator('.ant-select').click();
    for (const name of ['张伟', '王建国', '李秀英']) await choose(name);
    await page.keyboard.press('Escape');
    expect(await textOf(page.getByTestId('candidate-counter'))).toMatch(/已选 3 名.*至少 4 名.*还差 1 名/);
    await candidates.getByRole('button', { name: '保存候选人名单' }).click();
    await candidates
      .locator('.ant-alert-error')
      .getByText(/至少 4 名，现有 3 名/)
      .first()
      .waitFor();
    await candidates.locator('.ant-select').click();
    await choose('刘洋');
    await page.keyboard.press('Escape');
    expect(await textOf(page.getByTestId('candidate-counter'))).toContain('符合差额要求');
    await candidates.getByRole('button', { name: '保存候选人名单' }).click();
    // Listed back in 姓氏笔画 order: 王(4) 刘(6) 李(7, 横 first) 张(7, 横折 first).
    await expect.poll(() => textOf(page.getByTestId('candidate-list'))).toMatch(/王建国\s*刘洋\s*李秀英\s*张伟/);
    await quietSnap('election-02-candidates');
    await recordElectionStep(6, T.subtract(35, 'day'));
    await recordElectionStep(7, T.subtract(30, 'day'));
    await recordElectionStep(8, T.subtract(20, 'day'));

    const scrutineers = panel.locator('.el-sub-card', { hasText: '监票人' }).first();
    await scrutineers.locator('.ant-select').click();
    await choose('王建国（候选人）', '王建国');
    await page.keyboard.press('Escape');
    await scrutineers.getByRole('button', { name: '保存监票人' }).click();
    await scrutineers.getByText('监票人不能是候选人。').waitFor();
    await quietSnap('election-03-scrutineer-refused');
    await scrutineers.locator('.ant-select-selection-item-remove').first().click();
    await scrutineers.locator('.ant-select').click();
    await choose('吴刚');
    await choose('郑红');
    await page.keyboard.press('Escape');
    await scrutineers.getByRole('button', { name: '保存监票人' }).click();
    await scrutineers.getByText('已确定：吴刚、郑红').waitFor();
  });

  it('counts the votes and shows the 选举结果报告单', async () => {
    const tally = page.locator('.el-sub-card', { hasText: '计票' });
    expect(await formItem(tally, '选举日期').locator('input').inputValue()).toBe(iso(T.subtract(20, 'day')));
    await page.getByTestId('voters-on-day').getByText('有选举权的正式党员 12 人').waitFor();
    await tally.getByRole('button', { name: '添加不计入人员' }).click();
    await tally.getByLabel('不计入的党员').click();
    await choose('周强');
    await tally.getByLabel('不计入的原因').fill('自费出国半年以上');
    await page.keyboard.press('Escape');
    await tally.getByLabel('上级同意文号').fill('示委组〔2026〕11号');
    await fillLabels(tally, {
      实到会人数: '10',
      发出选票: '10',
      收回选票: '10',
      无效选票: '0',
      王建国的赞成票: '9',
      刘洋的赞成票: '8',
      李秀英的赞成票: '7',
      张伟的赞成票: '2',
    });
    await tally.getByRole('button', { name: '保存计票结果' }).click();

    const report = page.getByTestId('tally-report');
    await report.waitFor();
    const text = await textOf(report);
    expect(text).toContain('周强（自费出国半年以上；上级同意 示委组〔2026〕11号）');
    expect(text).toMatch(/应到会\s*11 人/);
    expect(text).toContain('超过五分之四，会议有效');
    expect(text).toContain('收回数不多于发出数，有效');
    expect(text).toContain('赞成票至少 6 票');
    expect(await textOf(page.getByTestId('elected'))).toContain('王建国、刘洋、李秀英');
    expect(text).toContain('监票人：吴刚、郑红');
    await report.scrollIntoViewIfNeeded();
    await quietSnap('election-04-tally-report');
  });

  it('records 第一次支委会 and 报批, finishes the 换届, and the committee and the term change', async () => {
    await recordElectionStep(9, T.subtract(15, 'day'));
    await recordElectionStep(10, T.subtract(5, 'day'), '示二支〔2026〕6号');

    const finish = page.locator('.el-finish-card');
    expect(await formItem(finish, '第一次支委会日期').locator('input').inputValue()).toBe(iso(T.subtract(15, 'day')));
    for (const [name, post] of [
      ['王建国', '书记'],
      ['刘洋', '组织委员'],
      ['李秀英', '宣传委员'],
    ]) {
      await finish.getByLabel(`${name}的分工`).click();
      await pickOption(post as string);
    }
    await finish.getByRole('button', { name: '完成换届' }).click();
    await page.getByText('换届已完成：新一届支委会分工已生效，任期重新计算').waitFor();

    const term = page.locator('.el-term-card');
    await term.getByText('任期内').waitFor();
    expect(await textOf(page.getByTestId('term-dates'))).toContain(
      `${iso(T.subtract(20, 'day'))} 至 ${iso(T.subtract(20, 'day').add(3, 'year'))}`,
    );
    await expect
      .poll(() => textOf(page.getByTestId('committee')))
      .toMatch(/^书记 王建国\s*组织委员 刘洋\s*宣传委员 李秀英$/);
    expect(await textOf(page.locator('.el-docs'))).toContain('已形成 18 / 18');
    await quietSnap('election-05-finished');

    await page.goto(server.url.replace('#/', `#/branch/${branchId}/roster`));
    const row = (name: string) => page.locator('.roster-table .ant-table-row', { hasText: name });
    await row('王建国').waitFor();
    expect(await textOf(row('王建国'))).toContain('书记');
    expect(await textOf(row('陈静'))).not.toContain('书记');
    await snap(page, 'election-06-roster');
  });

  it('ran without script errors or CSP violations', () => {
    const known = /frame-ancestors' is ignored when delivered via a <meta> element/;
    expect(session.problems.filter((text) => !known.test(text))).toEqual([]);
  });
});
