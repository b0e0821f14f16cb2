// Ink 6 rewrites the whole frame on every render (erase N lines, print all of
// them). Its incremental mode draws stale lines in our full-screen layout
// (ink6-notes.md). This stream sits between Ink and the terminal: it takes each
// full frame, compares it with the last one, and writes only the lines that
// changed, each at its absolute row (we own the alternate screen, so the frame
// always starts at the top-left). One changed row costs about one line of
// output instead of a whole screen.

const ERASE_PREFIX = /^(?:\u001B\[2K\u001B\[1A)*\u001B\[2K\u001B\[G/;
const SYNC_START = '\u001B[?2026h';
const SYNC_END = '\u001B[?2026l';

export interface FrameWriterStats {
  frames: number;
  bytes: number;
  fullRedraws: number;
}

type WriteCallback = (err?: Error | null) => void;

/**
 * Wraps a TTY stream for Ink: frames are diffed, everything else passes through.
 * `out` is where bytes go (the real stdout; a counter in benchmarks).
 */
export function createFrameWriter(tty: NodeJS.WriteStream, out: (s: string) => void = (s) => tty.write(s)) {
  let previous: string[] = [];
  const stats: FrameWriterStats = { frames: 0, bytes: 0, fullRedraws: 0 };

  const emit = (s: string) => {
    stats.bytes += Buffer.byteLength(s);
    out(s);
  };

  const drawFrame = (frame: string) => {
    const lines = frame.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    let buf = '';
    for (let i = 0; i < lines.length; i++) {
      if (lines[i] !== previous[i]) buf += `\u001B[${i + 1};1H${lines[i]}\u001B[0m\u001B[K`;
    }
    if (lines.length < previous.length) buf += `\u001B[${lines.length + 1};1H\u001B[J`;
    previous = lines;
    stats.frames++;
    if (buf) emit(SYNC_START + buf + SYNC_END);
  };

  /** After a resize the terminal may have reflowed or kept stale cells: clear and draw everything. */
  const redrawAll = () => {
    stats.fullRedraws++;
    const lines = previous;
    previous = [];
    emit('\u001B[H\u001B[2J');
    drawFrame(`${lines.join('\n')}\n`);
  };

  const write = (
    chunk: string | Uint8Array,
    encoding?: BufferEncoding | WriteCallback,
    cb?: WriteCallback,
  ) => {
    const s = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const prefix = ERASE_PREFIX.exec(s);
    if (prefix) drawFrame(s.slice(prefix[0].length));
    else if (previous.length === 0 && s.includes('\n') && !s.startsWith('\u001B[2J')) drawFrame(s);
    else emit(s);
    const done = typeof encoding === 'function' ? encoding : cb;
    done?.();
    return true;
  };

  // Ink reads columns/rows and listens for 'resize' on the stream it is given:
  // everything but write() is the real TTY's.
  const stream = new Proxy(tty, {
    get(target, prop) {
      if (prop === 'write') return write;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

  return { stream, stats, redrawAll };
}
