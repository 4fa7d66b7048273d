/**
 * A progress bar on stderr for long work: redrawn in place on a terminal, one line per 10% when
 * stderr is a file or a pipe (so logs stay readable).
 *
 * @module
 */

/** Tracks `total` steps. */
export class ProgressBar {
  readonly #total: number;
  readonly #label: string;
  readonly #tty: boolean;
  readonly #started = performance.now();
  #done = 0;
  #lastDecile = -1;
  #lastDraw = 0;

  constructor(label: string, total: number) {
    this.#label = label;
    this.#total = Math.max(total, 1);
    this.#tty = Deno.stderr.isTerminal();
  }

  /** Advances by `n` steps. */
  tick(n = 1): void {
    this.#done += n;
    const now = performance.now();
    if (this.#tty) {
      if (now - this.#lastDraw > 80 || this.#done >= this.#total) {
        this.#lastDraw = now;
        this.#write(`\r${this.#line()}`);
      }
      return;
    }
    const decile = Math.floor((this.#done / this.#total) * 10);
    if (decile !== this.#lastDecile) {
      this.#lastDecile = decile;
      this.#write(`${this.#line()}\n`);
    }
  }

  /** Ends the bar (a newline on a terminal). */
  finish(): void {
    if (this.#tty) this.#write(`\r${this.#line()}\n`);
  }

  #line(): string {
    const ratio = Math.min(this.#done / this.#total, 1);
    const width = 30;
    const filled = Math.round(ratio * width);
    const seconds = (performance.now() - this.#started) / 1000;
    const rate = seconds > 0 ? this.#done / seconds : 0;
    return `${this.#label} [${"#".repeat(filled)}${
      "-".repeat(width - filled)
    }] ${this.#done}/${this.#total} ${Math.round(ratio * 100)}% ${rate.toFixed(0)}/s`;
  }

  #write(text: string): void {
    Deno.stderr.writeSync(new TextEncoder().encode(text));
  }
}
