import { TraceSession, fileSink, stderrSink } from "../guest/trace.js";
import { serverPathWrapper } from "../guest/posix_server.js";
import { lastString } from "./args.js";
function defaultCallOptions() {
  return { syscalls: "local" };
}
const CALL_OPTIONS = {
  trace: {
    type: "string",
    bare: "lines",
    value: "summary",
    help: "print each call the program makes (strace-like) to stderr;\n=summary: a table of calls at exit"
  },
  "trace-file": { type: "string", value: "FILE", help: "write the trace to FILE (implies --trace)" },
  syscalls: { type: "string", value: "local|server", help: "local (default), or server: every call goes to the POSIX server by kernel IPC" }
};
function callOptionsFrom(values) {
  const out = defaultCallOptions();
  const trace = lastString(values.trace);
  if (trace !== void 0) {
    if (trace === "summary") out.trace = "summary";
    else if (trace === "lines" || trace === "full") out.trace = "lines";
    else return `--trace=${trace}: expected --trace or --trace=summary`;
  }
  const file = lastString(values["trace-file"]);
  if (file !== void 0) {
    out.traceFile = file;
    out.trace ??= "lines";
  }
  const sys = lastString(values.syscalls);
  if (sys !== void 0) {
    if (sys !== "local" && sys !== "server") return `--syscalls ${sys}: expected local or server`;
    out.syscalls = sys;
  }
  return out;
}
function callWrappers(machine, o) {
  const server = o.syscalls === "server" ? serverPathWrapper(machine) : void 0;
  const trace = o.trace === void 0 ? void 0 : new TraceSession({ mode: o.trace, sink: o.traceFile !== void 0 ? fileSink(o.traceFile) : stderrSink() });
  const wrap = server && trace ? (imports, p) => trace.wrapImports(server(imports, p), p) : server ?? trace?.wrapImports;
  return { wrap, trace };
}
export {
  CALL_OPTIONS,
  callOptionsFrom,
  callWrappers,
  defaultCallOptions
};
