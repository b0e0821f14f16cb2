// A terminal screen captured with its escape codes (tmux capture-pane -e) → an SVG of the same grid.
// A headless xterm interprets the codes, so colours, inverse and wide characters come out as a terminal
// shows them; every glyph that is not plain ASCII is placed at its own cell, so symbols drawn from a
// fallback font (✔ ⏱ ⠿) cannot push the rest of the line out of its column.
import xterm from '@xterm/headless';

/** One cell is 9×19 px; DejaVu Sans Mono advances 1233/2048 em, so 14.95 px gives a 9.0 px advance. */
const CELL_W = 9;
const CELL_H = 19;
const FONT_SIZE = 14.95;
const BASELINE = 14;
const PAD = 14;
const FONT_FAMILY = "'DejaVu Sans Mono', monospace";

/** A dark theme: default colours and the 16 ANSI colours (normal, then bright). */
const THEME = {
  background: '#181a1f',
  foreground: '#d4d7dd',
  ansi: [
    '#2c313a',
    '#e06c75',
    '#98c379',
    '#e5c07b',
    '#61afef',
    '#c678dd',
    '#56b6c2',
    '#c8ccd4',
    '#7a818c',
    '#ff7f8a',
    '#b7e38f',
    '#f2d28f',
    '#85c3ff',
    '#d99aee',
    '#7fd4df',
    '#ffffff',
  ],
};

export function imageSize(cols: number, rows: number): { width: number; height: number } {
  return { width: cols * CELL_W + 2 * PAD, height: rows * CELL_H + 2 * PAD };
}

function hex(n: number): string {
  return `#${n.toString(16).padStart(6, '0')}`;
}

/** xterm's 256-colour palette beyond the first 16: a 6×6×6 cube, then 24 greys. */
function palette(index: number): string {
  if (index < 16) return THEME.ansi[index] ?? THEME.foreground;
  if (index < 232) {
    const i = index - 16;
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    return hex((level(Math.floor(i / 36)) << 16) | (level(Math.floor(i / 6) % 6) << 8) | level(i % 6));
  }
  const grey = 8 + (index - 232) * 10;
  return hex((grey << 16) | (grey << 8) | grey);
}

type Cell = NonNullable<ReturnType<xterm.IBufferLine['getCell']>>;

function colour(cell: Cell, which: 'fg' | 'bg'): string | undefined {
  if (which === 'fg') {
    if (cell.isFgRGB()) return hex(cell.getFgColor());
    if (cell.isFgPalette()) return palette(cell.getFgColor());
    return undefined;
  }
  if (cell.isBgRGB()) return hex(cell.getBgColor());
  if (cell.isBgPalette()) return palette(cell.getBgColor());
  return undefined;
}

interface Style {
  fg: string;
  /** Undefined: the terminal's own background (nothing drawn). */
  bg: string | undefined;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  invisible: boolean;
}

function styleOf(cell: Cell): Style {
  let fg = colour(cell, 'fg') ?? THEME.foreground;
  let bg = colour(cell, 'bg');
  if (cell.isInverse()) [fg, bg] = [bg ?? THEME.background, fg];
  return {
    fg,
    bg,
    bold: cell.isBold() !== 0,
    dim: cell.isDim() !== 0,
    italic: cell.isItalic() !== 0,
    underline: cell.isUnderline() !== 0,
    strike: cell.isStrikethrough() !== 0,
    invisible: cell.isInvisible() !== 0,
  };
}

function sameStyle(a: Style, b: Style): boolean {
  return (
    a.fg === b.fg &&
    a.bg === b.bg &&
    a.bold === b.bold &&
    a.dim === b.dim &&
    a.italic === b.italic &&
    a.underline === b.underline &&
    a.strike === b.strike &&
    a.invisible === b.invisible
  );
}

interface Glyph {
  col: number;
  width: number;
  chars: string;
}

