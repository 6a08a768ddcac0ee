const TICK_MS = 100;
class Progress {
  constructor(options = {}) {
    this.options = options;
  }
  options;
  current;
  get stream() {
    return this.options.stream ?? process.stderr;
  }
  now() {
    return (this.options.now ?? performance.now.bind(performance))();
  }
  get live() {
    return this.stream.isTTY === true && this.options.quiet !== true;
  }
  /**
   * Starts reporting `label` ("compiling hello.c"); only one live line at a time. `startedAt`
   * (performance.now() time) when the work began before it was reported.
   */
  start(label, startedAt) {
    if (this.options.quiet) return { end() {
    } };
    if (!this.live) {
      this.stream.write(`l4wasm: ${label}
`);
      const started2 = startedAt ?? this.now();
      const steps = this.options.steps === true;
      return {
        end() {
        },
        update: (next) => {
          if (steps) this.stream.write(`l4wasm: ${next} (${this.elapsed(started2)})
`);
        }
      };
    }
    this.finish();
    const started = startedAt ?? this.now();
    const draw = () => this.stream.write(`\r\x1B[2Kl4wasm: ${entry.label} ... ${this.elapsed(started)}`);
    const timer = setInterval(draw, TICK_MS);
    timer.unref?.();
    const entry = { label, started, timer };
    this.current = entry;
    draw();
    return {
      end: (outcome) => {
        if (this.current === entry) this.finish(outcome);
      },
      update: (next) => {
        if (this.current === entry) {
          entry.label = next;
          draw();
        }
      }
    };
  }
  /** A one-off message (a line of its own; a live line is finished first). */
  note(text) {
    if (this.options.quiet) return;
    this.finish();
    this.stream.write(text.endsWith("\n") ? text : `${text}
`);
  }
  /** Ends the live line, if any, with its total time. */
  finish(outcome = "done") {
    const c = this.current;
    if (c === void 0) return;
    this.current = void 0;
    clearInterval(c.timer);
    this.stream.write(`\r\x1B[2Kl4wasm: ${c.label} ... ${outcome} (${this.elapsed(c.started)})
`);
  }
  elapsed(started) {
    return `${((this.now() - started) / 1e3).toFixed(1)} s`;
  }
}
export {
  Progress
};
