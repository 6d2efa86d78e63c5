import { describe, expect, it, vi } from 'vitest';
import { sortBySurnameStrokes, strokeKey, strokesCovered } from '../../../electron/core/rules/strokes.ts';

describe('sortBySurnameStrokes: stroke count of the surname, then 横竖撇点折, then the next character', () => {
  it.each([
    // Fewer strokes first: 丁 2, 于 3, 王 4.
    [
      ['王芳', '于谦', '丁一'],
      ['丁一', '于谦', '王芳'],
    ],
    // Same count (3): 于 starts 横, 马 starts 折.
    [
      ['马明', '于谦'],
      ['于谦', '马明'],
    ],
    // Four strokes: 王 横…, 毛 撇…, 方 点…, 孔 折….
    [
      ['孔明', '方平', '毛毛', '王芳'],
      ['王芳', '毛毛', '方平', '孔明'],
    ],
    // Five strokes, first stroke 横 for both 石 and 龙: the second stroke (撇) ties, the third decides (竖 before 折).
    [
      ['龙飞', '石头'],
      ['石头', '龙飞'],
    ],
    // Same surname: the given name decides; a shorter name first.
    [
      ['王一明', '王芳', '王一'],
      ['王一', '王一明', '王芳'],
    ],
    // Seven strokes: 李 横… before 张 折….
    [
      ['张伟', '李娜'],
      ['李娜', '张伟'],
    ],
  ])('%j → %j', (input, expected) => {
    expect(sortBySurnameStrokes(input)).toEqual(expected);
  });

  it('files a compound surname under its first character (欧阳 under 欧, 8 strokes; 司马 under 司, 5)', () => {
    expect(sortBySurnameStrokes(['欧阳修', '李娜', '司马光', '田野'])).toEqual(['田野', '司马光', '李娜', '欧阳修']);
  });

  it('ignores the padding clerks put in two-character names', () => {
    expect(strokeKey('王　芳')).toBe(strokeKey('王芳'));
    expect(strokeKey(' 王 芳 ')).toBe(strokeKey('王芳'));
  });

  it('orders characters with identical strokes by code point, so the order does not depend on the input', () => {
    const forms = ['巳某', '已某', '己某'];
    expect(sortBySurnameStrokes(forms)).toEqual(['己某', '已某', '巳某']);
    expect(sortBySurnameStrokes([...forms].reverse())).toEqual(['己某', '已某', '巳某']);
  });

  it('puts a character the data lacks after all others, by code point', () => {
    expect(strokesCovered('朱镕基')).toBe(true);
    expect(strokesCovered('𠮷田')).toBe(false);
    expect(sortBySurnameStrokes(['𠮷田', '齉某', 'Anna', '丁一'])).toEqual(['丁一', '齉某', 'Anna', '𠮷田']);
  });

  it('sorts records by their name and keeps the input order of equal names', () => {
    const people = [
      { id: 1, name: '张伟' },
      { id: 2, name: '丁一' },
      { id: 3, name: '张伟' },
    ];
    expect(sortBySurnameStrokes(people).map((p) => p.id)).toEqual([2, 1, 3]);
  });

  it('keys compare as plain strings', () => {
    expect(strokeKey('丁一') < strokeKey('于谦')).toBe(true);
    expect(strokeKey('王一') < strokeKey('王一明')).toBe(true);
  });
});

describe('strokes: the stroke data is bundled', () => {
  it('loads and answers with the network unavailable', async () => {
    vi.resetModules();
    const fetch = vi.fn(() => Promise.reject(new Error('offline')));
    vi.stubGlobal('fetch', fetch);
    try {
      const fresh = await import('../../../electron/core/rules/strokes.ts');
      expect(fresh.sortBySurnameStrokes(['王芳', '丁一'])).toEqual(['丁一', '王芳']);
      expect(fetch).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
