import { expect, it } from 'vitest';
import { preloadedChunks } from '../../scripts/preload-helper';

it('preloads the chunks a first screen’s part imports, without the part itself (its import fetches it)', () => {
  const chunks = ['chunks/RegistrationForm-a1.js', 'chunks/Field-b2.js', 'chunks/validate-c3.js'];
  expect(preloadedChunks('chunks/RegistrationForm-a1.js', chunks)).toEqual([
    'chunks/Field-b2.js',
    'chunks/validate-c3.js',
  ]);
});

it.each(['ChatMenu', 'ChatDialogs', 'PastChats', 'FilePreview', 'EditBar', 'DropZone', 'notification-focus'])(
  'leaves a part loaded on an action (%s) to fetch its own imports',
  (part) => {
    expect(preloadedChunks(`chunks/${part}-d4.js`, [`chunks/${part}-d4.js`, 'chunks/icons-more-e5.js'])).toEqual([]);
  },
);
