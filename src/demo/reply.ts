import { randomBytes } from 'node:crypto';
import type { ApiErrorBody } from '../platform/types.js';

const MORE_INFO = 'https://sb-biodatacatalyst.readme.io/reference/api-status-codes';
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** What an endpoint answers; the server turns it into bytes. */
export class HttpReply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
    /** Sent verbatim instead of JSON.stringify(body). */
    readonly raw?: string,
  ) {}
}

export function errorBody(status: number, code: number | undefined, message: string): ApiErrorBody {
  const body: ApiErrorBody = { status, message };
  if (code !== undefined) {
    body.code = code;
    body.more_info = `${MORE_INFO}#${code}`;
  }
  return body;
}

export function errorReply(status: number, code: number | undefined, message: string): HttpReply {
  return new HttpReply(status, errorBody(status, code, message));
}

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
