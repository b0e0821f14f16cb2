import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialsError } from '../../src/credentials.js';
import { BDC_URL } from '../../src/platform/endpoints.js';
import { normalizeEndpoint, platformShortName } from '../../src/platforms/names.js';
import { defaultEndpointOf, Platforms } from '../../src/platforms/platforms.js';
import { platformView, type WatchList } from '../../src/platforms/targets.js';
import type { Snapshot, WatchEntry } from '../../src/store/types.js';

const CGC = 'https://cgc-api.sbgenomics.com/v2';
const EU = 'https://eu-api.sbgenomics.com/v2';
const LAB = 'https://sb.lab.example.org/v2';

let home: string;
beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-plat-'));
});
afterEach(() => {
  fs.rmSync(home, { recursive: true, force: true });
});

function credentialsFile(text: string): void {
  fs.mkdirSync(path.join(home, '.sevenbridges'));
  fs.writeFileSync(path.join(home, '.sevenbridges', 'credentials'), text, { mode: 0o600 });
}

// [default] on BDC like the environment (deduplicated: the environment is first), two on CGC (the first wins).
const FILE = `[default]
api_endpoint = https://api.sb.biodatacatalyst.nhlbi.nih.gov/v2
auth_token = default-test-token

[cgc]
api_endpoint = https://CGC-API.sbgenomics.com:443/v2/
auth_token = cgc-test-token

[cgc-again]
api_endpoint = cgc
auth_token = cgc-again-test-token

[lab]
api_endpoint = ${LAB}
auth_token = lab-test-token
`;

const ENV = { SB_AUTH_TOKEN: 'env-test-token', SB_API_ENDPOINT: 'bdc' };

describe('names', () => {
  it('normalises an endpoint to one spelling, and names it', () => {
    expect(normalizeEndpoint('HTTPS://CGC-API.sbgenomics.com:443/v2/')).toBe(CGC);
    expect(normalizeEndpoint('https://api.sbgenomics.com')).toBe('https://api.sbgenomics.com/v2');
    expect(normalizeEndpoint('http://127.0.0.1:8080/v2')).toBe('http://127.0.0.1:8080/v2');
    expect(platformShortName(`${BDC_URL}/`)).toBe('bdc');
    expect(platformShortName(EU)).toBe('sbg-eu');
    expect(platformShortName(LAB, new Map([['lab', LAB]]))).toBe('lab');
    expect(platformShortName('http://127.0.0.1:8080/v2')).toBe('127.0.0.1:8080');
  });
});

