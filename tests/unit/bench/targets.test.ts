import { describe, expect, it } from 'vitest';
import { formatTable, judge } from '../../../bench/targets';

describe('judge', () => {
  const targets = {
    'a.ms': { atMost: 100 },
    'b.ratio': { atLeast: 1 },
    'c.ours_ms': { atMost: 'c.theirs_ms' },
  };

  it('marks each figure with a target as met or not, and leaves the others alone', () => {
    const rows = judge({ 'a.ms': 100, 'b.ratio': 0.9, 'c.ours_ms': 2, 'c.theirs_ms': 3, 'd.kb': 7 }, targets);
    expect(rows.map((r) => [r.figure, r.target, r.met])).toEqual([
      ['a.ms', '≤ 100', 'yes'],
      ['b.ratio', '≥ 1', 'NO'],
      ['c.ours_ms', '≤ c.theirs_ms (3)', 'yes'],
      ['c.theirs_ms', '', ''],
      ['d.kb', '', ''],
    ]);
  });

  it('never counts a figure that could not be measured as met', () => {
    expect(judge({ 'a.ms': Number.NaN }, targets)[0]?.met).toBe('NO');
    expect(judge({ 'c.ours_ms': 1 }, targets)[0]?.met).toBe('NO');
  });
});

describe('formatTable', () => {
  it('aligns the columns, numbers to the right', () => {
    const text = formatTable(judge({ 'a.ms': 5, 'long.figure_name': 12.5 }, { 'a.ms': { atMost: 100 } }));
    expect(text.split('\n')).toEqual([
      'figure            value  target  met',
      '----------------  -----  ------  ---',
      'a.ms                  5  ≤ 100   yes',
      'long.figure_name   12.5',
    ]);
  });
});
