/**
 * The renderer keeps its own copies of the contract's code lists (importing electron/api as a
 * value would bundle zod). `tsc` already checks the lists item by item; this checks the labels too.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  GENDERS,
  MEMBER_FIELD_LABELS,
  MEMBER_STATUSES,
  ON_ROLL_STATUSES,
  ORG_KINDS,
  PARTY_POSTS,
} from '../../electron/api/index.ts';
import { PROJECT_ROOT } from '../e2e/harness.ts';

interface RendererConstants {
  ORG_KINDS: readonly string[];
  MEMBER_STATUSES: readonly string[];
  ON_ROLL_STATUSES: readonly string[];
  PARTY_POSTS: readonly string[];
  GENDERS: readonly string[];
  MEMBER_FIELD_LABELS: Record<string, string>;
  ETHNICITIES: readonly string[];
}

// Loaded by path so the Node tsconfig does not pull renderer sources into its program.
const constantsUrl = pathToFileURL(path.join(PROJECT_ROOT, 'renderer', 'src', 'api', 'constants.ts')).href;

describe('renderer code lists', () => {
  it('match the contract exactly, labels included', async () => {
    const renderer = (await import(/* @vite-ignore */ constantsUrl)) as RendererConstants;
    expect(renderer.ORG_KINDS).toEqual(ORG_KINDS);
    expect(renderer.MEMBER_STATUSES).toEqual(MEMBER_STATUSES);
    expect(renderer.ON_ROLL_STATUSES).toEqual(ON_ROLL_STATUSES);
    expect(renderer.PARTY_POSTS).toEqual(PARTY_POSTS);
    expect(renderer.GENDERS).toEqual(GENDERS);
    expect(renderer.MEMBER_FIELD_LABELS).toEqual(MEMBER_FIELD_LABELS);
  });

  it('list the 56 民族 once each, 汉族 first', async () => {
    const renderer = (await import(/* @vite-ignore */ constantsUrl)) as RendererConstants;
    expect(renderer.ETHNICITIES).toHaveLength(56);
    expect(new Set(renderer.ETHNICITIES).size).toBe(56);
    expect(renderer.ETHNICITIES[0]).toBe('汉族');
    expect(renderer.ETHNICITIES[55]).toBe('基诺族');
  });
});

describe('the renderer’s GB2312-only font rule', () => {
  it('agrees with the core on every suggested font and on typed names', async () => {
    const { isGb2312Font, COMMON_FONT_NAMES } = await import('../../electron/core/export/docx/fonts.ts');
    const rulesUrl = pathToFileURL(
      path.join(PROJECT_ROOT, 'renderer', 'src', 'modules', 'system', 'fontRules.ts'),
    ).href;
    const renderer = (await import(/* @vite-ignore */ rulesUrl)) as { isGb2312Only: (name: string) => boolean };
    const names = [...COMMON_FONT_NAMES, '仿宋_gb2312', 'FangSong_GB2312', '方正仿宋_GB18030', '楷体GB2312', ''];
    for (const name of names) expect(renderer.isGb2312Only(name), name).toBe(isGb2312Font(name));
    expect(renderer.isGb2312Only('仿宋_GB2312')).toBe(true);
  });
});
