import { fakeBrowser } from 'wxt/testing/fake-browser';
import schema from '../../public/managed_schema.json';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadPolicy, locks, readPolicy, type ManagedArea } from '../../lib/managed';
import { DEFAULT_SETTINGS, effectiveSettings, loadSettings, settingsItem } from '../../lib/settings';

/** A managed storage area holding `policy`, as the browser fills it from an administrator's policy. */
function managedArea(policy: Record<string, unknown>): ManagedArea {
  return { get: async () => structuredClone(policy) };
}

const SAVED = {
  serverUrl: 'https://mine.example',
  desks: ['https://mine.example'],
  name: 'Ana',
  email: 'ana@example.com',
  notifications: false,
  allowCleartext: false,
};

describe('readPolicy', () => {
  it('keeps well-typed fields and drops everything else', () => {
    expect(
      readPolicy({
        deskUrl: ' https://help.acme.example ',
        allowOtherDesks: 'no',
        visitorName: 42,
        visitorEmail: '',
        visitorLocked: true,
        department: 'x'.repeat(5000),
        notifications: false,
        extra: 'ignored',
      }),
    ).toEqual({ deskUrl: 'https://help.acme.example', visitorLocked: true, notifications: false });
    for (const junk of [null, undefined, 'policy', 7, []]) expect(readPolicy(junk)).toEqual({});
  });
});

describe('loadPolicy', () => {
  it('is empty when the browser has no managed area or refuses the read (Firefox without a policy)', async () => {
    expect(await loadPolicy(undefined)).toEqual({});
    expect(await loadPolicy({ get: () => Promise.reject(new Error('Managed storage manifest not found')) })).toEqual(
      {},
    );
    expect(await loadPolicy(managedArea({ department: 'sales' }))).toEqual({ department: 'sales' });
  });
});

describe('effectiveSettings', () => {
  it('leaves unmanaged settings alone', () => {
    expect(effectiveSettings(SAVED, {})).toEqual(SAVED);
    expect(effectiveSettings(null, {})).toEqual(DEFAULT_SETTINGS);
  });

  it('fills what the visitor left empty with managed defaults, and never overrides a choice made', () => {
    const policy = {
      deskUrl: 'https://help.acme.example/',
      visitorName: 'Staff',
      visitorEmail: 'staff@acme.example',
      notifications: false,
      department: 'sales',
    };
    expect(effectiveSettings(null, policy)).toEqual({
      serverUrl: 'https://help.acme.example',
      desks: ['https://help.acme.example'],
      allowCleartext: false,
      name: 'Staff',
      email: 'staff@acme.example',
      notifications: false,
      department: 'sales',
    });
    expect(effectiveSettings({ ...SAVED, notifications: true }, policy)).toEqual({
      ...SAVED,
      notifications: true,
      department: 'sales',
    });
  });

  it('replaces the visitor’s values with locked ones', () => {
    const policy = {
      deskUrl: 'https://help.acme.example',
      allowOtherDesks: false,
      visitorName: 'Staff',
      visitorLocked: true,
    };
    expect(effectiveSettings(SAVED, policy)).toEqual({
      serverUrl: 'https://help.acme.example',
      desks: ['https://help.acme.example'],
      allowCleartext: false,
      name: 'Staff',
      email: '',
      notifications: false,
    });
    expect(locks(policy)).toEqual({ serverUrl: true, otherDesks: true, visitor: true });
  });

  it("takes a plain http:// desk the organization chose as its decision, not the visitor's to confirm", () => {
    const policy = { deskUrl: 'http://chat.intranet.example', allowOtherDesks: false };
    expect(effectiveSettings(SAVED, policy).allowCleartext).toBe(true);
    expect(effectiveSettings(SAVED, { deskUrl: 'http://chat.intranet.example' }).allowCleartext).toBe(false);
    expect(effectiveSettings(null, { deskUrl: 'http://chat.intranet.example' }).allowCleartext).toBe(true);
  });

  it('ignores a managed desk that is not a web address, and a lock on nothing', () => {
    const policy = readPolicy({ deskUrl: 'javascript:alert(1)', allowOtherDesks: false, visitorLocked: true });
    expect(effectiveSettings(SAVED, policy)).toEqual(SAVED);
    // Without a desk of its own, the policy still keeps the visitor to one desk: theirs.
    expect(locks({ allowOtherDesks: false, visitorLocked: true })).toEqual({
      serverUrl: false,
      otherDesks: true,
      visitor: false,
    });
  });
});

describe('loadSettings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads the saved settings under the policy; a visitor who never saved gets the managed defaults', async () => {
    const policy = { deskUrl: 'https://help.acme.example', notifications: false };
    expect(await loadSettings(managedArea(policy))).toEqual({
      settings: {
        ...DEFAULT_SETTINGS,
        serverUrl: 'https://help.acme.example',
        desks: ['https://help.acme.example'],
        notifications: false,
      },
      policy,
    });
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, notifications: true });
    expect((await loadSettings(managedArea(policy))).settings).toEqual({
      ...DEFAULT_SETTINGS,
      serverUrl: 'https://help.acme.example',
      desks: ['https://help.acme.example'],
      notifications: true,
    });
  });
});

describe('managed_schema.json', () => {
  it('declares exactly the settings readPolicy reads, with their types', () => {
    const sample = {
      deskUrl: 'https://help.acme.example',
      allowOtherDesks: false,
      visitorName: 'n',
      visitorEmail: 'e@x.example',
      visitorLocked: true,
      department: 'd',
      notifications: true,
    };
    expect(Object.keys(readPolicy(sample)).toSorted()).toEqual(Object.keys(schema.properties).toSorted());
    for (const [key, value] of Object.entries(sample)) {
      expect(schema.properties[key as keyof typeof schema.properties].type).toBe(typeof value);
    }
  });
});
