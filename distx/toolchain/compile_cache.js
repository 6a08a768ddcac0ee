import { createHash } from "node:crypto";
import { chmodSync, existsSync, readdirSync, readFileSync, renameSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { cc, CC_LINK_VERSION, PACKAGE_ROOT } from "./cc.js";
import { cacheDir } from "./cache_dir.js";
function hashDir(h, dir, filter) {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) hashDir(h, p, filter);
    else if (e.isFile() && filter(e.name)) h.update(e.name).update(readFileSync(p));
  }
}
async function compileCached(source, args = ["-O2"], log) {
  const src = resolve(source);
  const h = createHash("sha256");
  h.update(`link v${CC_LINK_VERSION}
`).update(JSON.stringify(args)).update(readFileSync(src));
  for (const e of readdirSync(dirname(src))) if (e.endsWith(".h")) h.update(e).update(readFileSync(join(dirname(src), e)));
  hashDir(h, join(PACKAGE_ROOT, "sysroot", "include"), () => true);
  hashDir(h, join(PACKAGE_ROOT, "sysroot", "lib"), () => true);
  const out = join(cacheDir(), `${h.digest("hex").slice(0, 24)}.wasm`);
  if (existsSync(out)) {
    if ((statSync(out).mode & 73) === 0) chmodSync(out, 493);
    return out;
  }
  const task = typeof log === "function" ? (log(`l4wasm: compiling ${source}
`), void 0) : log?.start(`compiling ${source}`);
  const tmp = `${out}.${process.pid}.tmp`;
  let diagnostics = "";
  let r;
  try {
    r = await cc([...args, src, "-o", tmp], { stderr: (t) => {
      diagnostics += t;
    } });
  } finally {
    task?.end(r === void 0 || r.status !== 0 ? "failed" : "done");
  }
  if (r.status !== 0) throw new CompileError(source, r.status, diagnostics);
  renameSync(tmp, out);
  return out;
}
class CompileError extends Error {
  constructor(source, status, diagnostics) {
    super(`${source}: compilation failed (clang exit ${status})
${diagnostics}`);
    this.source = source;
    this.status = status;
    this.diagnostics = diagnostics;
  }
  source;
  status;
  diagnostics;
}
export {
  CompileError,
  cacheDir,
  compileCached
};
