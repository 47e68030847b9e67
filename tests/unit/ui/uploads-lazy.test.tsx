// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { cleanup, screen } from '@testing-library/preact';
import { afterEach, expect, it, vi } from 'vitest';
import { testConfig } from './config';
import { flush } from './fake-worker';
import { renderChat } from './render-chat';

const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../components/UploadList', async (original) => {
  loads.count += 1;
  return await original();
});

afterEach(cleanup);

it('loads the upload list’s code with the first upload, not with a chat that has none (issue 12)', async () => {
  const chat = await renderChat({ config: testConfig({ fileUpload: true }) });
  await flush();
  expect(screen.getByRole('textbox')).toBeTruthy();
  expect(loads.count).toBe(0);
  chat.worker.emit('patch', {
    uploads: [{ id: 'u1', name: 'a.pdf', size: 10, phase: 'receiving', received: 1, error: null }],
  });
  expect(await screen.findByRole('list', { name: 'Files being sent' })).toBeTruthy();
  expect(loads.count).toBe(1);
  chat.cleanup();
});
