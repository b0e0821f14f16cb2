// The open cache (`<list>.cache`): what opening the store last found, so that the next open of 100,000 jobs
// reads one 5 MB file instead of indexing a 70 MB journal and cutting 100,000 list lines (issue 15: the
// first frame). It is only a cache: written when a store closes, trusted only for the files it describes
// (the list file's exact bytes, by length and CRC-32; the journal file by the token in its first line, and
// only up to the offset it had indexed, the rest being read as usual), and ignored whenever anything about
// it is off. Deleting it costs one slower open.
//
// Layout: MAGIC, a u32 byte-order mark, the u32 length of a JSON header (the strings: times, endpoints,
// IDs of entries the journal lacks), then the numbers as arrays in the machine's byte order, 8-byte aligned,
// and the CRC-32 of everything before it.

import fs from 'node:fs';
import zlib from 'node:zlib';
import { type JobFacts, jobFacts } from './facts.js';
import type { IndexColumns } from './journal-index.js';
import type { SnapshotStatus } from './types.js';

const MAGIC = Buffer.from('SBXOPEN1');
const BYTE_ORDER = 0x01020304;
const ID_BYTES = 32;

export interface CachedList {
  /** Length and CRC-32 of the list file the entries were read from (or written as). */
  bytes: number;
  crc: number;
  /** Per entry: its slot in `index`, or -1 - k for the k-th of `loose` (a job the journal has no record of). */
  slots: Int32Array;
  /** Per entry: its time and endpoint, as indexes into the tables. */
  times: Int32Array;
  endpoints: Int32Array;
  timeTable: string[];
  endpointTable: string[];
  loose: string[];
}

export interface OpenCache {
  /** The journal file's token, and the offset up to which `index` describes it. */
  token: string;
  end: number;
  index: IndexColumns;
  list: CachedList;
}

