import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

const MAX_BODY_BYTES = 1_000_000;

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => Promise<void>;

export interface Listening {
  port: number;
  /** Waits `ms` unless close() comes first. */
  stall(ms: number): Promise<void>;
  readonly closed: boolean;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 whose close() neither waits for stalled requests nor for keep-alive sockets. */
export async function listen(
  port: number,
  handler: Handler,
  onError: (res: ServerResponse, err: unknown) => void,
): Promise<Listening> {
  const sockets = new Set<Socket>();
  const stalls = new Set<() => void>();
  let closed = false;
  const server = createServer((req, res) => {
    res.on('error', () => {});
    readBody(req)
      .then((body) => handler(req, res, body))
      .catch((err: unknown) => {
        if (!res.destroyed && !res.headersSent) onError(res, err);
      });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    get closed() {
      return closed;
    },
    stall(ms) {
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          stalls.delete(done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        stalls.add(done);
      });
    },
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

export function sendText(
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