describe('Platforms.fromCredentials', () => {
  it('holds every platform with credentials, one per endpoint, the first source winning', () => {
    credentialsFile(FILE);
    const platforms = Platforms.fromCredentials({ env: ENV, home });
    expect(
      platforms
        .all()
        .map((p) => ({ endpoint: p.endpoint, token: p.token, profile: p.profile, name: p.shortName })),
    ).toEqual([
      { endpoint: BDC_URL, token: 'env-test-token', profile: undefined, name: 'bdc' },
      { endpoint: CGC, token: 'cgc-test-token', profile: 'cgc', name: 'cgc' },
      { endpoint: LAB, token: 'lab-test-token', profile: 'lab', name: 'lab' },
    ]);
    expect(platforms.all()[0]!.source).toBe('SB_AUTH_TOKEN');
    expect(platforms.defaultEndpoint).toBe(BDC_URL);
    expect(platforms.isNarrowed).toBe(false);
    // One client per endpoint, made once.
    expect(platforms.get(CGC)!.client).toBe(platforms.get(`${CGC}/`)!.client);
    expect(platforms.get(CGC)!.client).not.toBe(platforms.get(BDC_URL)!.client);
  });

  it('forJob: the platform of the job, from its endpoint, else its href, else the default; none without a token', () => {
    credentialsFile(FILE);
    const platforms = Platforms.fromCredentials({ env: {}, home });
    // Without the environment, the default is the [default] profile's.
    expect(platforms.defaultEndpoint).toBe(BDC_URL);
    expect(platforms.forJob({ endpoint: CGC })?.profile).toBe('cgc');
    expect(platforms.forJob({ endpoint: EU })).toBeUndefined();
    const href = (base: string) => ({ job: { href: `${base}/storage/exports/${'a'.repeat(32)}` } });
    expect(platforms.forJob({ snapshot: href(LAB) })?.shortName).toBe('lab');
    expect(platforms.forJob({ snapshot: href(EU) })).toBeUndefined();
    expect(platforms.forJob({})?.profile).toBe('default');
    expect(platforms.shortName(EU)).toBe('sbg-eu');
  });

  it('--profile / --endpoint narrow to one platform; other jobs are out of scope', () => {
    credentialsFile(FILE);
    const byProfile = Platforms.fromCredentials({ env: ENV, home, profile: 'cgc' });
    expect(byProfile.all().map((p) => [p.endpoint, p.token])).toEqual([[CGC, 'cgc-test-token']]);
    expect(byProfile.inScope({ endpoint: BDC_URL })).toBe(false);
    expect(byProfile.forJob({ endpoint: BDC_URL })).toBeUndefined();
    expect(byProfile.forJob({ endpoint: CGC })?.token).toBe('cgc-test-token');
    expect(byProfile.addEndpoint()).toBe(CGC);
    // What a 0.1.0 list is upgraded to stays the un-narrowed default.
    expect(byProfile.defaultEndpoint).toBe(BDC_URL);
    // --endpoint alone takes the token of that platform's first source.
    const byEndpoint = Platforms.fromCredentials({ env: ENV, home, endpoint: 'cgc' });
    expect(byEndpoint.all().map((p) => [p.endpoint, p.token])).toEqual([[CGC, 'cgc-test-token']]);
    // A platform with no source here: today's resolution (the environment's token, the endpoint overridden).
    const eu = Platforms.fromCredentials({ env: ENV, home, endpoint: 'sbg-eu' });
    expect(eu.all().map((p) => [p.endpoint, p.token])).toEqual([[EU, 'env-test-token']]);
    expect(() => Platforms.fromCredentials({ env: ENV, home, profile: 'nope' }).all()).toThrow(
      CredentialsError,
    );
  });

  it('defaultEndpoint never throws: the environment, else [default], else the SDK default', () => {
    expect(defaultEndpointOf({ env: {}, home })).toBe(BDC_URL);
    expect(defaultEndpointOf({ env: { SB_API_ENDPOINT: 'cgc' }, home })).toBe(CGC);
    credentialsFile(
      '[default]\napi_endpoint = https://eu-api.sbgenomics.com/v2\nauth_token = t-test-token\n',
    );
    expect(defaultEndpointOf({ env: {}, home })).toBe(EU);
    expect(defaultEndpointOf({ env: ENV, home })).toBe(BDC_URL);
    // Nothing usable anywhere: primary() says how to set a token.
    fs.rmSync(path.join(home, '.sevenbridges'), { recursive: true });
    expect(() => Platforms.fromCredentials({ env: {}, home }).primary()).toThrow(
      /No Seven Bridges credentials/,
    );
  });
});

describe('platformView', () => {
  const A = 'a'.repeat(32);
  const B = 'b'.repeat(32);
  const C = 'c'.repeat(32);
  function list(): WatchList & { puts: Map<string, Snapshot>[] } {
    const entries = new Map<string, Omit<WatchEntry, 'endpoint'> & { endpoint?: string }>([
      [A, { id: A, addedAt: '2026-01-01T00:00:00.000Z', endpoint: BDC_URL }],
      [B, { id: B, addedAt: '2026-01-01T00:00:00.000Z', endpoint: CGC }],
      [C, { id: C, addedAt: '2026-01-01T00:00:00.000Z' }],
    ]);
    const puts: Map<string, Snapshot>[] = [];
    return {
      puts,
      ids: () => [...entries.keys()],
      // C stands for an entry of a list written before entries had endpoints.
      entry: (id) => entries.get(id) as WatchEntry | undefined,
      snapshot: () => undefined,
      putSnapshots: (s) => void puts.push(new Map(s)),
    };
  }

  it("holds only its platform's IDs, and passes on only their snapshots", () => {
    const platforms = Platforms.fromList([
      { endpoint: BDC_URL, token: 'a-test-token', source: 'test', shortName: 'bdc' },
      { endpoint: CGC, token: 'b-test-token', source: 'test', shortName: 'cgc' },
    ]);
    const l = list();
    const cgc = platformView(l, platforms, CGC);
    const bdc = platformView(l, platforms, BDC_URL);
    expect(cgc.ids()).toEqual([B]);
    // An entry without an endpoint belongs to the default platform (the first given).
    expect(bdc.ids()).toEqual([A, C]);
    const snap: Snapshot = { status: 'not-found', fetchedAt: '2026-01-01T00:00:00.000Z' };
    cgc.putSnapshots(
      new Map([
        [A, snap],
        [B, snap],
      ]),
    );
    expect(l.puts.map((m) => [...m.keys()])).toEqual([[B]]);
  });
});

