// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { AttachmentView } from '../../../components/Attachments';

afterEach(cleanup);

const SERVER = 'https://chat.example.com';

describe('attachments', () => {
  it('shows an image from the desk at once', () => {
    const { container } = render(
      <AttachmentView
        attachment={{ title: 'a.png', url: `${SERVER}/file-upload/1/a.png`, imageUrl: `${SERVER}/file-upload/1/a.png` }}
        serverUrl={SERVER}
      />,
    );
    expect(container.querySelector('img')?.getAttribute('src')).toBe(`${SERVER}/file-upload/1/a.png`);
  });

  it('holds an image from another origin behind a button naming its host', async () => {
    const { container } = render(
      <AttachmentView
        attachment={{ title: 'a.png', url: 'https://cdn.example.org/a.png', imageUrl: 'https://cdn.example.org/a.png' }}
        serverUrl={SERVER}
      />,
    );
    expect(container.querySelector('img')).toBeNull();
    screen.getByRole('button', { name: 'Load image from cdn.example.org' }).click();
    await waitFor(() =>
      expect(container.querySelector('img')?.getAttribute('src')).toBe('https://cdn.example.org/a.png'),
    );
  });
});
