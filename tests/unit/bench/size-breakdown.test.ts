import { describe, expect, it } from 'vitest';
import { attributeBytes, UNMAPPED } from '../../../bench/size-breakdown';

describe('attributeBytes', () => {
  it('gives each segment the bytes up to the next segment or the line end', () => {
    // Line 0: columns 0–2 from a.ts, 3–5 from b.ts. Line 1: column 2 on from a.ts again.
    const map = { sources: ['a.ts', 'b.ts'], mappings: 'AAAA,GCAA;EDAA' };
    expect(Object.fromEntries(attributeBytes('abcdef\nxyz', map))).toEqual({
      'a.ts': 3 + 1,
      'b.ts': 3,
      [UNMAPPED]: 1 + 2,
    });
  });

  it('counts a line without segments, and segments naming no source, as unmapped, and bytes as UTF-8', () => {
    const map = { sources: ['a.ts'], mappings: ';AAAA,E' };
    expect(Object.fromEntries(attributeBytes('glue\né!x', map))).toEqual({ 'a.ts': 3, [UNMAPPED]: 4 + 1 + 1 });
  });

  it('refuses text that is no source map', () => {
    expect(() => attributeBytes('a', { sources: ['a.ts'], mappings: 'A*AA' })).toThrow(/not a source-map segment/);
  });
});
