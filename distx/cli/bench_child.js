import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  OutputParser,
  runL4wasm,
  runNodeWasi,
  runWasiShim,
  runWasmUtil
} from "./bench_runners.js";
const CHILD_RUNTIMES = ["l4wasm", "node-wasi", "wasi-shim", "wasm-util"];
function childEntry() {
  const here = new URL("./bench_child.js", import.meta.url);
  if (existsSync(fileURLToPath(here))) return fileURLToPath(here);
  return fileURLToPath(new URL("../../dist/cli/bench_child.js", import.meta.url));
}
function cellLine(op, cell) {
  return "na" in cell ? `na ${op} ${cell.na}
` : `op ${op} ${cell.median} ${cell.min} ${cell.max} ${cell.reps} ${cell.iterations}
`;
}
function runChild(runtime, wasm, setup, wrapper = []) {
  const given = JSON.stringify({ quick: setup.quick, only: setup.only, count: setup.count });
  const argv = [...wrapper, process.execPath, childEntry(), runtime, wasm, given];
  const child = spawn(argv[0], argv.slice(1), { stdio: ["ignore", "pipe", "pipe"] });
  const parser = new OutputParser(setup.onCell);
  let stderr = "";
  child.stdout.on("data", (b) => parser.push(b.toString()));
  child.stderr.on("data", (b) => {
    stderr += b.toString();
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ cells: parser.end(), code, signal, stderr }));
  });
}
const NODE_WASI_GROW = " (node:wasi's process crashes, often at exit, once the program's memory has grown this far; the same module instantiated without node:wasi does not: cf. nodejs/node#51303)";
async function childPasses(runtime, wasm, op, passes, setup, log) {
  const got = [];
  const deaths = [];
  for (let pass = 0; pass < passes; pass++) {
    const c = await runChild(runtime, wasm, { ...setup, only: [op] });
    const died = c.signal !== null ? `was killed by ${c.signal}` : c.code !== 0 ? `exited with ${c.code}` : void 0;
    if (died !== void 0) {
      deaths.push(`${died} ${c.cells[op] !== void 0 ? "after" : "before"} printing its figure`);
      log(`  the process ${deaths[deaths.length - 1]}
${c.stderr.split("\n").slice(0, 3).join("\n")}
`);
    }
    got.push(c.cells[op] ?? { na: `the process ${died ?? "ended"} before it printed a figure` });
  }
  return { got, deaths };
}
async function main(argv) {
  const [runtime, wasm, json] = argv;
  if (!CHILD_RUNTIMES.includes(runtime) || wasm === void 0 || json === void 0) {
    process.stderr.write(`usage: bench_child.js ${CHILD_RUNTIMES.join("|")} PROGRAM.wasm SETUP-JSON
`);
    return 2;
  }
  const given = JSON.parse(json);
  const setup = { ...given, onCell: (op, cell) => process.stdout.write(cellLine(op, cell)) };
  const log = (t) => {
    process.stderr.write(t);
  };
  switch (runtime) {
    case "l4wasm":
      await runL4wasm(wasm, "local", setup, log);
      break;
    // Straight to stdout: node:wasi's process can crash after the program printed (see NODE_WASI_GROW).
    case "node-wasi":
      await runNodeWasi(wasm, { ...setup, stdoutFd: 1 });
      break;
    case "wasi-shim":
      await runWasiShim(wasm, setup);
      break;
    case "wasm-util":
      await runWasmUtil(wasm, setup);
      break;
  }
  return 0;
}
if (process.argv[1] !== void 0 && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, (e) => {
    process.stderr.write(`bench_child: ${e.message}
`);
    process.exitCode = 1;
  });
}
export {
  CHILD_RUNTIMES,
  NODE_WASI_GROW,
  cellLine,
  childEntry,
  childPasses,
  runChild
};
