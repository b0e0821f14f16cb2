import { describe, expect, it } from 'vitest';
import {
  assertSafeEndpoint,
  DEFAULT_ENDPOINT,
  EndpointError,
  isLoopbackHost,
  normalizeEndpoint,
  PLATFORMS,
  platformLabel,
  platformShortName,
  resolveEndpoint,
} from '../../src/platform/endpoints.js';

describe('resolveEndpoint', () => {
  it('maps every short name to its base URL', () => {
    const bdc = 'https://api.sb.biodatacatalyst.nhlbi.nih.gov/v2';
    expect(DEFAULT_ENDPOINT).toBe(bdc);
    for (const name of ['bdc', 'f4c', 'nhlbi', 'BDC']) expect(resolveEndpoint(name)).toBe(bdc);
    expect(resolveEndpoint('sbg-us')).toBe('https://api.sbgenomics.com/v2');
    expect(resolveEndpoint('aws-us')).toBe('https://api.sbgenomics.com/v2');
    expect(resolveEndpoint('sbg-eu')).toBe('https://eu-api.sbgenomics.com/v2');
    expect(resolveEndpoint('aws-eu')).toBe('https://eu-api.sbgenomics.com/v2');
    for (const name of ['sbg-cn', 'sbg-china', 'ali-cn']) {
      expect(resolveEndpoint(name)).toBe('https://api.sevenbridges.cn/v2');
    }
    expect(resolveEndpoint('cgc')).toBe('https://cgc-api.sbgenomics.com/v2');
    expect(resolveEndpoint(' cavatica ')).toBe('https://cavatica-api.sbgenomics.com/v2');
    expect(Object.keys(PLATFORMS)).toHaveLength(12);
  });

  it('normalises URLs: no trailing slash, /v2 for a bare host', () => {
    expect(resolveEndpoint('https://api.sbgenomics.com/v2/')).toBe('https://api.sbgenomics.com/v2');
    expect(resolveEndpoint('https://api.sbgenomics.com')).toBe('https://api.sbgenomics.com/v2');
    expect(resolveEndpoint('http://127.0.0.1:8080/v2')).toBe('http://127.0.0.1:8080/v2');
  });

  it('throws a clear EndpointError on garbage', () => {
    expect(() => resolveEndpoint('nope')).toThrow(EndpointError);
    expect(() => resolveEndpoint('nope')).toThrow(/Unknown endpoint "nope".*cgc/);
    expect(() => resolveEndpoint('')).toThrow(/empty/);
    expect(() => resolveEndpoint('ftp://x.org/v2')).toThrow(/scheme/);
    expect(() => resolveEndpoint('https://u:p@x.org/v2')).toThrow(/user name or password/);
    expect(() => resolveEndpoint('https://x.org/v2?token=1')).toThrow(/query/);
  });
});

describe('assertSafeEndpoint', () => {
  it('accepts https anywhere and http on loopback only', () => {
    expect(() => assertSafeEndpoint('https://api.sbgenomics.com/v2')).not.toThrow();
    for (const url of [
      'http://127.0.0.1:1/v2',
      'http://127.8.9.10/v2',
      'http://[::1]:80/v2',
      'http://localhost/v2',
    ]) {
      expect(() => assertSafeEndpoint(url), url).not.toThrow();
    }
  });

  it('refuses http elsewhere with a reason', () => {
    expect(() => assertSafeEndpoint('http://api.sbgenomics.com/v2')).toThrow(/Refusing plain http/);
    expect(() => assertSafeEndpoint('http://127.0.0.1.evil.com/v2')).toThrow(EndpointError);
    expect(() => assertSafeEndpoint('http://10.0.0.1/v2')).toThrow(EndpointError);
    expect(() => assertSafeEndpoint('ws://localhost/v2')).toThrow(/scheme/);
    expect(() => assertSafeEndpoint('not a url')).toThrow(/Not a URL/);
  });

  it('knows loopback hosts', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('LOCALHOST')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
    expect(isLoopbackHost('localhost.example.com')).toBe(false);
  });
});

