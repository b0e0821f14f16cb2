// Where the auth token and the API endpoint come from, in the order the official SB SDKs use:
// an explicit --profile, then SB_AUTH_TOKEN / SB_API_ENDPOINT, then the [default] profile of
// ~/.sevenbridges/credentials. The token never appears in any message this module produces.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ini from 'ini';
import { assertSafeEndpoint, DEFAULT_ENDPOINT, resolveEndpoint } from './platform/endpoints.js';
import { errorText, isRecord } from './values.js';

export interface Credentials {
  /** Base URL, e.g. https://api.sb.biodatacatalyst.nhlbi.nih.gov/v2 */
  endpoint: string;
  token: string;
  /** Where they came from, for people: `profile "x" (~/.sevenbridges/credentials)` or `SB_AUTH_TOKEN`. */
  source: string;
  profile?: string;
}

export interface ResolveCredentialsOptions {
  /** --profile NAME */
  profile?: string;
  /** --endpoint: a short name (bdc, cgc, …) or a URL; overrides the endpoint of whatever source is used. */
  endpoint?: string;
  env?: NodeJS.ProcessEnv;
  /** Home directory holding .sevenbridges/credentials; os.homedir() by default. */
  home?: string;
  /** Called (at most once per call) with advice that is not an error, e.g. loose file permissions. */
  warn?: (msg: string) => void;
}

/** Credentials missing or unusable: a usage problem, exit code 2. */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
  readonly exitCode = 2;
}

const TOKEN_HEADER_SAFE = /^[\x21-\x7e]+$/;

export const CREDENTIALS_HELP = [
  'Set a token in one of these ways (get one from your platform under Developer → Authentication token):',
  '  export SB_AUTH_TOKEN=<your-token>',
  '  export SB_API_ENDPOINT=https://api.sb.biodatacatalyst.nhlbi.nih.gov/v2   # optional; or bdc, sbg-us, cgc, …',
  'or in ~/.sevenbridges/credentials (then chmod 600 it):',
  '  [default]',
  '  api_endpoint = https://api.sb.biodatacatalyst.nhlbi.nih.gov/v2',
  '  auth_token = <your-token>',
  'To look around without a token: sbexport-tui --demo',
].join('\n');

interface Profile {
  api_endpoint?: unknown;
  auth_token?: unknown;
  [key: string]: unknown;
}

interface CredentialsFile {
  /** As shown to people: ~/.sevenbridges/credentials when under the home directory. */
  shown: string;
  profiles: Map<string, Profile>;
}

// `ini` nests dotted section names ([lab.prod] → {lab: {prod: …}}); profile names may contain dots,
// so walk the nesting back to flat names. A section holding any plain value is a profile.
function collectProfiles(obj: Record<string, unknown>, prefix: string, into: Map<string, Profile>): void {
  for (const [key, value] of Object.entries(obj)) {
    if (!isRecord(value)) continue;
    const name = prefix ? `${prefix}.${key}` : key;
    if (Object.values(value).some((v) => !isRecord(v))) into.set(name, value);
    collectProfiles(value, name, into);
  }
}

function displayPath(file: string, home: string): string {
  const rel = path.relative(home, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? `~/${rel.split(path.sep).join('/')}` : file;
}

function readCredentialsFile(file: string, shown: string): CredentialsFile | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    const why =
      code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (code ?? 'error');
    throw new CredentialsError(`Cannot read the credentials file ${shown}: ${why}.`);
  }
  // Binary garbage decodes to NULs or U+FFFD; ini.parse would quietly return nonsense.
  if (/[\x00\uFFFD]/.test(text)) {
    throw new CredentialsError(
      `The credentials file ${shown} is not a text INI file. Expected sections like:\n  [default]\n  api_endpoint = https://api.sb.biodatacatalyst.nhlbi.nih.gov/v2\n  auth_token = <your-token>`,
    );
  }
  const profiles = new Map<string, Profile>();
  collectProfiles(ini.parse(text), '', profiles);
  return { shown, profiles };
}

