const SUSPEND = -24301;
class ProcessExit extends Error {
  constructor(code, signal) {
    super(signal === void 0 ? `exit ${code}` : `signal ${signal}`);
    this.code = code;
    this.signal = signal;
  }
  code;
  signal;
}
class ProcessExec extends Error {
  constructor(program) {
    super("exec");
    this.program = program;
  }
  program;
}
const DEFAULT_UMASK = 18;
const fallbackCreation = /* @__PURE__ */ new WeakMap();
function fileCreation(ctx) {
  if (ctx.files !== void 0) return ctx.files;
  let f = fallbackCreation.get(ctx);
  if (f === void 0) fallbackCreation.set(ctx, f = { umask: DEFAULT_UMASK, nextMode: void 0 });
  return f;
}
function createMode(ctx, dflt) {
  const f = fileCreation(ctx);
  const m = f.nextMode ?? dflt;
  f.nextMode = void 0;
  return m & ~f.umask & 4095;
}
export {
  DEFAULT_UMASK,
  ProcessExec,
  ProcessExit,
  SUSPEND,
  createMode,
  fileCreation
};
