import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Machine } from "../guest/machine.js";
import { lentStats } from "../guest/decoupled.js";
async function lentFilesReturned() {
  for (let i = 0; i < 200 && lentStats.ending > 0; i++) await new Promise((res) => setTimeout(res, 10));
}
async function measure(wasm, hostDir, dir, decouple, writeBehind, log) {
  const m = await Machine.boot({
    mounts: [{ host: hostDir, guest: "/data" }],
    mode: decouple ? "decoupled" : "multiplexed",
    writeBehind,
    onProgress: (s) => log(s.trimEnd())
  });
  try {
    await m.spawn(wasm, { args: ["sqlite", ":memory:", "/data/warm.sql"], decouple }).exit;
    const db = `${dir}/w.db`;
    rmSync(join(hostDir, "w.db"), { force: true });
    await lentFilesReturned();
    const before = lentStats.localCalls;
    const t = performance.now();
    const p = m.spawn(wasm, { args: ["sqlite", db, "/data/w.sql"], decouple });
    const r = await p.wait();
    const ms = performance.now() - t;
    if (r.code !== 0) throw new Error(`sqlite on l4wasm (${dir}${decouple ? ", decoupled" : ""}) exited ${r.code}: ${r.stderr}`);
    await lentFilesReturned();
    return { ms, out: r.stdout, localCalls: lentStats.localCalls - before };
  } finally {
    await m.shutdown();
  }
}
function entry() {
  const here = fileURLToPath(new URL("./bench_sqlite_l4wasm.js", import.meta.url));
  return existsSync(here) ? here : fileURLToPath(new URL("../../dist/cli/bench_sqlite_l4wasm.js", import.meta.url));
}
function onL4wasm(wasm, hostDir, dir, decouple, log, writeBehind = true) {
  const args = [entry(), wasm, hostDir, dir, decouple ? "decoupled" : "multiplexed", ...writeBehind ? [] : ["no-write-behind"]];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (b) => {
    stdout += b.toString();
  });
  child.stderr.on("data", (b) => {
    stderr += b.toString();
    for (let nl = stderr.indexOf("\n"); nl >= 0; nl = stderr.indexOf("\n")) {
      log(stderr.slice(0, nl));
      stderr = stderr.slice(nl + 1);
    }
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      let r;
      try {
        r = JSON.parse(stdout);
      } catch {
        r = void 0;
      }
      if (code !== 0 || r === void 0) {
        reject(new Error(`l4wasm's run (${dir}, ${decouple ? "decoupled" : "multiplexed"}) ${signal !== null ? `was killed by ${signal}` : `exited with ${code}`}: ${stderr.trim().split("\n").slice(0, 3).join(" ")}`));
        return;
      }
      resolve({ ...r, out: readFileSync(join(hostDir, "l4wasm.out"), "utf8") });
    });
  });
}
if (process.argv[1] !== void 0 && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [wasm, hostDir, dir, mode, writes] = process.argv.slice(2);
  if (wasm === void 0 || hostDir === void 0 || dir !== "/tmp" && dir !== "/data" || mode !== "decoupled" && mode !== "multiplexed" || writes !== void 0 && writes !== "no-write-behind") {
    process.stderr.write("usage: bench_sqlite_l4wasm.js SQLITE.wasm HOST-DIR /tmp|/data decoupled|multiplexed [no-write-behind]\n");
    process.exitCode = 2;
  } else {
    measure(wasm, hostDir, dir, mode === "decoupled", writes === void 0, (s) => process.stderr.write(s + "\n")).then((r) => {
      writeFileSync(join(hostDir, "l4wasm.out"), r.out);
      process.stdout.write(JSON.stringify({ ms: r.ms, localCalls: r.localCalls }) + "\n");
    }, (e) => {
      process.stderr.write(`bench_sqlite_l4wasm: ${e.message}
`);
      process.exitCode = 1;
    });
  }
}
export {
  onL4wasm
};
