import { expect, it } from 'vitest';
import { preloadedChunks } from '../../scripts/preload-helper';

it('preloads the chunks a first screen’s part imports, without the part itself (its import fetches it)', () => {
  const chunks = ['chunks/RegistrationForm.js', 'chunks/Field.js', 'chunks/validate.js'];
  expect(preloadedChunks('chunks/RegistrationForm.js', chunks)).toEqual(['chunks/Field.js', 'chunks/validate.js']);
});

it.each(['ChatMenu', 'ChatDialogs', 'PastChats', 'FilePreview', 'EditBar', 'DropZone', 'notification-focus'])(
  'leaves a part loaded on an action (%s) to fetch its own imports',
  (part) => {
    expect(preloadedChunks(`chunks/${part}.js`, [`chunks/${part}.js`, 'chunks/icons-more.js'])).toEqual([]);
  },
);
