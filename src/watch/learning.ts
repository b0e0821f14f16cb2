/**
 * How far a first pass too big for one rate window has got. A pass starts when a cycle the budget cut short
 * leaves jobs never fetched, and ends when none is left; jobs added meanwhile join its total.
 */
export class LearningProgress {
  private learned: number | undefined;

  /**
   * After a cycle: `unknown` jobs still have no snapshot, `learnedNow` got their first one, `complete` says
   * whether the cycle asked every due job. Returns the figure to show, if any.
   */
  update(
    unknown: number,
    complete: boolean,
    learnedNow: number,
  ): { done: number; total: number } | undefined {
    if (unknown <= 0) {
      this.learned = undefined;
      return undefined;
    }
    if (this.learned === undefined) {
      if (complete) return undefined;
      this.learned = 0;
    }
    this.learned += learnedNow;
    return { done: this.learned, total: this.learned + unknown };
  }
}