describe('platformLabel', () => {
  it('names known platforms and falls back to the host', () => {
    expect(platformLabel(DEFAULT_ENDPOINT)).toBe('BioData Catalyst');
    expect(platformLabel('https://cgc-api.sbgenomics.com/v2/')).toBe('CGC');
    expect(platformLabel('https://cavatica-api.sbgenomics.com/v2')).toBe('CAVATICA');
    expect(platformLabel('http://127.0.0.1:4567/v2')).toBe('127.0.0.1:4567');
  });

  it('never shows credentials embedded in a URL', () => {
    expect(platformLabel('https://secret-token@api.example.org/v2')).toBe('api.example.org');
  });
});

describe('normalizeEndpoint', () => {
  it.each([
    ['cgc', 'https://cgc-api.sbgenomics.com/v2'],
    ['HTTPS://CGC-API.SBGenomics.com:443/v2/', 'https://cgc-api.sbgenomics.com/v2'],
    ['https://cgc-api.sbgenomics.com', 'https://cgc-api.sbgenomics.com/v2'],
    [
      'https://api.sb.biodatacatalyst.nhlbi.nih.gov/v2/storage/exports/crand0mKvetGpxIjo088DnMXEg0t6srX?fields=_all#x',
      'https://api.sb.biodatacatalyst.nhlbi.nih.gov/v2',
    ],
    ['http://127.0.0.1:5000/', 'http://127.0.0.1:5000/v2'],
    ['http://localhost:80/v2', 'http://localhost/v2'],
    ['https://sb.example.org:8443/api/V2/files/abc', 'https://sb.example.org:8443/api/v2'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeEndpoint(input)).toBe(expected);
  });

  it('is idempotent and agrees for every spelling of one platform', () => {
    for (const url of Object.values(PLATFORMS)) expect(normalizeEndpoint(normalizeEndpoint(url))).toBe(url);
  });

  it('throws EndpointError on garbage and embedded credentials', () => {
    for (const bad of ['', 'nope', 'ftp://x/v2', 'https://u:p@x.example/v2']) {
      expect(() => normalizeEndpoint(bad)).toThrow(EndpointError);
    }
  });
});

describe('platformShortName', () => {
  it('names the known platforms however the URL is spelled', () => {
    expect(platformShortName('https://api.sb.biodatacatalyst.nhlbi.nih.gov/v2')).toBe('bdc');
    expect(platformShortName('https://CGC-API.sbgenomics.com/v2/')).toBe('cgc');
    expect(platformShortName('https://cavatica-api.sbgenomics.com/v2')).toBe('cavatica');
    expect(platformShortName('https://api.sbgenomics.com/v2')).toBe('sbg-us');
    expect(platformShortName('https://eu-api.sbgenomics.com/v2')).toBe('sbg-eu');
    expect(platformShortName('https://api.sevenbridges.cn/v2')).toBe('sbg-cn');
  });

  it('falls back to a profile with that endpoint, then to host:port', () => {
    const list = [
      { name: 'lab', endpoint: 'https://sb.example.org:8443/v2/' },
      { name: 'lab-again', endpoint: 'https://sb.example.org:8443/v2' },
    ];
    expect(platformShortName('https://sb.example.org:8443/v2', list)).toBe('lab');
    expect(platformShortName('https://sb.example.org:8443/v2', { work: 'https://SB.example.org:8443' })).toBe(
      'work',
    );
    expect(platformShortName('https://sb.example.org:8443/v2')).toBe('sb.example.org:8443');
    expect(platformShortName('http://127.0.0.1:5000/v2', list)).toBe('127.0.0.1:5000');
    // A known platform keeps its short name even when a profile points at it.
    expect(platformShortName(PLATFORMS.cgc!, { mycgc: PLATFORMS.cgc })).toBe('cgc');
  });

  it('never throws, and shows no control characters', () => {
    expect(platformShortName('not a url\x1b[31m')).not.toMatch(/\x1b/);
  });
});