describe('warnings', () => {
  it('reads the credentials file once: a loose mode is said once, however many questions are asked', () => {
    credentialsFile(FILE);
    fs.chmodSync(path.join(home, '.sevenbridges', 'credentials'), 0o644);
    const warnings: string[] = [];
    const platforms = Platforms.fromCredentials({
      env: ENV,
      home,
      endpoint: 'cgc',
      warn: (m) => warnings.push(m),
    });
    platforms.all();
    platforms.known();
    platforms.shortName(LAB);
    platforms.primary();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('chmod 600');
  });
});

describe('platformTargets over the real watch list', () => {
  it('gives each platform a poll target of its own jobs, following changes to the list', async () => {
    const { WatchStore } = await import('../../src/store/watch-store.js');
    const { platformTargets } = await import('../../src/platforms/targets.js');
    const store = WatchStore.open({ cwd: path.join(home, 'config') });
    try {
      const onCgc = 'c'.repeat(32);
      const onBdc = 'b'.repeat(32);
      const cgcSnap: Snapshot = {
        status: 'ok',
        job: { id: onCgc, state: 'RUNNING', href: `${CGC}/storage/exports/${onCgc}` },
        fetchedAt: '2026-01-01T00:00:00.000Z',
      };
      store.add([onCgc], { snapshots: new Map([[onCgc, cgcSnap]]), endpoint: CGC });
      store.add([onBdc], { endpoint: BDC_URL });
      credentialsFile(FILE);
      const targets = platformTargets(store, Platforms.fromCredentials({ env: ENV, home }));
      const ids = () => targets.map((t) => [t.platform.shortName, [...t.target.ids()]]);
      expect(ids()).toEqual([
        ['bdc', [onBdc]],
        ['cgc', [onCgc]],
        ['lab', []],
      ]);
      const more = 'd'.repeat(32);
      store.add([more], { endpoint: BDC_URL });
      expect(ids()[0]).toEqual(['bdc', [onBdc, more]]);
      // A snapshot for another platform's job is not written through this platform's target.
      targets[0]!.target.putSnapshots(
        new Map([[onCgc, { status: 'not-found', fetchedAt: '2026-01-02T00:00:00.000Z' }]]),
      );
      expect(store.snapshot(onCgc)).toEqual(cgcSnap);

      // Refreshes change snapshots, not who is on which platform: the IDs are not filtered again for them
      // (the same array comes back), only when jobs are added or removed.
      const bdcIds = targets[0]!.target.ids();
      const refreshed: Snapshot = {
        status: 'ok',
        job: { id: onBdc, state: 'RUNNING' },
        fetchedAt: '2026-01-03T00:00:00.000Z',
      };
      const version = store.version;
      targets[0]!.target.putSnapshots(new Map([[onBdc, refreshed]]));
      expect(store.version).toBeGreaterThan(version);
      expect(targets[0]!.target.ids()).toBe(bdcIds);
      store.remove([more]);
      expect(targets[0]!.target.ids()).toEqual([onBdc]);
    } finally {
      store.close();
    }
  });
});

describe('narrowing offline', () => {
  it('a profile without a token still narrows list-like questions to its endpoint; asking for its token fails', () => {
    credentialsFile(`[lab]\napi_endpoint = ${LAB}\n`);
    const platforms = Platforms.fromCredentials({ env: {}, home, profile: 'lab' });
    expect(platforms.narrowedEndpoint()).toBe(LAB);
    expect(platforms.inScope({ endpoint: LAB })).toBe(true);
    expect(platforms.inScope({ endpoint: CGC })).toBe(false);
    expect(() => platforms.primary()).toThrow(/has no auth_token/);
    expect(() => Platforms.fromCredentials({ env: {}, home, profile: 'nope' }).narrowedEndpoint()).toThrow(
      /Profile "nope" is not in/,
    );
  });
});