interface Run {
  style: Style;
  col: number;
  cols: number;
  glyphs: Glyph[];
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

function runsOf(line: xterm.IBufferLine, cols: number): Run[] {
  const runs: Run[] = [];
  for (let col = 0; col < cols; col++) {
    const cell = line.getCell(col);
    // Width 0: the right half of the wide character before it.
    if (!cell || cell.getWidth() === 0) continue;
    const style = styleOf(cell);
    const glyph = { col, width: cell.getWidth(), chars: cell.getChars() || ' ' };
    const last = runs.at(-1);
    if (last && sameStyle(last.style, style)) {
      last.glyphs.push(glyph);
      last.cols = col + glyph.width - last.col;
    } else {
      runs.push({ style, col, cols: glyph.width, glyphs: [glyph] });
    }
  }
  return runs;
}

const x = (col: number) => PAD + col * CELL_W;

/**
 * Pieces of a run's text, each with the column it starts at: plain ASCII words go as one piece (the
 * font's advance is the cell width), anything else alone, and spaces not at all (the x of the next
 * piece says where it starts).
 */
function pieces(run: Run): { col: number; text: string }[] {
  const out: { col: number; text: string }[] = [];
  let open: { col: number; text: string } | undefined;
  for (const g of run.glyphs) {
    if (g.chars === ' ') {
      open = undefined;
    } else if (/^[!-~]$/.test(g.chars)) {
      if (open) open.text += g.chars;
      else {
        open = { col: g.col, text: g.chars };
        out.push(open);
      }
    } else {
      open = undefined;
      out.push({ col: g.col, text: g.chars });
    }
  }
  return out;
}

function rowSvg(line: xterm.IBufferLine, row: number, cols: number): string[] {
  const top = PAD + row * CELL_H;
  const out: string[] = [];
  const runs = runsOf(line, cols);
  for (const run of runs) {
    if (run.style.bg === undefined) continue;
    out.push(
      `<rect x="${x(run.col)}" y="${top}" width="${run.cols * CELL_W}" height="${CELL_H}" fill="${run.style.bg}"/>`,
    );
  }
  for (const run of runs) {
    const { style } = run;
    if (style.invisible) continue;
    const parts = pieces(run);
    if (style.underline) {
      out.push(
        `<rect x="${x(run.col)}" y="${top + BASELINE + 2}" width="${run.cols * CELL_W}" height="1" fill="${style.fg}"/>`,
      );
    }
    if (style.strike) {
      out.push(
        `<rect x="${x(run.col)}" y="${top + Math.round(CELL_H / 2)}" width="${run.cols * CELL_W}" height="1" fill="${style.fg}"/>`,
      );
    }
    if (parts.length === 0) continue;
    const attrs = [`y="${top + BASELINE}"`, `fill="${style.fg}"`];
    if (style.bold) attrs.push('font-weight="bold"');
    if (style.italic) attrs.push('font-style="italic"');
    if (style.dim) attrs.push('fill-opacity="0.6"');
    const spans = parts.map((p) => `<tspan x="${x(p.col)}">${escapeXml(p.text)}</tspan>`).join('');
    out.push(`<text ${attrs.join(' ')}>${spans}</text>`);
  }
  return out;
}

/** Feeds the capture into a headless terminal of the given size and returns its screen as SVG. */
export async function ansiToSvg(capture: string, cols: number, rows: number): Promise<string> {
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  // capture-pane ends every row with a newline: a terminal needs CR LF between rows and none after
  // the last, or the screen scrolls by one.
  const lines = capture.replace(/\n$/, '').split('\n').slice(0, rows);
  await new Promise<void>((resolve) => term.write(lines.join('\r\n'), resolve));
  const { width, height } = imageSize(cols, rows);
  const body: string[] = [];
  for (let row = 0; row < rows; row++) {
    const line = term.buffer.active.getLine(row);
    if (line) body.push(...rowSvg(line, row, cols));
  }
  term.dispose();
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" rx="8" fill="${THEME.background}"/>`,
    `<g font-family="${FONT_FAMILY}" font-size="${FONT_SIZE}">`,
    ...body,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}
