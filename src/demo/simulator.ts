import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type ApiErrorBody, type ExportJob, isFinalState } from '../platform/types.js';
import { errorText, isRecord } from '../values.js';

/**
 * An in-process fake of the Seven Bridges exports API over real HTTP on 127.0.0.1: the demo's backend, the
 * tests' server and the benchmark's platform. Fault switches are read on every request so a test can flip them
 * mid-run.
 */

export interface SimJob {
  job: ExportJob;
  /** Timeline, relative to the simulator's start: the job is PENDING until runningAfterMs, RUNNING until
   * finishAfterMs, then finalState. Without either field the job stays as given. */
  runningAfterMs?: number;
  finishAfterMs?: number;
  finalState?: 'COMPLETED' | 'FAILED';
  finalError?: ApiErrorBody;
}

export interface Faults {
  /** Answer 401 to everything. */
  auth?: boolean;
  /** 503 with code 0. */
  maintenance?: boolean;
  /** 429 code 1000, reset in `resetInSeconds` (default 60). */
  rateLimited?: boolean;
  resetInSeconds?: number;
  omitRateLimitHeaders?: boolean;
  /** X-RateLimit-Reset in epoch ms instead of seconds (seen in one old doc example). */
  resetAsMilliseconds?: boolean;
  /** Answer with this 5xx status and a JSON error body. */
  serverError?: number;
  /** 502 with a text/html gateway page. */
  htmlBody?: boolean;
  /** 200 with the JSON cut in half. */
  truncatedJson?: boolean;
  /** 200 with non-JSON text. */
  garbageBody?: boolean;
  /** Delay before answering (the answer still comes unless the client gives up). */
  stallMs?: number;
  /** Destroy the socket without a reply. */
  hangUp?: boolean;
  /** Per-ID error items in bulk replies (and the single GET's error), e.g. 403 / 9005. */
  itemErrors?: Record<string, ApiErrorBody>;
  /** Order of bulk reply items; default 'reversed' so clients must match by ID. */
  bulkOrder?: 'reversed' | 'preserved';
}

export interface SimStats {
  /** Every request except GET /rate_limit, faulted ones included. */
  requests: number;
  bulkGets: number;
  singleGets: number;
  lists: number;
  starts: number;
  /** Per ID, how often a single or bulk get asked for it. */
  idsRequested: Map<string, number>;
  lastBulkIds: string[];
  /** 429s sent. */
  rateLimited: number;
}

export interface SimulatorOptions {
  jobs?: SimJob[];
  /** Default: any non-empty token. */
  acceptToken?: (token: string) => boolean;
  /** Default 1000 requests per 300 000 ms, like the platform. */
  rateLimit?: { limit: number; windowMs: number };
  now?: () => number;
  port?: number;
  /** Timeline of jobs started through POST /storage/exports, ms after the start call. */
  startedJobTimeline?: { runningAfterMs: number; finishAfterMs: number };
}

export interface Simulator {
  /** Base URL, e.g. http://127.0.0.1:PORT/v2 */
  url: string;
  port: number;
  faults: Faults;
  stats: SimStats;
  addJobs(jobs: SimJob[]): void;
  /** The job as a GET would return it now. */
  job(id: string): ExportJob | undefined;
  /** Override a job's state from now on (drops its timeline). A final state stamps finished_on. */
  setJobState(id: string, state: string, error?: ApiErrorBody): void;
  resetStats(): void;
  close(): Promise<void>;
}

interface Entry {
  base: ExportJob;
  /** Absolute ms; undefined = no timeline. */
  runningAt?: number;
  finishAt?: number;
  finalState: string;
  finalError?: ApiErrorBody;
}

const NOT_FOUND_CODE = 9008;
const MORE_INFO = 'https://sb-biodatacatalyst.readme.io/reference/api-status-codes';
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const MAX_BODY_BYTES = 1_000_000;

/** 2016-06-15T19:17:39Z, the API's style (no milliseconds). */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function newExportId(): string {
  const bytes = randomBytes(32);
  let id = '';
  for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length];
  return id;
}