function profileList(file: CredentialsFile | undefined): string {
  const names = file ? [...file.profiles.keys()] : [];
  return names.length > 0 ? names.map((n) => `"${n}"`).join(', ') : 'none';
}

function checkPermissions(file: string, shown: string, warn: ((msg: string) => void) | undefined): void {
  if (!warn || process.platform === 'win32') return;
  try {
    const mode = fs.statSync(file).mode;
    if ((mode & 0o077) !== 0) {
      warn(
        `Warning: ${shown} is accessible by other users (mode ${(mode & 0o777).toString(8)}); it holds your token. Fix: chmod 600 ${shown}`,
      );
    }
  } catch {
    // Missing or unstat-able: reading it reports the problem, if it matters.
  }
}

function checkedToken(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CredentialsError(`${where} has no auth_token.\n\n${CREDENTIALS_HELP}`);
  }
  const token = value.trim();
  if (!TOKEN_HEADER_SAFE.test(token)) {
    throw new CredentialsError(
      `The auth token in ${where} contains spaces or characters not allowed in an HTTP header.`,
    );
  }
  return token;
}

function checkedEndpoint(value: string, where: string): string {
  try {
    const endpoint = resolveEndpoint(value);
    assertSafeEndpoint(endpoint);
    return endpoint;
  } catch (err) {
    throw new CredentialsError(`${where}: ${errorText(err)}`);
  }
}

function fromProfile(
  name: string,
  file: CredentialsFile,
): { endpoint: string; token: string; source: string } {
  const profile = file.profiles.get(name)!;
  const source = `profile "${name}" (${file.shown})`;
  const token = checkedToken(profile.auth_token, source);
  const rawEndpoint = typeof profile.api_endpoint === 'string' ? profile.api_endpoint : DEFAULT_ENDPOINT;
  return { token, source, endpoint: checkedEndpoint(rawEndpoint, `api_endpoint of ${source}`) };
}

function resolve(opts: ResolveCredentialsOptions): Credentials {
  const env = opts.env ?? process.env;
  const home = opts.home ?? os.homedir();
  const filePath = path.join(home, '.sevenbridges', 'credentials');
  const shown = displayPath(filePath, home);
  checkPermissions(filePath, shown, opts.warn);

  let creds: Credentials;
  if (opts.profile !== undefined) {
    const file = readCredentialsFile(filePath, shown);
    if (!file) {
      throw new CredentialsError(
        `--profile ${opts.profile}: there is no credentials file ${shown}.\n\n${CREDENTIALS_HELP}`,
      );
    }
    if (!file.profiles.has(opts.profile)) {
      throw new CredentialsError(
        `Profile "${opts.profile}" is not in ${shown}. Profiles there: ${profileList(file)}.`,
      );
    }
    creds = { ...fromProfile(opts.profile, file), profile: opts.profile };
  } else if (env.SB_AUTH_TOKEN !== undefined && env.SB_AUTH_TOKEN.trim() !== '') {
    const token = checkedToken(env.SB_AUTH_TOKEN, 'SB_AUTH_TOKEN');
    const rawEndpoint = env.SB_API_ENDPOINT?.trim() ? env.SB_API_ENDPOINT : DEFAULT_ENDPOINT;
    creds = { token, source: 'SB_AUTH_TOKEN', endpoint: checkedEndpoint(rawEndpoint, 'SB_API_ENDPOINT') };
  } else {
    const file = readCredentialsFile(filePath, shown);
    if (!file?.profiles.has('default')) {
      const why = file
        ? `${shown} has no [default] profile (profiles there: ${profileList(file)}; choose one with --profile NAME).`
        : `No SB_AUTH_TOKEN in the environment and no ${shown}.`;
      throw new CredentialsError(`No Seven Bridges credentials found. ${why}\n\n${CREDENTIALS_HELP}`);
    }
    creds = { ...fromProfile('default', file), profile: 'default' };
  }

  if (opts.endpoint !== undefined) {
    creds.endpoint = checkedEndpoint(opts.endpoint, '--endpoint');
  }
  return creds;
}

