// Progress of long steps (files read, models built, pages written): a counter redrawn in place on a
// terminal, plain lines at each quarter when output goes to a log file or a pipe.

export interface Progress {
  /** `total` undefined = a counter without an end. */
  update(label: string, done: number, total?: number): void;
  /** Ends the current counter (clears the line on a terminal). */
  end(): void;
}

export const noProgress: Progress = { update: () => {}, end: () => {} };

export function streamProgress(
  stream: { write(s: string): unknown; isTTY?: boolean },
  now: () => number = () => Date.now(),
): Progress {
  let shown = "";
  let lastDraw = Number.NEGATIVE_INFINITY;
  let lastQuarter = new Map<string, number>();
  if (stream.isTTY) {
    return {
      update(label, done, total) {
        const t = now();
        // Redrawing more than ~10 times a second only costs time.
        if (t - lastDraw < 100 && done !== total) return;
        lastDraw = t;
        shown = `${label} ${done}${total === undefined ? "" : `/${total}`}`;
        stream.write(`\r\x1b[2K${shown}`);
      },
      end() {
        if (shown) stream.write("\r\x1b[2K");
        shown = "";
      },
    };
  }
  return {
    update(label, done, total) {
      if (!total) return;
      const q = Math.floor((4 * done) / total);
      if (q > (lastQuarter.get(label) ?? 0)) {
        lastQuarter.set(label, q);
        stream.write(`${label} ${done}/${total}\n`);
      }
    },
    end() {
      lastQuarter = new Map();
    },
  };
}
