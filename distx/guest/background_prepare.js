import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cacheDir } from "../toolchain/compile_cache.js";
function backgroundLock() {
  return join(cacheDir(), "background-prepare.lock");
}
const STALE_LOCK_MS = 10 * 6e4;
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}
function lockLine(pid, content) {
  return `${pid} ${content}`;
}
function readLock(lock) {
  const [pid, content] = readFileSync(lock, "utf8").split(" ");
  return { pid: Number(pid), content: content ?? "" };
}
function takeLock(lock, content) {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, "wx");
      try {
        writeSync(fd, lockLine(process.pid, content));
      } finally {
        closeSync(fd);
      }
      return "taken";
    } catch (e) {
      if (e.code !== "EEXIST") return "failed";
    }
    try {
      const held = readLock(lock);
      const fresh = Date.now() - statSync(lock).mtimeMs < STALE_LOCK_MS;
      if (fresh && Number.isInteger(held.pid) && held.pid > 0 && alive(held.pid)) return held.content === content ? "same" : "busy";
      rmSync(lock, { force: true });
    } catch {
      return "failed";
    }
  }
  return "failed";
}
function releaseBackgroundLock(lock, pid) {
  try {
    if (readLock(lock).pid === pid) rmSync(lock, { force: true });
  } catch {
  }
}
function entry() {
  const here = fileURLToPath(new URL("./prepare_background.js", import.meta.url));
  if (existsSync(here)) return here;
  return fileURLToPath(new URL("../../dist/guest/prepare_background.js", import.meta.url));
}
function prepareInBackground(wasm, job) {
  let dir;
  try {
    dir = cacheDir();
    mkdirSync(dir, { recursive: true });
  } catch {
    return "failed";
  }
  const lock = backgroundLock();
  const taken = takeLock(lock, job.content);
  if (taken !== "taken") return taken;
  const input = join(dir, `${job.content.slice(0, 32)}.${process.pid}.input.wasm`);
  try {
    writeFileSync(input, wasm);
    const full = { ...job, input, lock };
    const execArgv = process.execArgv.filter((a) => !a.startsWith("--input-type"));
    const child = spawn(process.execPath, [...execArgv, entry(), JSON.stringify(full)], { detached: true, stdio: "ignore" });
    if (child.pid === void 0) throw new Error("not started");
    writeFileSync(lock, lockLine(child.pid, job.content));
    child.unref();
    return "started";
  } catch {
    rmSync(input, { force: true });
    releaseBackgroundLock(lock, process.pid);
    return "failed";
  }
}
export {
  backgroundLock,
  prepareInBackground,
  releaseBackgroundLock
};
