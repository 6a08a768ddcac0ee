import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { cc, PACKAGE_ROOT } from "../toolchain/cc.js";
async function buildSysroot(log = console.log) {
  const src = join(PACKAGE_ROOT, "sysroot", "src");
  const lib = join(PACKAGE_ROOT, "sysroot", "lib");
  const obj = join(PACKAGE_ROOT, "build", "sysroot");
  mkdirSync(lib, { recursive: true });
  mkdirSync(obj, { recursive: true });
  const sources = readdirSync(src).filter((f) => f.endsWith(".c")).sort();
  const objects = [];
  for (const [i, file] of sources.entries()) {
    log(`[sysroot ${i + 1}/${sources.length}] cc ${file}`);
    const out = join(obj, file.replace(/\.c$/, ".o"));
    const r = await cc(["-O2", "-Wall", "-Werror", "-c", join(src, file), "-o", out]);
    if (r.status !== 0) return r.status;
    objects.push(out);
  }
  const archive = join(lib, "libl4posix.a");
  rmSync(archive, { force: true });
  log(`[sysroot] ar ${archive}`);
  const status = await ar(archive, objects);
  if (status !== 0) return status;
  const shell = join(PACKAGE_ROOT, "build", "sh.wasm");
  log(`[sysroot] cc examples/sh.c -o ${shell}`);
  return (await cc(["-O2", "-Wall", "-Werror", join(PACKAGE_ROOT, "examples", "sh.c"), "-o", shell])).status;
}
async function ar(archive, objects) {
  const { commands } = await import("@yowasp/clang");
  const { readFileSync, writeFileSync } = await import("node:fs");
  const tree = {};
  objects.forEach((o, i) => {
    tree[`m${i}-${o.split("/").pop()}`] = readFileSync(o);
  });
  const out = await commands.ar(["rcs", "lib.a", ...Object.keys(tree)], tree);
  writeFileSync(archive, out["lib.a"]);
  return 0;
}
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop())) {
  process.exitCode = await buildSysroot();
}
export {
  buildSysroot
};