/** Resolve the token and endpoint; throws CredentialsError (exit code 2) with help text when there are none. */
export function resolveCredentials(opts: ResolveCredentialsOptions = {}): Credentials {
  // Once per call, however the warn callback is used inside.
  let warned = false;
  const warn = opts.warn
    ? (msg: string) => {
        if (warned) return;
        warned = true;
        opts.warn?.(msg);
      }
    : undefined;
  try {
    return resolve({ ...opts, warn });
  } catch (err) {
    // Belt and braces: a token pasted into the wrong field (say api_endpoint) could end up quoted in a
    // message; scrub every token we can see before anything leaves this module.
    if (err instanceof Error) {
      err.message = redactTokens(err.message, opts);
      if (err.stack) err.stack = redactTokens(err.stack, opts);
    }
    throw err;
  }
}

/** Profile `name`'s endpoint, its token not needed: what `list --profile NAME` narrows to, offline. */
export function profileEndpoint(name: string, opts: Pick<ResolveCredentialsOptions, 'home'> = {}): string {
  const home = opts.home ?? os.homedir();
  const filePath = path.join(home, '.sevenbridges', 'credentials');
  const shown = displayPath(filePath, home);
  const profile = readCredentialsFile(filePath, shown)?.profiles.get(name);
  if (!profile) throw new CredentialsError(`Profile "${name}" is not in ${shown}.`);
  const raw = typeof profile.api_endpoint === 'string' ? profile.api_endpoint : DEFAULT_ENDPOINT;
  return checkedEndpoint(raw, `api_endpoint of profile "${name}" (${shown})`);
}

/**
 * Every source of credentials here, in the SDK's order: SB_AUTH_TOKEN (with SB_API_ENDPOINT), then the
 * [default] profile, then the other profiles in file order. A source that cannot be used (no token, bad
 * endpoint) is skipped with a warning: one broken profile must not stop the others. Throws CredentialsError
 * only when the file itself cannot be read.
 */
export function allCredentials(
  opts: Omit<ResolveCredentialsOptions, 'profile' | 'endpoint'> = {},
): Credentials[] {
  const env = opts.env ?? process.env;
  const home = opts.home ?? os.homedir();
  const filePath = path.join(home, '.sevenbridges', 'credentials');
  const shown = displayPath(filePath, home);
  checkPermissions(filePath, shown, opts.warn);
  const found: Credentials[] = [];
  const attempt = (make: () => Credentials): void => {
    try {
      found.push(make());
    } catch (err) {
      if (!(err instanceof CredentialsError)) throw err;
      // The first line says what is wrong; the help text after it is for a run that has no token at all.
      opts.warn?.(`skipped: ${redactTokens(err.message, opts).split('\n')[0]}`);
    }
  };
  if (env.SB_AUTH_TOKEN !== undefined && env.SB_AUTH_TOKEN.trim() !== '') {
    attempt(() => resolve({ env, home }));
  }
  const file = readCredentialsFile(filePath, shown);
  const names = [...(file?.profiles.keys() ?? [])].sort(
    (a, b) => Number(b === 'default') - Number(a === 'default'),
  );
  for (const name of names) attempt(() => ({ ...fromProfile(name, file!), profile: name }));
  return found;
}

function redactTokens(message: string, opts: ResolveCredentialsOptions): string {
  const env = opts.env ?? process.env;
  const candidates = new Set<string>();
  if (env.SB_AUTH_TOKEN?.trim()) candidates.add(env.SB_AUTH_TOKEN.trim());
  try {
    const file = readCredentialsFile(
      path.join(opts.home ?? os.homedir(), '.sevenbridges', 'credentials'),
      'credentials file',
    );
    for (const profile of file?.profiles.values() ?? []) {
      if (typeof profile.auth_token === 'string' && profile.auth_token.trim()) {
        candidates.add(profile.auth_token.trim());
      }
    }
  } catch {
    // Unreadable file: it contributed no text to the message either.
  }
  let out = message;
  for (const token of candidates) {
    if (token.length >= 4) out = out.split(token).join('<redacted>');
  }
  return out;
}