interface Header {
  token: string;
  end: number;
  bytes: number;
  crc: number;
  n: number;
  m: number;
  timeTable: string[];
  endpointTable: string[];
  loose: string[];
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

function isHeader(v: unknown): v is Header {
  if (typeof v !== 'object' || v === null) return false;
  const h = v as Record<keyof Header, unknown>;
  return (
    typeof h.token === 'string' &&
    [h.end, h.bytes, h.crc, h.n, h.m].every(isCount) &&
    isStrings(h.timeTable) &&
    isStrings(h.endpointTable) &&
    isStrings(h.loose)
  );
}

// Facts as one byte: 0 not known without the row, 1 no snapshot, else status × state × gone. A state the
// API may add later is stored as 0 and read from its row when asked.
const STATUSES: readonly SnapshotStatus[] = ['ok', 'not-found', 'no-access'];
const STATES: readonly (string | undefined)[] = [undefined, 'PENDING', 'RUNNING', 'COMPLETED', 'FAILED'];
const FACTS: (JobFacts | null | undefined)[] = [undefined, null];
for (const status of STATUSES)
  for (const state of STATES) FACTS.push(jobFacts(status, state, false), jobFacts(status, state, true));
const CODE = new Map<JobFacts | null | undefined, number>(FACTS.map((f, code) => [f, code]));

/** The byte sizes of the arrays, in the order they are laid out. */
function sections(n: number, m: number): number[] {
  return [8 * m, 4 * m, 4 * m, 4 * n, 4 * n, 4 * n, m, ID_BYTES * m];
}

const align8 = (n: number) => (n + 7) & ~7;

export function encodeCache(c: OpenCache): Buffer {
  const { index, list } = c;
  const m = index.ids.length;
  const n = list.slots.length;
  const header: Header = {
    token: c.token,
    end: c.end,
    bytes: list.bytes,
    crc: list.crc,
    n,
    m,
    timeTable: list.timeTable,
    endpointTable: list.endpointTable,
    loose: list.loose,
  };
  const json = Buffer.from(JSON.stringify(header));
  const start = align8(MAGIC.length + 8 + json.length);
  const sizes = sections(n, m);
  const total = start + sizes.reduce((a, b) => a + align8(b), 0) + 4;
  const out = Buffer.alloc(total);
  MAGIC.copy(out, 0);
  out.writeUInt32LE(json.length, MAGIC.length + 4);
  Buffer.from(new Uint32Array([BYTE_ORDER]).buffer).copy(out, MAGIC.length);
  json.copy(out, MAGIC.length + 8);
  const facts = Uint8Array.from(index.facts, (f) => CODE.get(f) ?? 0);
  const ids = Buffer.from(index.ids.join(''), 'latin1');
  if (ids.length !== ID_BYTES * m) throw new Error('an ID of the index is not 32 bytes');
  const arrays = [
    index.offset,
    index.length,
    index.rowLength,
    list.slots,
    list.times,
    list.endpoints,
    facts,
    ids,
  ];
  let at = start;
  arrays.forEach((a, i) => {
    Buffer.from(a.buffer, a.byteOffset, sizes[i]).copy(out, at);
    at += align8(sizes[i]!);
  });
  out.writeUInt32LE(zlib.crc32(out.subarray(0, total - 4)), total - 4);
  return out;
}

/**
 * The `bytes` bytes at buf[at] as the typed array T: a view where they are aligned for it (a file's own
 * buffer), else a copy. Either is used only while the store opens.
 */
function section<T extends Float64Array | Int32Array>(
  Type: {
    new (buffer: ArrayBuffer, at: number, n: number): T;
    new (n: number): T;
    BYTES_PER_ELEMENT: number;
  },
  buf: Buffer,
  at: number,
  bytes: number,
): T {
  const n = bytes / Type.BYTES_PER_ELEMENT;
  const from = buf.byteOffset + at;
  if (from % Type.BYTES_PER_ELEMENT === 0 && buf.buffer instanceof ArrayBuffer)
    return new Type(buf.buffer, from, n);
  const out = new Type(n);
  Buffer.from(out.buffer).set(buf.subarray(at, at + bytes));
  return out;
}

/** The cache in `buf`; undefined when it is not one this version wrote whole on a machine like this. */
export function decodeCache(buf: Buffer): OpenCache | undefined {
  if (buf.length < MAGIC.length + 12 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  if (zlib.crc32(buf.subarray(0, buf.length - 4)) !== buf.readUInt32LE(buf.length - 4)) return undefined;
  if (new Uint32Array(Uint8Array.from(buf.subarray(MAGIC.length, MAGIC.length + 4)).buffer)[0] !== BYTE_ORDER)
    return undefined;
  const jsonBytes = buf.readUInt32LE(MAGIC.length + 4);
  let header: unknown;
  try {
    header = JSON.parse(buf.toString('utf8', MAGIC.length + 8, MAGIC.length + 8 + jsonBytes));
  } catch {
    return undefined;
  }
  if (!isHeader(header)) return undefined;
  const { n, m } = header;
  const sizes = sections(n, m);
  let at = align8(MAGIC.length + 8 + jsonBytes);
  if (at + sizes.reduce((a, b) => a + align8(b), 0) + 4 !== buf.length) return undefined;
  const next = (i: number) => {
    const from = at;
    at += align8(sizes[i]!);
    return from;
  };
  const offset = section(Float64Array, buf, next(0), sizes[0]!);
  const length = section(Int32Array, buf, next(1), sizes[1]!);
  const rowLength = section(Int32Array, buf, next(2), sizes[2]!);
  const slots = section(Int32Array, buf, next(3), sizes[3]!);
  const times = section(Int32Array, buf, next(4), sizes[4]!);
  const endpoints = section(Int32Array, buf, next(5), sizes[5]!);
  const factsAt = next(6);
  const facts = new Array<JobFacts | null | undefined>(m);
  for (let i = 0; i < m; i++) facts[i] = FACTS[buf[factsAt + i]!];
  // One string of every ID, cut into slices: V8 keeps a slice as a view of the one string, so 100,000 IDs
  // cost one copy of their bytes rather than 100,000 strings made one by one.
  const idsAt = next(7);
  const all = buf.toString('latin1', idsAt, idsAt + ID_BYTES * m);
  const ids = new Array<string>(m);
  for (let i = 0; i < m; i++) ids[i] = all.slice(i * ID_BYTES, (i + 1) * ID_BYTES);
  const { token, end, bytes, crc, timeTable, endpointTable, loose } = header;
  return {
    token,
    end,
    index: { ids, offset, length, rowLength, facts },
    list: { bytes, crc, slots, times, endpoints, timeTable, endpointTable, loose },
  };
}

/** The cache at `file`, or undefined when there is none or it cannot be read. */
export function readCache(file: string): OpenCache | undefined {
  try {
    return decodeCache(fs.readFileSync(file));
  } catch {
    return undefined;
  }
}

/**
 * Replace the cache at `file` (a temporary file renamed over it, so a reader sees one whole cache or the
 * other; not synced: a cache torn by a power cut fails its CRC and is ignored). Failing is silent.
 */
export function writeCache(file: string, cache: OpenCache): void {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    fs.writeFileSync(tmp, encodeCache(cache));
    fs.renameSync(tmp, file);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}

/** Length and CRC-32 of a file's bytes, read in chunks; undefined when it cannot be read. */
export function fileCrc(file: string): { bytes: number; crc: number } | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const buf = Buffer.allocUnsafe(1024 * 1024);
    let bytes = 0;
    let crc = 0;
    for (;;) {
      const read = fs.readSync(fd, buf, 0, buf.length, null);
      if (read === 0) return { bytes, crc };
      crc = zlib.crc32(buf.subarray(0, read), crc);
      bytes += read;
    }
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}
