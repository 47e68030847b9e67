import { describe, expect, it, vi } from 'vitest';
import type { RestClient } from '../../../lib/livechat/rest';
import { readUploadLimits, uploadLimitsFrom, uploadRefusal } from '../../../lib/livechat/upload-limits';

const answer = (settings: Array<{ _id: string; value: unknown }>) => ({ settings, success: true });

describe('the desk’s upload limits', () => {
  it('reads size, accepted and blocked types from settings.public', () => {
    expect(
      uploadLimitsFrom(
        answer([
          { _id: 'FileUpload_MaxFileSize', value: 2_097_152 },
          { _id: 'FileUpload_MediaTypeWhiteList', value: ' image/* , application/PDF,' },
          { _id: 'FileUpload_MediaTypeBlackList', value: 'image/svg+xml' },
        ]),
      ),
    ).toEqual({ maxBytes: 2_097_152, accepted: ['image/*', 'application/pdf'], blocked: ['image/svg+xml'] });
    expect(uploadLimitsFrom(answer([{ _id: 'FileUpload_MaxFileSize', value: -1 }]))).toEqual({
      maxBytes: null,
      accepted: [],
      blocked: [],
    });
  });

  it('is null for an answer without them, and survives garbage', () => {
    expect(uploadLimitsFrom(answer([{ _id: 'Site_Name', value: 'x' }]))).toBeNull();
    expect(uploadLimitsFrom('nope')).toBeNull();
    expect(uploadLimitsFrom({ settings: [null, 3, { _id: 'FileUpload_MaxFileSize', value: '9' }] })).toEqual({
      maxBytes: null,
      accepted: [],
      blocked: [],
    });
  });

  it('refuses like Rocket.Chat: blocked first, then the accepted list, then the size', () => {
    const limits = { maxBytes: 100, accepted: ['image/*'], blocked: ['image/svg+xml'] };
    expect(uploadRefusal(limits, { type: 'image/png', size: 100 })).toBeNull();
    expect(uploadRefusal(limits, { type: 'image/svg+xml', size: 1 })).toEqual({ reason: 'type' });
    expect(uploadRefusal(limits, { type: 'text/plain', size: 1 })).toEqual({ reason: 'type' });
    expect(uploadRefusal(limits, { type: '', size: 1 })).toEqual({ reason: 'type' });
    expect(uploadRefusal(limits, { type: 'image/png', size: 101 })).toEqual({ reason: 'size', maxBytes: 100 });
    expect(uploadRefusal({ maxBytes: null, accepted: [], blocked: [] }, { type: '', size: 1e9 })).toBeNull();
    expect(uploadRefusal(undefined, { type: 'x/y', size: 1e9 })).toBeNull();
  });

  it('asks by _id (7.0+) and falls back to the JSON query older lines take', async () => {
    const get = vi.fn(async (_path: string, query?: Record<string, unknown>) =>
      query && '_id' in query
        ? answer([{ _id: 'API_Enable_CORS', value: true }])
        : answer([{ _id: 'FileUpload_MaxFileSize', value: 5 }]),
    );
    const rest = { get } as unknown as RestClient;
    expect(await readUploadLimits(rest)).toEqual({ maxBytes: 5, accepted: [], blocked: [] });
    expect(get.mock.calls.map((c) => c[1])).toEqual([
      { _id: 'FileUpload_MaxFileSize,FileUpload_MediaTypeWhiteList,FileUpload_MediaTypeBlackList' },
      {
        query: JSON.stringify({
          _id: { $in: ['FileUpload_MaxFileSize', 'FileUpload_MediaTypeWhiteList', 'FileUpload_MediaTypeBlackList'] },
        }),
      },
    ]);
  });
});
