import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialsError, type ResolveCredentialsOptions, resolveCredentials } from '../src/credentials.js';
import { DEFAULT_ENDPOINT } from '../src/platform/endpoints.js';

const TOKEN = 'test-token-not-secret-0123456789ab';
const OTHER_TOKEN = 'other-test-token-not-secret-987654';

let home: string;
let warnings: string[];

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-cred-'));
  warnings = [];
});

afterEach(() => {
  fs.rmSync(home, { recursive: true, force: true });
});

function writeCredentials(text: string, mode = 0o600): string {
  const dir = path.join(home, '.sevenbridges');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'credentials');
  fs.writeFileSync(file, text);
  fs.chmodSync(file, mode);
  return file;
}

const FILE = `# my platforms
; another comment style
[default]
api_endpoint = https://api.sb.biodatacatalyst.nhlbi.nih.gov/v2
auth_token = ${TOKEN}

[cgc]
api_endpoint = https://cgc-api.sbgenomics.com/v2
auth_token = ${OTHER_TOKEN}

[lab.prod]
api_endpoint = sbg-eu
auth_token = ${OTHER_TOKEN}
`;

function resolve(opts: Partial<ResolveCredentialsOptions> = {}) {
  return resolveCredentials({ env: {}, home, warn: (m) => warnings.push(m), ...opts });
}

function errorOf(fn: () => unknown): CredentialsError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CredentialsError);
    return err as CredentialsError;
  }
  throw new Error('expected a CredentialsError');
}

describe('resolveCredentials', () => {
  it('uses SB_AUTH_TOKEN with the default endpoint', () => {
    const c = resolve({ env: { SB_AUTH_TOKEN: TOKEN } });
    expect(c).toEqual({ endpoint: DEFAULT_ENDPOINT, token: TOKEN, source: 'SB_AUTH_TOKEN' });
  });

  it('uses SB_API_ENDPOINT with SB_AUTH_TOKEN, short names too', () => {
    expect(
      resolve({ env: { SB_AUTH_TOKEN: TOKEN, SB_API_ENDPOINT: 'https://api.sbgenomics.com/v2/' } }).endpoint,
    ).toBe('https://api.sbgenomics.com/v2');
    expect(resolve({ env: { SB_AUTH_TOKEN: TOKEN, SB_API_ENDPOINT: 'cgc' } }).endpoint).toBe(
      'https://cgc-api.sbgenomics.com/v2',
    );
  });

  it('prefers the environment over the [default] profile', () => {
    writeCredentials(FILE);
    const c = resolve({ env: { SB_AUTH_TOKEN: 'env-token-not-secret' } });
    expect(c.token).toBe('env-token-not-secret');
    expect(c.source).toBe('SB_AUTH_TOKEN');
  });

  it('falls back to the [default] profile of ~/.sevenbridges/credentials, comments allowed', () => {
    writeCredentials(FILE);
    const c = resolve();
    expect(c).toEqual({
      endpoint: 'https://api.sb.biodatacatalyst.nhlbi.nih.gov/v2',
      token: TOKEN,
      source: 'profile "default" (~/.sevenbridges/credentials)',
      profile: 'default',
    });
    expect(warnings).toEqual([]);
  });

  it('--profile wins over the environment', () => {
    writeCredentials(FILE);
    const c = resolve({ profile: 'cgc', env: { SB_AUTH_TOKEN: TOKEN } });
    expect(c.token).toBe(OTHER_TOKEN);
    expect(c.endpoint).toBe('https://cgc-api.sbgenomics.com/v2');
    expect(c.source).toBe('profile "cgc" (~/.sevenbridges/credentials)');
    expect(c.profile).toBe('cgc');
  });

  it('handles profile names with dots and short-name endpoints in the file', () => {
    writeCredentials(FILE);
    const c = resolve({ profile: 'lab.prod' });
    expect(c.endpoint).toBe('https://eu-api.sbgenomics.com/v2');
  });

  it('a missing profile is an error naming the profiles that exist', () => {
    writeCredentials(FILE);
    const err = errorOf(() => resolve({ profile: 'nope' }));
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('"nope"');
    expect(err.message).toContain('"default", "cgc", "lab.prod"');
  });

  it('--profile without a credentials file says so', () => {
    const err = errorOf(() => resolve({ profile: 'cgc' }));
    expect(err.message).toContain('~/.sevenbridges/credentials');
  });

  it('nothing at all → CredentialsError with how to set a token and a pointer to --demo', () => {
    const err = errorOf(() => resolve());
    expect(err.exitCode).toBe(2);
    expect(err.name).toBe('CredentialsError');
    expect(err.message).toContain('export SB_AUTH_TOKEN=<your-token>');
    expect(err.message).toContain('[default]');
    expect(err.message).toContain('auth_token = <your-token>');
    expect(err.message).toContain('sbexport-tui --demo');
  });

  it('a file without [default] and no env lists the profiles', () => {
    writeCredentials(`[cgc]\napi_endpoint = cgc\nauth_token = ${OTHER_TOKEN}\n`);
    const err = errorOf(() => resolve());
    expect(err.message).toContain('no [default] profile');
    expect(err.message).toContain('"cgc"');
    expect(err.message).toContain('--profile');
  });

  it('--endpoint overrides the endpoint of any source, by short name or URL', () => {
    writeCredentials(FILE);
    expect(resolve({ endpoint: 'cavatica' }).endpoint).toBe('https://cavatica-api.sbgenomics.com/v2');
    expect(
      resolve({ endpoint: 'sbg-us', env: { SB_AUTH_TOKEN: TOKEN, SB_API_ENDPOINT: 'cgc' } }).endpoint,
    ).toBe('https://api.sbgenomics.com/v2');
    expect(resolve({ profile: 'cgc', endpoint: 'https://eu-api.sbgenomics.com/v2' }).endpoint).toBe(
      'https://eu-api.sbgenomics.com/v2',
    );
  });

  it('refuses plain http except on loopback', () => {
    const env = { SB_AUTH_TOKEN: TOKEN };
    expect(errorOf(() => resolve({ env, endpoint: 'http://api.sbgenomics.com/v2' })).message).toMatch(/http/);
    expect(
      errorOf(() => resolve({ env: { ...env, SB_API_ENDPOINT: 'http://example.com/v2' } })).message,
    ).toContain('SB_API_ENDPOINT');
    writeCredentials(`[default]\napi_endpoint = http://sb.example.org/v2\nauth_token = ${TOKEN}\n`);
    expect(errorOf(() => resolve()).message).toContain('api_endpoint of profile "default"');
    expect(resolve({ env, endpoint: 'http://127.0.0.1:8123/v2' }).endpoint).toBe('http://127.0.0.1:8123/v2');
    expect(resolve({ env, endpoint: 'http://localhost:8123' }).endpoint).toBe('http://localhost:8123/v2');
  });

  it('warns once, without refusing, when the file is readable by others', () => {
    writeCredentials(FILE, 0o644);
    const c = resolve();
    expect(c.token).toBe(TOKEN);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('chmod 600 ~/.sevenbridges/credentials');
    expect(warnings[0]).not.toContain(TOKEN);
  });

  it('does not warn for a private file', () => {
    writeCredentials(FILE, 0o600);
    resolve();
    resolve({ env: { SB_AUTH_TOKEN: TOKEN } });
    expect(warnings).toEqual([]);
  });

  it('a profile without auth_token is a clear error', () => {
    writeCredentials('[default]\napi_endpoint = cgc\n');
    expect(errorOf(() => resolve()).message).toContain(
      'profile "default" (~/.sevenbridges/credentials) has no auth_token',
    );
  });

  it('an unreadable or binary file is an error naming the file', () => {
    const file = writeCredentials('\u0000\u0001\u0002garbage\u0000');
    expect(errorOf(() => resolve()).message).toContain('~/.sevenbridges/credentials is not a text INI file');
    fs.rmSync(file);
    fs.mkdirSync(file);
    expect(errorOf(() => resolve()).message).toContain(
      'Cannot read the credentials file ~/.sevenbridges/credentials',
    );
  });

  it('never puts the token in any message', () => {
    const messages: string[] = [];
    const collect = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        messages.push((err as Error).message, String(err), (err as Error).stack ?? '');
      }
    };
    // The token pasted into the endpoint field, into a profile, with spaces, in the wrong place…
    collect(() => resolve({ env: { SB_AUTH_TOKEN: TOKEN, SB_API_ENDPOINT: TOKEN } }));
    collect(() => resolve({ env: { SB_AUTH_TOKEN: TOKEN, SB_API_ENDPOINT: `http://${TOKEN}.example/v2` } }));
    collect(() => resolve({ env: { SB_AUTH_TOKEN: TOKEN }, endpoint: `http://x/${TOKEN}` }));
    collect(() => resolve({ env: { SB_AUTH_TOKEN: `${TOKEN} extra` } }));
    writeCredentials(`[default]\napi_endpoint = ${TOKEN}\nauth_token = ${TOKEN}\n`, 0o644);
    collect(() => resolve());
    collect(() => resolve({ profile: 'missing' }));
    expect(messages.length).toBeGreaterThanOrEqual(6 * 3);
    for (const m of [...messages, ...warnings]) {
      expect(m).not.toContain(TOKEN);
      expect(m).not.toContain('test-token-not-secret');
    }
  });
});

