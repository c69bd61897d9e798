/**
 * Runs one piece of work at a time: `kick()` while it runs asks for one more run right after
 * (nothing is lost, nothing runs twice at once). Shared by the delivery worker and the
 * safety-alert ladder's sender.
 */
export class SerialRunner {
  private running = false;
  private again = false;
  private stopped = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly onError: (e: Error) => void,
  ) {}

  get busy(): boolean {
    return this.running;
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.work()
      .catch((e: Error) => this.onError(e))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** No new runs; waits up to `maxMs` for the current one. */
  async stop(maxMs = 5000): Promise<void> {
    this.stopped = true;
    for (let waited = 0; waited < maxMs && this.running; waited += 50) await new Promise((r) => setTimeout(r, 50));
  }
}

/** Exponential backoff with ±20 % jitter: base × 2^(attempt−1), at most `capMs`. */
export function retryDelayMs(baseMs: number, attempt: number, capMs: number): number {
  return Math.min(capMs, Math.round(baseMs * 2 ** (attempt - 1) * (0.8 + Math.random() * 0.4)));
}
