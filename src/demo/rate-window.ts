import { HttpReply } from './reply.js';

/** The platform's fixed request window: `limit` requests, then 429 until the window's end. */
export class RateWindow {
  private windowStart: number;
  private count = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    startMs: number,
  ) {
    this.windowStart = startMs;
  }

  roll(at: number): void {
    if (at >= this.windowStart + this.windowMs) {
      this.windowStart = at;
      this.count = 0;
    }
  }

  get remaining(): number {
    return Math.max(0, this.limit - this.count);
  }

  get resetAt(): number {
    return this.windowStart + this.windowMs;
  }

  /** Counts one request; false when the window is already full. */
  take(): boolean {
    if (this.count >= this.limit) return false;
    this.count++;
    return true;
  }

  /** GET /rate_limit */
  statusReply(at: number): HttpReply {
    this.roll(at);
    const reset = Math.ceil(this.resetAt / 1000);
    // The platform's instance counter can exceed 2^53: sent as a raw JSON number so clients meet it for real.
    const text = `{"rate":{"limit":${this.limit},"remaining":${this.remaining},"reset":${reset}},"instance_limit":{"limit":-1,"remaining":18446744073709551615,"reset":0}}`;
    return new HttpReply(200, undefined, {}, text);
  }
}