describe('allCredentials', () => {
  it('lists the environment, then [default], then the other profiles in file order; skips a broken one with a warning', async () => {
    const { allCredentials } = await import('../src/credentials.js');
    writeCredentials(`[lab]
api_endpoint = https://sb.lab.example.org/v2
auth_token = lab-test-token

[broken]
api_endpoint = https://cavatica-api.sbgenomics.com/v2

[default]
api_endpoint = https://api.sb.biodatacatalyst.nhlbi.nih.gov/v2
auth_token = ${TOKEN}
`);
    const env = { SB_AUTH_TOKEN: OTHER_TOKEN, SB_API_ENDPOINT: 'cgc' };
    const all = allCredentials({ env, home, warn: (m) => warnings.push(m) });
    expect(all.map((c) => [c.source.split(' (')[0], c.endpoint, c.token, c.profile])).toEqual([
      ['SB_AUTH_TOKEN', 'https://cgc-api.sbgenomics.com/v2', OTHER_TOKEN, undefined],
      ['profile "default"', 'https://api.sb.biodatacatalyst.nhlbi.nih.gov/v2', TOKEN, 'default'],
      ['profile "lab"', 'https://sb.lab.example.org/v2', 'lab-test-token', 'lab'],
    ]);
    expect(warnings).toEqual([expect.stringMatching(/^skipped: profile "broken" .* has no auth_token\.$/)]);
    // No environment, no file: nothing, and no error (a command that needs a token says so itself).
    fs.rmSync(path.join(home, '.sevenbridges'), { recursive: true });
    expect(allCredentials({ env: {}, home })).toEqual([]);
  });
});
