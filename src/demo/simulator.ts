import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorText } from '../values.js';
import { Catalog } from './catalog.js';
import { GATEWAY_PAGE, mangleBody, rateHeaders, refuseBeforeCounting, refuseOverLimit } from './faults.js';
import { JobBook } from './job-book.js';
import { RateWindow } from './rate-window.js';
import { errorReply, type HttpReply } from './reply.js';
import { route } from './routes.js';
import { type Listening, listen, sendText } from './server.js';
import type { Faults, Simulator, SimulatorOptions } from './types.js';
import { newStats, type World } from './world.js';

/**
 * An in-process fake of the Seven Bridges API (exports, projects, files, volumes) over real HTTP on 127.0.0.1:
 * the demo's backend, the tests' server and the benchmark's platform. Fault switches are read on every request
 * so a test can flip them mid-run. Two instances with different `token`s stand for two platforms.
 */

export { isoSeconds, newExportId } from './reply.js';
export type * from './types.js';

const DEFAULT_TIMELINE = { runningAfterMs: 1500, finishAfterMs: 5000 };

function tokenCheck(opts: SimulatorOptions): (token: string) => boolean {
  if (opts.acceptToken) return opts.acceptToken;
  const only = opts.token;
  return only === undefined ? (t) => t.length > 0 : (t) => t === only;
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const now = opts.now ?? Date.now;
  const startMs = now();
  const faults: Faults = {};
  const world: World = {
    book: new JobBook(now, startMs, opts.startedJobTimeline ?? DEFAULT_TIMELINE),
    catalog: new Catalog(opts.catalog),
    faults,
    stats: newStats(),
  };
  const window = new RateWindow(opts.rateLimit?.limit ?? 1000, opts.rateLimit?.windowMs ?? 300_000, startMs);
  world.book.add(opts.jobs ?? []);

  let server: Listening | undefined;
  const { handle, send } = requestHandler(world, window, tokenCheck(opts), () => server);
  server = await listen(opts.port ?? 0, handle, (res, err) =>
    send(res, errorReply(500, undefined, `Simulator error: ${errorText(err)}`)),
  );
  const url = `http://127.0.0.1:${server.port}/v2`;
  world.book.baseUrl = url;

  return {
    url,
    port: server.port,
    faults,
    get stats() {
      return world.stats;
    },
    addJobs: (jobs) => world.book.add(jobs),
    job: (id) => world.book.job(id),
    setJobState: (id, state, error) => world.book.setState(id, state, error),
    started: (id) => world.book.started(id),
    file: (id) => {
      const file = world.catalog.file(id);
      return file && { ...file, storage: file.storage && { ...file.storage } };
    },
    resetStats() {
      // In place: a caller may hold the stats object.
      Object.assign(world.stats, newStats());
    },
    close: () => server.close(),
  };
}

/** The request pipeline: stall / hang-up faults, auth, maintenance, rate window, other faults, then the route. */
function requestHandler(
  world: World,
  window: RateWindow,
  acceptToken: (token: string) => boolean,
  server: () => Listening | undefined,
) {
  const { faults } = world;
  const now = world.book.now;
  const send = (res: ServerResponse, reply: HttpReply, extra: Record<string, string> = {}) => {
    let text = reply.raw ?? JSON.stringify(reply.body);
    let type = 'application/json; charset=utf-8';
    if (reply.status >= 200 && reply.status < 300) ({ text, type } = mangleBody(faults, text, type));
    sendText(res, reply.status, text, type, { ...extra, ...reply.headers });
  };

  async function handle(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    if (!url.pathname.startsWith('/v2/')) return send(res, errorReply(404, undefined, 'Not found'));
    const path = url.pathname.slice(3).replace(/\/+$/, '') || '/';
    const isRateStatus = path === '/rate_limit' && method === 'GET';
    if (!isRateStatus) world.stats.requests++;
    if (faults.stallMs) await server()!.stall(faults.stallMs);
    if (server()?.closed || res.destroyed) return;
    if (faults.hangUp) return void req.socket.destroy();

    const at = now();
    window.roll(at);
    const header = req.headers['x-sbg-auth-token'];
    const token = (Array.isArray(header) ? header[0] : header) ?? '';
    const early = refuseBeforeCounting(faults, token !== '' && acceptToken(token), window);
    if (early) return send(res, early.reply, early.headers);
    if (isRateStatus)
      return send(
        res,
        window.statusReply(at),
        rateHeaders(faults, window.limit, window.remaining, window.resetAt),
      );
    const limited = refuseOverLimit(faults, window, world.stats, at);
    if (limited) return send(res, limited.reply, limited.headers);
    const headers = rateHeaders(faults, window.limit, window.remaining, window.resetAt);

    if (faults.serverError)
      return send(res, errorReply(faults.serverError, undefined, 'Internal server error.'), headers);
    if (faults.htmlBody) return sendText(res, 502, GATEWAY_PAGE, 'text/html', headers);
    let body: unknown;
    if (method === 'POST' && raw !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        return send(res, errorReply(400, undefined, 'Request body is not valid JSON.'), headers);
      }
    }
    send(res, route(world, { method, path, url, body, at }), headers);
  }

  return { handle, send };
}
