// Progress of long work (the first compile, preparing a large module) on stderr: on a terminal a
// live line with the elapsed time (and the step the work is at), rewritten in place and finished
// with the total; otherwise one plain line when the work starts (and one per step when asked for
// with --progress); nothing at all when quiet.

export interface ProgressTask {
  /** The work is over: a terminal line is finished with the time it took. */
  end(outcome?: string): void;
  /**
   * The work moved on to a new step: a terminal line shows `label` from now on; elsewhere a line
   * of its own only when every step was asked for (`steps`).
   */
  update?(label: string): void;
}

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** How often a terminal line is redrawn. */
const TICK_MS = 100;

export class Progress {
  private current?: { label: string; started: number; timer: ReturnType<typeof setInterval> };

  constructor(
    private readonly options: { quiet?: boolean; steps?: boolean; stream?: ProgressStream; now?: () => number } = {},
  ) {}

  private get stream(): ProgressStream { return this.options.stream ?? process.stderr; }
  private now(): number { return (this.options.now ?? performance.now.bind(performance))(); }
  get live(): boolean { return this.stream.isTTY === true && this.options.quiet !== true; }

  /**
   * Starts reporting `label` ("compiling hello.c"); only one live line at a time. `startedAt`
   * (performance.now() time) when the work began before it was reported.
   */
  start(label: string, startedAt?: number): ProgressTask {
    if (this.options.quiet) return { end() {} };
    if (!this.live) {
      this.stream.write(`l4wasm: ${label}\n`);
      const started = startedAt ?? this.now();
      const steps = this.options.steps === true;
      return {
        end() {},
        update: (next: string) => { if (steps) this.stream.write(`l4wasm: ${next} (${this.elapsed(started)})\n`); },
      };
    }
    this.finish();
    const started = startedAt ?? this.now();
    const draw = () => this.stream.write(`\r\x1b[2Kl4wasm: ${entry.label} ... ${this.elapsed(started)}`);
    const timer = setInterval(draw, TICK_MS);
    timer.unref?.();
    const entry = { label, started, timer };
    this.current = entry;
    draw();
    return {
      end: (outcome?: string) => { if (this.current === entry) this.finish(outcome); },
      update: (next: string) => { if (this.current === entry) { entry.label = next; draw(); } },
    };
  }

  /** A one-off message (a line of its own; a live line is finished first). */
  note(text: string): void {
    if (this.options.quiet) return;
    this.finish();
    this.stream.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Ends the live line, if any, with its total time. */
  finish(outcome = 'done'): void {
    const c = this.current;
    if (c === undefined) return;
    this.current = undefined;
    clearInterval(c.timer);
    this.stream.write(`\r\x1b[2Kl4wasm: ${c.label} ... ${outcome} (${this.elapsed(c.started)})\n`);
  }

  private elapsed(started: number): string {
    return `${((this.now() - started) / 1000).toFixed(1)} s`;
  }
}
