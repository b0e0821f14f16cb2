// Rows by ID for the row model (row-model.ts), made on first use.
import type { Row } from './rows.js';

/**
 * Rows by ID, the map made on first use: the first frame of 100,000 rows does not wait for 100,000
 * insertions it does not need. Until then it follows the newest rows it was given.
 */
export class RowIndex implements ReadonlyMap<string, Row> {
  #map: Map<string, Row> | undefined;

  constructor(private rows: () => readonly Row[]) {}

  get #built(): Map<string, Row> {
    if (!this.#map) {
      this.#map = new Map();
      for (const row of this.rows()) this.#map.set(row.id, row);
    }
    return this.#map;
  }

  /** The rows changed to `rows`, where `changed` replaced what was there. */
  update(rows: () => readonly Row[], changed: readonly Row[]): void {
    if (this.#map) for (const row of changed) this.#map.set(row.id, row);
    else this.rows = rows;
  }

  get size(): number {
    return this.#built.size;
  }
  get(id: string): Row | undefined {
    return this.#built.get(id);
  }
  has(id: string): boolean {
    return this.#built.has(id);
  }
  forEach(fn: (row: Row, id: string, map: ReadonlyMap<string, Row>) => void): void {
    for (const [id, row] of this.#built) fn(row, id, this);
  }
  entries(): MapIterator<[string, Row]> {
    return this.#built.entries();
  }
  keys(): MapIterator<string> {
    return this.#built.keys();
  }
  values(): MapIterator<Row> {
    return this.#built.values();
  }
  [Symbol.iterator](): MapIterator<[string, Row]> {
    return this.#built.entries();
  }
}
