import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { cc, CC_LINK_VERSION, PACKAGE_ROOT } from "../toolchain/cc.js";
import { cacheDir } from "../toolchain/compile_cache.js";
const SQLITE_DIR = join(PACKAGE_ROOT, "examples", "sqlite");
const SHELL_SOURCE = join(SQLITE_DIR, "shell.c");
const SQLITE_WASM = join(SQLITE_DIR, "sqlite.wasm");
const SQLITE_DEFINES = [
  "-DSQLITE_THREADSAFE=0",
  "-DSQLITE_OMIT_LOAD_EXTENSION",
  "-DHAVE_USLEEP=1",
  "-DSQLITE_DEFAULT_CACHE_SIZE=-16000",
  "-DSQLITE_DEFAULT_FOREIGN_KEYS=1",
  "-DSQLITE_DEFAULT_MEMSTATUS=0",
  "-DSQLITE_DEFAULT_WAL_SYNCHRONOUS=1",
  "-DSQLITE_DQS=0",
  "-DSQLITE_ENABLE_MATH_FUNCTIONS",
  "-DSQLITE_LIKE_DOESNT_MATCH_BLOBS",
  "-DSQLITE_OMIT_DEPRECATED",
  "-DSQLITE_OMIT_SHARED_CACHE"
];
function targetFlags(target) {
  return target === "l4wasm" ? ["-DUSE_PREAD", "-include", join(SQLITE_DIR, "unix_vfs.h")] : ["-D_WASI_EMULATED_PROCESS_CLOCKS"];
}
function amalgamationDir() {
  const require2 = createRequire(join(PACKAGE_ROOT, "package.json"));
  let pkg;
  try {
    pkg = dirname(require2.resolve("better-sqlite3/package.json"));
  } catch {
    throw new Error("l4wasm: SQLite's amalgamation comes from the better-sqlite3 package, which is not installed: run `npm install` in " + PACKAGE_ROOT);
  }
  return join(pkg, "deps", "sqlite3");
}
function hashDir(h, dir) {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) hashDir(h, p);
    else if (e.isFile()) h.update(e.name).update(readFileSync(p));
  }
}
async function plainClang(args, files, out) {
  const tree = {};
  const place = (path, data) => {
    const parts = path.split("/").filter(Boolean);
    let dir = tree;
    for (const p of parts.slice(0, -1)) dir = dir[p] ??= {};
    dir[parts[parts.length - 1]] = data;
  };
  for (const f of files) place(f, readFileSync(f));
  const { commands } = await import("@yowasp/clang");
  let result;
  let status = 0;
  const stderr = (b) => {
    if (b) process.stderr.write(b);
  };
  try {
    result = await commands.clang(
      ["--target=wasm32-wasip1", ...args, "-o", "/out.bin"],
      tree,
      { stdout: stderr, stderr, fetchProgress: () => {
      } }
    );
  } catch (e) {
    const exit = e;
    if (typeof exit.code !== "number") throw e;
    return { status: exit.code };
  }
  const bin = result["out.bin"];
  if (!(bin instanceof Uint8Array)) return { status: 1 };
  writeFileSync(out, bin);
  return { status };
}
async function runCc(args, out, what, log, plainFiles) {
  const tmp = `${out}.${process.pid}.tmp`;
  let diagnostics = "";
  const t0 = performance.now();
  log(`l4wasm: ${what} ...`);
  const r = plainFiles !== void 0 ? await plainClang(args, plainFiles, tmp) : await cc([...args, "-o", tmp], { stderr: (t) => {
    diagnostics += t;
  } });
  if (r.status !== 0) throw new Error(`l4wasm: ${what} failed (clang exit ${r.status})
${diagnostics}`);
  renameSync(tmp, out);
  log(`l4wasm: ${what}: ${((performance.now() - t0) / 1e3).toFixed(1)} s`);
}
async function buildSqlite(target = "l4wasm", log = () => {
}) {
  const amalgamation = amalgamationDir();
  const flags = ["-O2", ...SQLITE_DEFINES, ...targetFlags(target)];
  const sysroot = join(PACKAGE_ROOT, "sysroot");
  const wasi = target === "wasi";
  const ho = createHash("sha256").update(`sqlite object v1 ${target}
`).update(JSON.stringify(flags));
  ho.update(readFileSync(join(amalgamation, "sqlite3.c"))).update(readFileSync(join(amalgamation, "sqlite3.h")));
  ho.update(readFileSync(join(SQLITE_DIR, "unix_vfs.h")));
  if (!wasi) hashDir(ho, join(sysroot, "include"));
  const objectKey = ho.digest("hex").slice(0, 24);
  const object = join(cacheDir(), `sqlite3-${objectKey}.o`);
  if (!existsSync(object)) {
    await runCc(
      [...flags, "-c", join(amalgamation, "sqlite3.c")],
      object,
      `compiling SQLite's amalgamation for ${target} (about 90 s, once)`,
      log,
      wasi ? [join(amalgamation, "sqlite3.c"), join(amalgamation, "sqlite3.h")] : void 0
    );
  }
  const hp = createHash("sha256").update(`sqlite program v1 ${target} link v${CC_LINK_VERSION}
`).update(objectKey);
  hp.update(readFileSync(SHELL_SOURCE));
  if (!wasi) {
    hashDir(hp, join(sysroot, "include"));
    hashDir(hp, join(sysroot, "lib"));
  }
  const program = join(cacheDir(), `sqlite-${target}-${hp.digest("hex").slice(0, 24)}.wasm`);
  if (!existsSync(program)) {
    const linkFlags = ["-Wl,-z,stack-size=1048576", ...wasi ? ["-lwasi-emulated-process-clocks"] : []];
    await runCc(
      ["-O2", ...SQLITE_DEFINES, ...targetFlags(target), `-I${amalgamation}`, SHELL_SOURCE, object, ...linkFlags],
      program,
      `linking the SQLite shell for ${target}`,
      log,
      wasi ? [SHELL_SOURCE, object, join(amalgamation, "sqlite3.h")] : void 0
    );
  }
  return program;
}
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop())) {
  const log = (line) => process.stderr.write(line + "\n");
  try {
    const program = await buildSqlite("l4wasm", log);
    mkdirSync(SQLITE_DIR, { recursive: true });
    copyFileSync(program, SQLITE_WASM);
    log(`l4wasm: ${SQLITE_WASM} (run: npx l4wasm run --dir .:/data examples/sqlite/sqlite.wasm /data/my.db < script.sql)`);
    if (process.argv.includes("--wasi")) log(`l4wasm: for node:wasi: ${await buildSqlite("wasi", log)}`);
  } catch (e) {
    log(e.message);
    process.exitCode = 1;
  }
}
export {
  SHELL_SOURCE,
  SQLITE_DEFINES,
  SQLITE_DIR,
  SQLITE_WASM,
  amalgamationDir,
  buildSqlite
};
