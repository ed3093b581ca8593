/** Repeats of one warning within this window share one line with their count. */
export const REPEAT_WINDOW_MS = 1_000;

interface Window {
  /** Repeats since the window opened, not yet written. */
  count: number;
  /** The latest of them, quoted in the count's line. */
  last: string;
  timer: NodeJS.Timeout;
}

/**
 * Keeps a flood of one warning (a refused hello, 33,000 a minute) from burying the log: the first
 * of a reason is written at once, its repeats are counted and written as one line a window while they
 * last, with the count and the latest of them.
 */
export class RepeatedWarnings {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly write: (text: string) => void, private readonly windowMs = REPEAT_WINDOW_MS) {}

  /** `reason` groups the repeats (e.g. an error code); `text` is this occurrence. */
  say(reason: string, text: string): void {
    const open = this.windows.get(reason);
    if (open) {
      open.count++;
      open.last = text;
      return;
    }
    this.write(text);
    this.open(reason);
  }

  private open(reason: string): void {
    const timer = setTimeout(() => this.lapse(reason), this.windowMs);
    // A pending count never keeps the process alive; close() writes it.
    timer.unref();
    this.windows.set(reason, { count: 0, last: '', timer });
  }

  private summary(reason: string, w: Window): string {
    return `${reason}: ${w.count} more in the last ${this.windowMs / 1000} s; the latest: ${w.last}`;
  }

  /** A window with repeats writes their count and opens the next; a quiet one closes. */
  private lapse(reason: string): void {
    const w = this.windows.get(reason)!;
    this.windows.delete(reason);
    if (w.count === 0) return;
    this.write(this.summary(reason, w));
    this.open(reason);
  }

  /** Writes the counts still pending. */
  close(): void {
    for (const [reason, w] of this.windows) {
      clearTimeout(w.timer);
      if (w.count) this.write(this.summary(reason, w));
    }
    this.windows.clear();
  }
}
