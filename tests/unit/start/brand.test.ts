import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { brandedMessages, checkDeskUrl, readBrand } from '../../../scripts/brand';
import { renderIcons } from '../../../scripts/brand-icons';

let dir: string;
const VALID = {
  name: 'Acme Help',
  shortName: 'Acme',
  description: 'Support chat',
  icon: 'icon.svg',
  colors: { accent: '#0f766e' },
  deskUrl: 'https://chat.acme.example',
  defaultLocale: 'de',
  firefoxId: 'help@acme.example',
};

function brandWith(changes: Record<string, unknown>): string {
  writeFileSync(join(dir, 'brand.json'), JSON.stringify({ ...VALID, ...changes }));
  return dir;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'brand-'));
  writeFileSync(
    join(dir, 'icon.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#f00"/></svg>',
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('checkDeskUrl', () => {
  it('accepts https anywhere and http only on this machine', () => {
    expect(checkDeskUrl('https://chat.acme.example/livechat', 'x')).toBe('https://chat.acme.example');
    expect(checkDeskUrl('http://127.0.0.1:3000', 'x')).toBe('http://127.0.0.1:3000');
    expect(checkDeskUrl('http://localhost:3000', 'x')).toBe('http://localhost:3000');
  });

  it('refuses clear text to another host, other schemes and non-addresses, naming the source', () => {
    expect(() => checkDeskUrl('http://chat.acme.example', 'LQS_SERVER_URL')).toThrow(
      "LQS_SERVER_URL: http://chat.acme.example would send visitors' messages unencrypted; use https://",
    );
    expect(() => checkDeskUrl('ftp://chat.acme.example', 'brand')).toThrow('must be an https:// address');
    expect(() => checkDeskUrl('chat.acme.example', 'brand')).toThrow('is not a web address');
  });
});

describe('readBrand', () => {
  it('reads a valid brand with its icon path resolved', () => {
    const brand = readBrand(brandWith({}));
    expect(brand).toMatchObject({ name: 'Acme Help', defaultLocale: 'de', icon: join(dir, 'icon.svg') });
    // Other desks are allowed unless the brand says otherwise.
    expect(brand.allowOtherDesks).toBe(true);
    expect(readBrand(brandWith({ allowOtherDesks: false })).allowOtherDesks).toBe(false);
  });

  it('names the field of every mistake', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: '' }, '"name" must be a non-empty string'],
      [{ shortName: 'Much too long a name' }, '"shortName" is longer than 12 characters'],
      [{ icon: 'missing.svg' }, '"icon" must name an SVG file'],
      [{ colors: { accent: 'teal' } }, 'colors.accent must be a #rrggbb colour'],
      [{ deskUrl: 'http://chat.acme.example' }, 'deskUrl: http://chat.acme.example would send'],
      [{ defaultLocale: 'fr' }, 'defaultLocale must be one of en, pt_BR, de'],
      [{ firefoxId: 'acme' }, 'firefoxId must look like'],
      [{ allowOtherDesks: 'no' }, 'allowOtherDesks must be true or false'],
    ];
    for (const [change, message] of cases) expect(() => readBrand(brandWith(change))).toThrow(message);
    writeFileSync(join(dir, 'brand.json'), '{ not json');
    expect(() => readBrand(dir)).toThrow(join(dir, 'brand.json'));
  });

  it('puts the brand texts into a locale file and keeps the rest', () => {
    const messages = {
      extName: { message: 'Livechat' },
      extDescription: { message: 'd' },
      send: { message: 'Senden' },
    };
    expect(JSON.parse(brandedMessages(messages, readBrand(brandWith({}))))).toEqual({
      extName: { message: 'Acme Help' },
      extShortName: { message: 'Acme' },
      extDescription: { message: 'Support chat' },
      send: { message: 'Senden' },
    });
  });
});

describe('renderIcons', () => {
  it('renders the SVG to a PNG of each size', async () => {
    const icons = await renderIcons(join(dir, 'icon.svg'), [16, 48], join(dir, 'out'));
    for (const [size, path] of icons) {
      const png = readFileSync(path);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    expect([...icons.keys()]).toEqual([16, 48]);
  });
});
