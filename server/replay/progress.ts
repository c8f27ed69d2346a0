/**
 * Progress of a long run on stderr: a redrawn bar on a terminal, a plain line every few seconds
 * otherwise (CI logs, pipes), and messages printed above the bar without garbling it.
 */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressCounts {
  done: number;
  failed: number;
}

const TTY_INTERVAL_MS = 100;
const PLAIN_INTERVAL_MS = 2_000;
const BAR_WIDTH = 24;

const number = (n: number) => n.toLocaleString('en-US');

export class Progress {
  private readonly startedAt: number;
  private lastDrawn = -Infinity;
  private counts: ProgressCounts = { done: 0, failed: 0 };
  private barShown = false;

  constructor(
    private readonly out: ProgressStream,
    private readonly label: string,
    private readonly total: number,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now();
  }

  update(counts: ProgressCounts): void {
    this.counts = counts;
    const interval = this.out.isTTY ? TTY_INTERVAL_MS : PLAIN_INTERVAL_MS;
    if (this.now() - this.lastDrawn >= interval) this.draw();
  }

  /** a message on its own line, above the bar */
  log(message: string): void {
    this.clearBar();
    this.out.write(`${message}\n`);
    if (this.out.isTTY && this.counts.done > 0) this.draw();
  }

  finish(): void {
    this.draw();
    if (this.out.isTTY) this.out.write('\n');
    this.barShown = false;
  }

  private clearBar(): void {
    if (this.barShown) this.out.write('\r\x1b[2K');
    this.barShown = false;
  }

  private draw(): void {
    this.lastDrawn = this.now();
    const { done, failed } = this.counts;
    // a rate over less than a second says nothing yet
    const seconds = Math.max((this.now() - this.startedAt) / 1000, 1);
    const rate = `${number(Math.round(done / seconds))}/s`;
    const share = this.total > 0 ? Math.min(done / this.total, 1) : 1;
    const percent = `${(share * 100).toFixed(1)}%`;
    if (this.out.isTTY) {
      const filled = Math.round(share * BAR_WIDTH);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
      this.out.write(
        `\r\x1b[2K${this.label} [${bar}] ${number(done)}/${number(this.total)} ${percent}  ${rate}  failed ${number(failed)}`,
      );
      this.barShown = true;
    } else {
      this.out.write(
        `${this.label}: ${number(done)}/${number(this.total)} (${percent}), ${rate}, ${number(failed)} failed\n`,
      );
    }
  }
}
