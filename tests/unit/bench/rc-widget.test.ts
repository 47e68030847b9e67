import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bootChunkIds, publicPath, rcWidgetDir, rcWidgetFirstOpen } from '../../../bench/rc-widget';

/** The shape of the official widget's webpack entry (bundle.*.js), shortened. */
const ENTRY =
  '!function(e){a.e=function(e){var t=[];return Promise.all(t)},a.p="livechat/";o.push([204,3]),r()}({571:function(e,t,r){' +
  'return e.next=2,Promise.all([r.e(4),r.e(5)]).then(r.t.bind(null,573,7))}});';

describe('the official widget’s first open', () => {
  it('finds the chunks its entry requests at boot, and its public path', () => {
    expect(bootChunkIds(ENTRY)).toEqual([4, 5]);
    expect(publicPath(ENTRY)).toBe('livechat/');
  });

  it.runIf(existsSync(rcWidgetDir()))(
    'lists the loader, the page’s scripts and the boot chunks of the installed build',
    () => {
      const files = rcWidgetFirstOpen();
      expect(files[0]).toBe('rocketchat-livechat.min.js');
      expect(files.some((f) => /^vendors~bundle\.chunk\.[0-9a-f]+\.js$/.test(f))).toBe(true);
      expect(files.filter((f) => /^[45]\.chunk\.[0-9a-f]+\.(js|css)$/.test(f))).toHaveLength(4);
      expect(files.every((f) => !f.startsWith('livechat/'))).toBe(true);
    },
  );
});
