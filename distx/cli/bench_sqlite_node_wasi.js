import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { WASI } from "node:wasi";
async function measure(wasm, hostDir) {
  const mod = await WebAssembly.compile(readFileSync(wasm));
  const devNull = openSync("/dev/null", "w");
  try {
    const warm = new WASI({ version: "preview1", args: ["sqlite", ":memory:", "/data/warm.sql"], preopens: { "/data": hostDir }, returnOnExit: true, stdout: devNull });
    warm.start(await WebAssembly.instantiate(mod, warm.getImportObject()));
  } finally {
    closeSync(devNull);
  }
  rmSync(join(hostDir, "w.db"), { force: true });
  const fd = openSync(join(hostDir, "wasi.out"), "w");
  try {
    const t = performance.now();
    const wasi = new WASI({
      version: "preview1",
      args: ["sqlite", "/data/w.db", "/data/w.sql"],
      preopens: { "/data": hostDir },
      returnOnExit: true,
      stdout: fd
    });
    const code = wasi.start(await WebAssembly.instantiate(mod, wasi.getImportObject()));
    const ms = performance.now() - t;
    if (code !== 0) throw new Error(`sqlite under node:wasi exited ${code}`);
    return ms;
  } finally {
    closeSync(fd);
  }
}
function entry() {
  const here = fileURLToPath(new URL("./bench_sqlite_node_wasi.js", import.meta.url));
  return existsSync(here) ? here : fileURLToPath(new URL("../../dist/cli/bench_sqlite_node_wasi.js", import.meta.url));
}
function onNodeWasi(wasm, hostDir) {
  const child = spawn(process.execPath, ["--no-warnings", entry(), wasm, hostDir], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (b) => {
    stdout += b.toString();
  });
  child.stderr.on("data", (b) => {
    stderr += b.toString();
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const ms = Number(stdout.trim());
      if (code !== 0 || !Number.isFinite(ms)) {
        reject(new Error(`node:wasi's run ${signal !== null ? `was killed by ${signal}` : `exited with ${code}`}: ${stderr.trim().split("\n").slice(0, 3).join(" ")}`));
        return;
      }
      resolve({ ms, out: readFileSync(join(hostDir, "wasi.out"), "utf8") });
    });
  });
}
if (process.argv[1] !== void 0 && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [wasm, hostDir] = process.argv.slice(2);
  if (wasm === void 0 || hostDir === void 0) {
    process.stderr.write("usage: bench_sqlite_node_wasi.js SQLITE-WASI.wasm HOST-DIR\n");
    process.exitCode = 2;
  } else {
    measure(wasm, hostDir).then((ms) => {
      process.stdout.write(`${ms}
`);
    }, (e) => {
      process.stderr.write(`bench_sqlite_node_wasi: ${e.message}
`);
      process.exitCode = 1;
    });
  }
}
export {
  onNodeWasi
};
