// The open cache (`<list>.cache`): what opening the store last found, so that the next open of 100,000 jobs
// reads one 5 MB file instead of indexing a 70 MB journal and cutting 100,000 list lines (issue 15: the
// first frame). It is only a cache: written when a store closes, trusted only for the files it describes
// (the list file's exact bytes, by length and CRC-32; the journal file by the token in its first line, and
// only up to the offset it had indexed, the rest being read as usual), and ignored whenever anything about
// it is off. Deleting it costs one slower open.
//
// Layout: MAGIC, a u32 byte-order mark, the u32 length of a JSON header (the strings: times, endpoints,
// IDs of entries the journal lacks), then the numbers as arrays in the machine's byte order, 8-byte aligned,
// the IDs' bytes, and the CRC-32 of everything before it. Read an array at a time, straight into the
// memory it stays in: a buffer of the whole 6 MB file was still held, unused, seconds after the first frame.

import fs from 'node:fs';
import zlib from 'node:zlib';
import { VERSION } from '../version.js';
import { ID_BYTES } from './bytes.js';
import { factsCode, factsOfCode, type JobFacts } from './facts.js';
import type { IndexColumns } from './journal-index.js';
import { readingFile } from './read-lines.js';
import { removeStaleTemps } from './writer.js';

const MAGIC = Buffer.from('SBXOPEN1');
const BYTE_ORDER = 0x01020304;

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
  /** The version that wrote the cache: only this one reads it. */
  app: string;
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
    h.app === VERSION &&
    typeof h.token === 'string' &&
    [h.end, h.bytes, h.crc, h.n, h.m].every(isCount) &&
    isStrings(h.timeTable) &&
    isStrings(h.endpointTable) &&
    isStrings(h.loose)
  );
}

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
    app: VERSION,
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
  const facts = Uint8Array.from(index.facts, factsCode);
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

/** Reads `size` bytes of a cache in order, into the arrays they become, keeping the CRC of all it read. */
class CacheReader {
  crc = 0;
  at = 0;

  constructor(
    readonly size: number,
    readonly readAt: (into: Uint8Array, position: number) => number,
  ) {}

  /** The next bytes into `into`, all of it; throws where the data ends first. */
  fill(into: ArrayBufferView): void {
    const bytes = new Uint8Array(into.buffer, into.byteOffset, into.byteLength);
    for (let done = 0; done < bytes.length; ) {
      const n = this.readAt(bytes.subarray(done), this.at + done);
      if (n <= 0) throw new Error('the cache is cut short');
      done += n;
    }
    // Not for no bytes: zlib.crc32 of an empty view of an empty buffer answers 0 whatever the value given.
    if (bytes.length > 0) this.crc = zlib.crc32(bytes, this.crc);
    this.at += bytes.length;
  }

  /** Past the padding to the next multiple of 8. */
  align(): void {
    const pad = align8(this.at) - this.at;
    if (pad > 0) this.fill(new Uint8Array(pad));
  }

  array<T extends ArrayBufferView>(
    Type: { new (n: number): T; BYTES_PER_ELEMENT: number },
    bytes: number,
  ): T {
    const out = new Type(bytes / Type.BYTES_PER_ELEMENT);
    this.fill(out);
    this.align();
    return out;
  }

  /**
   * `m` IDs. Each chunk of the file becomes one string cut into slices: V8 keeps a slice as a view of its
   * string, so 100,000 IDs cost one copy of their bytes rather than 100,000 strings made one by one.
   */
  ids(m: number): string[] {
    const ids = new Array<string>(m);
    const perChunk = 32 * 1024;
    const chunk = Buffer.allocUnsafe(Math.min(m, perChunk) * ID_BYTES);
    for (let from = 0; from < m; from += perChunk) {
      const k = Math.min(perChunk, m - from);
      this.fill(chunk.subarray(0, k * ID_BYTES));
      const text = chunk.toString('latin1', 0, k * ID_BYTES);
      for (let i = 0; i < k; i++) ids[from + i] = text.slice(i * ID_BYTES, (i + 1) * ID_BYTES);
    }
    this.align();
    return ids;
  }
}

/** The header, if the bytes begin like a cache this version wrote on a machine like this one. */
function readHeader(r: CacheReader): Header | undefined {
  const head = Buffer.alloc(MAGIC.length + 8);
  r.fill(head);
  if (!head.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  if (
    new Uint32Array(Uint8Array.from(head.subarray(MAGIC.length, MAGIC.length + 4)).buffer)[0] !== BYTE_ORDER
  )
    return undefined;
  const json = Buffer.alloc(head.readUInt32LE(MAGIC.length + 4));
  if (r.at + json.length > r.size) return undefined;
  r.fill(json);
  r.align();
  let header: unknown;
  try {
    header = JSON.parse(json.toString('utf8'));
  } catch {
    return undefined;
  }
  return isHeader(header) ? header : undefined;
}

/**
 * The cache in the `size` bytes `readAt` reads, each array read straight into its own memory (no buffer of
 * the whole file); undefined when it is not one this version wrote whole on a machine like this one.
 */
function decode(size: number, readAt: CacheReader['readAt']): OpenCache | undefined {
  if (size < MAGIC.length + 12) return undefined;
  const r = new CacheReader(size, readAt);
  const header = readHeader(r);
  if (!header) return undefined;
  const { n, m, token, end, bytes, crc, timeTable, endpointTable, loose } = header;
  const sizes = sections(n, m);
  if (r.at + sizes.reduce((a, b) => a + align8(b), 0) + 4 !== size) return undefined;
  const offset = r.array(Float64Array, sizes[0]!);
  const length = r.array(Int32Array, sizes[1]!);
  const rowLength = r.array(Int32Array, sizes[2]!);
  const slots = r.array(Int32Array, sizes[3]!);
  const times = r.array(Int32Array, sizes[4]!);
  const endpoints = r.array(Int32Array, sizes[5]!);
  const codes = r.array(Uint8Array, sizes[6]!);
  const ids = r.ids(m);
  const whole = r.crc;
  const trailer = Buffer.alloc(4);
  r.fill(trailer);
  if (trailer.readUInt32LE(0) !== whole) return undefined;
  const facts = new Array<JobFacts | null | undefined>(m);
  for (let i = 0; i < m; i++) facts[i] = factsOfCode(codes[i]!);
  return {
    token,
    end,
    index: { ids, offset, length, rowLength, facts },
    list: { bytes, crc, slots, times, endpoints, timeTable, endpointTable, loose },
  };
}

/** The cache in `buf`; undefined when it is not one this version wrote whole on a machine like this one. */
export function decodeCache(buf: Buffer): OpenCache | undefined {
  try {
    return decode(buf.length, (into, at) => buf.copy(into, 0, at, at + into.length));
  } catch {
    return undefined;
  }
}

/** The cache at `file`, or undefined when there is none or it cannot be read. */
export function readCache(file: string): OpenCache | undefined {
  return readingFile(file, (fd) =>
    decode(fs.fstatSync(fd).size, (into, at) => fs.readSync(fd, into, 0, into.length, at)),
  );
}

/**
 * Replace the cache at `file` (a temporary file renamed over it, so a reader sees one whole cache or the
 * other; not synced: a cache torn by a power cut fails its CRC and is ignored). Under the store's lock,
 * where no other process writes one, so temporary files of writers killed before their rename are
 * deleted first. Failing is silent.
 */
export function writeCache(file: string, cache: OpenCache): void {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    removeStaleTemps(file);
    fs.writeFileSync(tmp, encodeCache(cache));
    fs.renameSync(tmp, file);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}
