import { describe, expect, it } from 'vitest';
import { repairDesks } from '../../../lib/background/repair';

const URL_A = 'https://desk.example.com';
const base = { rid: 'R1', text: '', ts: 1, from: 'system', type: 'videoconf', author: {}, attachments: [] };

describe('a stored call message', () => {
  it('keeps its call across a restart, and drops a call with a link that is not http(s)', () => {
    const messages = [
      { ...base, id: 'm1', call: { url: 'https://meet.jit.si/C1', ended: false } },
      { ...base, id: 'm2', call: { url: null, ended: true } },
      { ...base, id: 'm3', call: { url: 'javascript:alert(1)', ended: false } },
      { ...base, id: 'm4', call: { url: 'https://meet.jit.si/C1', ended: 'no' } },
    ];
    const desks = repairDesks({ [URL_A]: { token: 'tok', messages } }).value;
    expect(desks[URL_A]!.messages.map((m) => m.call)).toEqual([
      { url: 'https://meet.jit.si/C1', ended: false },
      { url: null, ended: true },
      undefined,
      undefined,
    ]);
  });
});
