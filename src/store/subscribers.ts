// Who to tell when the watch list changes.

export class Subscribers {
  readonly #set = new Set<() => void>();

  /** Returns the function that unsubscribes. */
  add(cb: () => void): () => void {
    this.#set.add(cb);
    return () => {
      this.#set.delete(cb);
    };
  }

  notify(): void {
    for (const cb of [...this.#set]) {
      try {
        cb();
      } catch {
        // A failing subscriber must not stop the others nor undo the change.
      }
    }
  }

  clear(): void {
    this.#set.clear();
  }
}