function errorBody(status: number, code: number | undefined, message: string): ApiErrorBody {
  const body: ApiErrorBody = { status, message };
  if (code !== undefined) {
    body.code = code;
    body.more_info = `${MORE_INFO}#${code}`;
  }
  return body;
}

class HttpReply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
    /** Sent verbatim instead of JSON.stringify(body). */
    readonly raw?: string,
  ) {}
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const now = opts.now ?? Date.now;
  const acceptToken = opts.acceptToken ?? ((t: string) => t.length > 0);
  const limit = opts.rateLimit?.limit ?? 1000;
  const windowMs = opts.rateLimit?.windowMs ?? 300_000;
  const startTimeline = opts.startedJobTimeline ?? { runningAfterMs: 1500, finishAfterMs: 5000 };
  const startMs = now();
  const entries = new Map<string, Entry>();
  const faults: Faults = {};
  const stats: SimStats = {
    requests: 0,
    bulkGets: 0,
    singleGets: 0,
    lists: 0,
    starts: 0,
    idsRequested: new Map(),
    lastBulkIds: [],
    rateLimited: 0,
  };
  let windowStart = startMs;
  let windowCount = 0;
  let closed = false;
  const stalls = new Set<() => void>();
  let baseUrl = '';

  function addJobs(jobs: SimJob[]): void {
    for (const sim of jobs) {
      const hasTimeline = sim.runningAfterMs !== undefined || sim.finishAfterMs !== undefined;
      entries.set(sim.job.id, {
        base: { ...sim.job },
        runningAt: hasTimeline ? startMs + (sim.runningAfterMs ?? 0) : undefined,
        finishAt: hasTimeline && sim.finishAfterMs !== undefined ? startMs + sim.finishAfterMs : undefined,
        finalState: sim.finalState ?? 'COMPLETED',
        finalError: sim.finalError,
      });
    }
  }

  /** State is derived from the clock on demand: 10,000 jobs cost nothing until asked for. */
  function view(entry: Entry, at: number): ExportJob {
    const job: ExportJob = { ...entry.base, href: `${baseUrl}/storage/exports/${entry.base.id}` };
    if (entry.runningAt === undefined) return job;
    delete job.started_on;
    delete job.finished_on;
    delete job.error;
    if (at < entry.runningAt) {
      job.state = 'PENDING';
    } else if (entry.finishAt === undefined || at < entry.finishAt) {
      job.state = 'RUNNING';
      job.started_on = isoSeconds(entry.runningAt);
    } else {
      job.state = entry.finalState;
      job.started_on = isoSeconds(entry.runningAt);
      job.finished_on = isoSeconds(entry.finishAt);
      if (entry.finalState === 'FAILED') {
        job.error = entry.finalError ?? errorBody(409, 9107, 'Location on volume already contains a file.');
      }
    }
    return reorder(job);
  }

  /** Keep the API's key order (state right after id) so printed JSON looks like the docs. */
  function reorder(job: ExportJob): ExportJob {
    const { href, id, state, error, ...rest } = job;
    return error === undefined ? { href, id, state, ...rest } : { href, id, state, error, ...rest };
  }

  function setJobState(id: string, state: string, error?: ApiErrorBody): void {
    const entry = entries.get(id);
    if (!entry) throw new Error(`simulator: no job ${id}`);
    const at = now();
    const current = view(entry, at);
    const base: ExportJob = { ...current, state };
    if (state === 'PENDING') {
      delete base.started_on;
      delete base.finished_on;
    } else {
      base.started_on ??= isoSeconds(at);
      if (isFinalState(state)) base.finished_on ??= isoSeconds(at);
      else delete base.finished_on;
    }
    if (error) base.error = error;
    else if (state !== 'FAILED') delete base.error;
    entries.set(id, { base, finalState: state });
  }

  function countId(id: string): void {
    stats.idsRequested.set(id, (stats.idsRequested.get(id) ?? 0) + 1);
  }

  function resetStats(): void {
    stats.requests = 0;
    stats.bulkGets = 0;
    stats.singleGets = 0;
    stats.lists = 0;
    stats.starts = 0;
    stats.idsRequested = new Map();
    stats.lastBulkIds = [];
    stats.rateLimited = 0;
  }

  // --- endpoints -------------------------------------------------------------------------------------------

  function getOne(id: string): HttpReply {
    stats.singleGets++;
    countId(id);
    const injected = faults.itemErrors?.[id];
    if (injected) return new HttpReply(injected.status ?? 403, injected);
    const entry = entries.get(id);
    if (!entry)
      return new HttpReply(404, errorBody(404, NOT_FOUND_CODE, 'Requested export job does not exist.'));
    return new HttpReply(200, view(entry, now()));
  }

  function bulkGet(body: unknown): HttpReply {
    if (
      !isRecord(body) ||
      !Array.isArray(body.export_ids) ||
      !body.export_ids.every((x) => typeof x === 'string')
    ) {
      return new HttpReply(400, errorBody(400, undefined, 'Body must be {"export_ids": [string, ...]}.'));
    }
    const ids = body.export_ids as string[];
    if (ids.length > 100) {
      return new HttpReply(400, errorBody(400, undefined, 'At most 100 export IDs are allowed per request.'));
    }
    stats.bulkGets++;
    stats.lastBulkIds = ids;
    const at = now();
    const items = ids.map((id) => {
      countId(id);
      const injected = faults.itemErrors?.[id];
      if (injected) return { error: injected };
      const entry = entries.get(id);
      // The real item message is unconfirmed; naming the ID lets a client tell error items apart however
      // the items are ordered (SB's single-GET message, "Requested export job does not exist.", does not).
      if (!entry)
        return { error: errorBody(404, NOT_FOUND_CODE, `Requested export job ${id} does not exist.`) };
      return { resource: view(entry, at) };
    });
    if (faults.bulkOrder !== 'preserved') items.reverse();
    return new HttpReply(200, { items });
  }

  function list(url: URL): HttpReply {
    const q = url.searchParams;
    const limitText = q.get('limit') ?? '50';
    const offsetText = q.get('offset') ?? '0';
    const pageSize = /^\d+$/.test(limitText) ? Number(limitText) : Number.NaN;
    const offset = /^\d+$/.test(offsetText) ? Number(offsetText) : Number.NaN;
    if (!(pageSize >= 1 && pageSize <= 100)) {
      return new HttpReply(400, errorBody(400, undefined, 'limit must be between 1 and 100.'));
    }
    if (!(offset >= 0)) return new HttpReply(400, errorBody(400, undefined, 'offset must be 0 or more.'));
    stats.lists++;
    const volume = q.get('volume') ?? undefined;
    const states = new Set(q.getAll('state'));
    const at = now();
    const matching: ExportJob[] = [];
    for (const entry of entries.values()) {
      if (volume !== undefined && entry.base.destination?.volume !== volume) continue;
      const job = view(entry, at);
      if (states.size > 0 && !states.has(job.state)) continue;
      matching.push(job);
    }
    const fields = q.get('fields');
    const pick = (job: ExportJob): Record<string, unknown> => {
      if (fields === '_all') return job;
      const keys = fields
        ? ['href', 'id', ...fields.split(',').map((f) => f.trim())]
        : ['href', 'id', 'state'];
      return Object.fromEntries(keys.filter((k) => k in job).map((k) => [k, job[k]]));
    };
    const items = matching.slice(offset, offset + pageSize).map(pick);
    const pageLink = (pageOffset: number) => {
      const params = new URLSearchParams(q);
      params.set('offset', String(pageOffset));
      params.set('limit', String(pageSize));
      return `${baseUrl}/storage/exports?${params.toString()}`;
    };
    const links: { href: string; rel: string; method: string }[] = [];
    if (offset + pageSize < matching.length)
      links.push({ href: pageLink(offset + pageSize), rel: 'next', method: 'GET' });
    if (offset > 0)
      links.push({ href: pageLink(Math.max(0, offset - pageSize)), rel: 'prev', method: 'GET' });
    const self = `${baseUrl}${url.pathname.slice(3)}${url.search}`;
    return new HttpReply(
      200,
      { href: self, items, links },
      { 'X-Total-Matching-Query': String(matching.length) },
    );
  }

  function locationTaken(volume: string, location: string, at: number): boolean {
    for (const entry of entries.values()) {
      const dest = entry.base.destination;
      if (dest?.volume !== volume || dest.location !== location) continue;
      const job = view(entry, at);
      // A FAILED 9107 job is proof a file already sat at that location.
      if (job.state === 'COMPLETED' || (job.state === 'FAILED' && job.error?.code === 9107)) return true;
    }
    return false;
  }

  function start(body: unknown, url: URL): HttpReply {
    const problem = validateStart(body);
    if (problem) return new HttpReply(400, errorBody(400, undefined, problem));
    const req = body as {
      source: { file: string };
      destination: { volume: string; location: string };
      overwrite?: boolean;
      properties?: Record<string, unknown>;
    };
    stats.starts++;
    const at = now();
    const overwrite = req.overwrite ?? false;
    if (!overwrite && locationTaken(req.destination.volume, req.destination.location, at)) {
      return new HttpReply(
        409,
        errorBody(409, 9107, 'Location on volume already contains a file. Check the documentation.'),
      );
    }
    const id = newExportId();
    const job: ExportJob = {
      id,
      state: 'PENDING',
      source: { file: req.source.file },
      destination: { volume: req.destination.volume, location: req.destination.location },
      properties: req.properties ?? {},
      overwrite,
    };
    if (url.searchParams.get('copy_only') === 'true') job.copy_only = true;
    const elapsed = at - startMs;
    entries.set(id, {
      base: job,
      runningAt: startMs + elapsed + startTimeline.runningAfterMs,
      finishAt: startMs + elapsed + startTimeline.finishAfterMs,
      finalState: 'COMPLETED',
    });
    return new HttpReply(201, view(entries.get(id)!, at));
  }

  function rateLimitStatus(at: number): HttpReply {
    rollWindow(at);
    const reset = Math.ceil((windowStart + windowMs) / 1000);
    // The platform's instance counter can exceed 2^53: sent as a raw JSON number so clients meet it for real.
    const text = `{"rate":{"limit":${limit},"remaining":${Math.max(0, limit - windowCount)},"reset":${reset}},"instance_limit":{"limit":-1,"remaining":18446744073709551615,"reset":0}}`;
    return new HttpReply(200, undefined, {}, text);
  }

  // --- plumbing ----------------------------------------------------------------------------------------------

  function rollWindow(at: number): void {
    if (at >= windowStart + windowMs) {
      windowStart = at;
      windowCount = 0;
    }
  }

  function rateHeaders(remaining: number, resetMs: number): Record<string, string> {
    if (faults.omitRateLimitHeaders) return {};
    const reset = faults.resetAsMilliseconds ? Math.ceil(resetMs) : Math.ceil(resetMs / 1000);
    return {
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': String(Math.max(0, remaining)),
      'X-RateLimit-Reset': String(reset),
    };
  }

  function route(method: string, path: string, url: URL, body: unknown): HttpReply {
    if (path === '/storage/exports') {
      if (method === 'GET') return list(url);
      if (method === 'POST') return start(body, url);
    } else if (path === '/bulk/storage/exports/get') {
      if (method === 'POST') return bulkGet(body);
    } else if (path.startsWith('/storage/exports/') && path.indexOf('/', 17) === -1) {
      if (method === 'GET') return getOne(decodeURIComponent(path.slice(17)));
    } else {
      return new HttpReply(404, errorBody(404, undefined, `No such endpoint: ${path}`));
    }
    return new HttpReply(405, errorBody(405, undefined, `Method ${method} not allowed on ${path}`));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    if (!url.pathname.startsWith('/v2/')) {
      return send(res, new HttpReply(404, errorBody(404, undefined, 'Not found')));
    }
    const path = url.pathname.slice(3).replace(/\/+$/, '') || '/';
    const isRateStatus = path === '/rate_limit' && method === 'GET';
    if (!isRateStatus) stats.requests++;

    if (faults.stallMs) await stall(faults.stallMs);
    if (closed || res.destroyed) return;
    if (faults.hangUp) {
      req.socket.destroy();
      return;
    }

    const at = now();
    rollWindow(at);
    const currentHeaders = () => rateHeaders(limit - windowCount, windowStart + windowMs);
    const tokenHeader = req.headers['x-sbg-auth-token'];
    const token = Array.isArray(tokenHeader) ? tokenHeader[0] : tokenHeader;
    if (faults.auth || !token || !acceptToken(token)) {
      const reply = new HttpReply(
        401,
        errorBody(401, 90001, 'Unauthorized: the auth token is missing or invalid.'),
      );
      return send(res, reply, currentHeaders());
    }
    if (faults.maintenance) {
      const reply = new HttpReply(503, errorBody(503, 0, 'Platform is currently under maintenance.'));
      return send(res, reply, currentHeaders());
    }
    if (isRateStatus) {
      return send(res, rateLimitStatus(at), currentHeaders());
    }
    if (faults.rateLimited) {
      stats.rateLimited++;
      const resetMs = at + (faults.resetInSeconds ?? 60) * 1000;
      return send(res, tooMany(), rateHeaders(0, resetMs));
    }
    if (windowCount >= limit) {
      stats.rateLimited++;
      return send(res, tooMany(), rateHeaders(0, windowStart + windowMs));
    }
    windowCount++;
    const limitHeaders = rateHeaders(limit - windowCount, windowStart + windowMs);

    if (faults.serverError) {
      const status = faults.serverError;
      return send(
        res,
        new HttpReply(status, errorBody(status, undefined, 'Internal server error.')),
        limitHeaders,
      );
    }
    if (faults.htmlBody) {
      const page =
        '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n';
      return sendText(res, 502, page, 'text/html', limitHeaders);
    }

    let body: unknown;
    if (method === 'POST') {
      try {
        body = raw === '' ? undefined : JSON.parse(raw);
      } catch {
        return send(
          res,
          new HttpReply(400, errorBody(400, undefined, 'Request body is not valid JSON.')),
          limitHeaders,
        );
      }
    }
    const reply = route(method, path, url, body);
    send(res, reply, limitHeaders);
  }

  function tooMany(): HttpReply {
    return new HttpReply(429, errorBody(429, 1000, 'Rate limit exceeded! Please check response headers.'));
  }

  function send(res: ServerResponse, reply: HttpReply, extra: Record<string, string> = {}): void {
    if (res.destroyed || res.headersSent) return;
    let text = reply.raw ?? JSON.stringify(reply.body);
    let type = 'application/json; charset=utf-8';
    if (reply.status >= 200 && reply.status < 300) {
      if (faults.truncatedJson) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
      else if (faults.garbageBody) {
        text = 'Proxy says: upstream\x1b[31m is \x07sad today';
        type = 'text/plain';
      }
    }
    sendText(res, reply.status, text, type, { ...extra, ...reply.headers });
  }

  function sendText(
    res: ServerResponse,
    status: number,
    text: string,
    type: string,
    headers: Record<string, string>,
  ): void {
    if (res.destroyed || res.headersSent) return;
    res.writeHead(status, { ...headers, 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  function stall(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stalls.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      stalls.add(done);
    });
  }

  addJobs(opts.jobs ?? []);

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    res.on('error', () => {});
    handle(req, res).catch((err: unknown) => {
      if (res.destroyed || res.headersSent) return;
      const message = errorText(err);
      send(res, new HttpReply(500, errorBody(500, undefined, `Simulator error: ${message}`)));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}/v2`;

  return {
    url: baseUrl,
    port,
    faults,
    get stats() {
      return stats;
    },
    addJobs,
    job(id: string) {
      const entry = entries.get(id);
      return entry ? view(entry, now()) : undefined;
    },
    setJobState,
    resetStats,
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      for (const release of [...stalls]) release();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

function validateStart(body: unknown): string | undefined {
  if (!isRecord(body)) return 'Body must be a JSON object.';
  const { source, destination, overwrite, properties } = body;
  if (!isRecord(source) || typeof source.file !== 'string' || source.file === '') {
    return 'source.file is required.';
  }
  if (!isRecord(destination) || typeof destination.volume !== 'string' || destination.volume === '') {
    return 'destination.volume is required.';
  }
  if (typeof destination.location !== 'string' || destination.location === '') {
    return 'destination.location is required.';
  }
  if (overwrite !== undefined && typeof overwrite !== 'boolean') return 'overwrite must be a boolean.';
  if (properties !== undefined && !isRecord(properties)) return 'properties must be an object.';
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
