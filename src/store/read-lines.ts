// Reading the watch list off disk. A 10,000-job list is 6 MB: read whole, it is a 6 MB buffer and then a 6 MB
// string, both fresh memory, and on a small VM each new page costs a fault. Those faults were a tenth of a
// launch (issue 4: first frame). Read a line at a time through one small buffer, the text of each line
// lives only until it is parsed, and only the parsed entries stay.
import { isAscii } from 'node:buffer';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { NEWLINE_BYTE } from './layout.js';

const CHUNK_BYTES = 64 * 1024;

/**
 * Bytes to text. A watch list is nearly always pure ASCII (IDs, times, paths), and ASCII read as Latin-1 is
 * the same text, copied rather than decoded: ~4x faster than UTF-8. Anything else as UTF-8.
 */
export function decode(bytes: Buffer): string {
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

/** The whole file as text, with its length and CRC-32. */
export function readText(file: string): { text: string; file: FileBytes } {
  const buf = fs.readFileSync(file);
  return { text: decode(buf), file: { bytes: buf.length, crc: zlib.crc32(buf) } };
}

/** How long a file read whole was, and the CRC-32 of its bytes: what the open cache knows a list file by. */
export interface FileBytes {
  bytes: number;
  crc: number;
}

/** A line of a file as bytes: buf[start, end), without its newline. Valid only during the call. */
export type OnLineBytes = (buf: Buffer, start: number, end: number) => boolean;

/**
 * Calls onLine with each line of the file (without its '\n'; the last one may be empty), in order, until
 * it returns false. Lines are cut at newline bytes, so a UTF-8 character is never split: its bytes are never
 * 0x0A. Reading is through one descriptor: a file replaced meanwhile (atomic writes rename over it) is still
 * read as it was when opened. chunkBytes: the first buffer's size (tests use tiny ones). Returns the length
 * and CRC-32 of the file when it was read to its end; undefined when onLine stopped it.
 */
export function readLineBytes(
  file: string,
  onLine: OnLineBytes,
  chunkBytes = CHUNK_BYTES,
): FileBytes | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    let buf = Buffer.allocUnsafeSlow(chunkBytes);
    let held = 0; // bytes at the start of buf not yet handed out: a line still being read
    let bytes = 0;
    let crc = 0;
    for (;;) {
      if (held === buf.length) {
        // A line longer than the buffer: make room for it.
        const bigger = Buffer.allocUnsafeSlow(buf.length * 2);
        buf.copy(bigger, 0, 0, held);
        buf = bigger;
      }
      const read = fs.readSync(fd, buf, held, buf.length - held, null);
      const end = held + read;
      crc = zlib.crc32(buf.subarray(held, end), crc);
      bytes += read;
      let from = 0;
      for (;;) {
        const nl = buf.indexOf(NEWLINE_BYTE, from);
        if (nl < 0 || nl >= end) break;
        if (!onLine(buf, from, nl)) return undefined;
        from = nl + 1;
      }
      // At the end of the file, the rest is the last line.
      if (read === 0) return onLine(buf, from, end) ? { bytes, crc } : undefined;
      buf.copy(buf, 0, from, end);
      held = end - from;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** readLineBytes, each line as text. */
export function readLines(file: string, onLine: (line: string) => boolean, chunkBytes = CHUNK_BYTES): void {
  readLineBytes(file, (buf, start, end) => onLine(decode(buf.subarray(start, end))), chunkBytes);
}

/** read(fd) of the file open for reading; undefined when it cannot be opened or read (it is closed after). */
export function readingFile<T>(file: string, read: (fd: number) => T): T | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    return read(fd);
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** Length and CRC-32 of a file's bytes, read in chunks; undefined when it cannot be read. */
export function fileCrc(file: string): FileBytes | undefined {
  return readingFile(file, (fd) => {
    const buf = Buffer.allocUnsafe(256 * 1024);
    let bytes = 0;
    let crc = 0;
    for (;;) {
      const read = fs.readSync(fd, buf, 0, buf.length, null);
      if (read === 0) return { bytes, crc };
      crc = zlib.crc32(buf.subarray(0, read), crc);
      bytes += read;
    }
  });
}
