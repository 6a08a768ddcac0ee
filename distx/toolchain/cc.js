import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SYSROOT = join(PACKAGE_ROOT, "sysroot");
const VIRTUAL_SYSROOT = "/l4wasm";
const RELOCATED = "/host";
const RESERVED = ["/usr", "/tmp", VIRTUAL_SYSROOT, RELOCATED];
const DRIVER_ECHO = /^(clang version |Target: |Thread model: |InstalledDir: |Build config: | "| \(in-process\))/;
const HEADER_EXTS = /* @__PURE__ */ new Set([".h", ".hh", ".hpp", ".hxx", ".inc", ".def"]);
const PATH_OPTIONS = ["-I", "-isystem", "-iquote", "-idirafter", "-include", "-L", "-o", "-MF", "-MT", "-MQ"];
const INCLUDE_DIR_OPTIONS = /* @__PURE__ */ new Set(["-I", "-isystem", "-iquote", "-idirafter"]);
const NO_LINK = /* @__PURE__ */ new Set(["-c", "-E", "-S", "-M", "-MM", "-fsyntax-only", "--version", "-v", "-###", "--help"]);
const NO_DEFAULT_LIBS = /* @__PURE__ */ new Set(["-nostdlib", "-nodefaultlibs", "-nolibc"]);
const SJLJ_CHOICE = ["-wasm-enable-sjlj", "-wasm-enable-emscripten-sjlj", "-mno-exception-handling"];
const DEFAULT_LIBS = ["-lsetjmp", "-lc-printscan-long-double"];
const DEFAULT_STACK = ["-Wl,-z,stack-size=262144"];
const EMPTY_PATH_CHECK = ["-Wl,--wrap=__wasilibc_find_relpath_alloc", "-Wl,-u,__wrap___wasilibc_find_relpath_alloc"];
class PathMap {
  constructor(cwd) {
    this.cwd = cwd;
  }
  cwd;
  toVirtual(hostPath) {
    const abs = resolve(this.cwd, hostPath);
    return RESERVED.some((r) => abs === r || abs.startsWith(r + "/")) ? RELOCATED + abs : abs;
  }
  toHost(virtualPath) {
    if (virtualPath.startsWith(RELOCATED + "/")) return virtualPath.slice(RELOCATED.length);
    const depth = virtualPath.split("/").filter(Boolean).length;
    return depth === 1 ? join(this.cwd, virtualPath) : virtualPath;
  }
}
function place(tree, virtualPath, content) {
  const parts = virtualPath.split("/").filter(Boolean);
  let dir = tree;
  for (const part of parts.slice(0, -1)) {
    const next = dir[part];
    if (next === void 0 || typeof next === "string" || next instanceof Uint8Array) dir[part] = {};
    dir = dir[part];
  }
  dir[parts[parts.length - 1]] = content;
}
function placeHeaders(tree, map, hostDir, depth = 4, budget = { files: 5e3 }) {
  let entries;
  try {
    entries = readdirSync(hostDir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (budget.files <= 0) return;
    const p = join(hostDir, e.name);
    if (e.isDirectory() && depth > 0 && e.name !== "node_modules" && !e.name.startsWith(".")) {
      placeHeaders(tree, map, p, depth - 1, budget);
    } else if (e.isFile() && HEADER_EXTS.has(extname(e.name))) {
      place(tree, map.toVirtual(p), readFileSync(p));
      budget.files--;
    }
  }
}
function placeDirectory(tree, hostDir, virtualDir) {
  if (!existsSync(hostDir)) return;
  for (const e of readdirSync(hostDir, { withFileTypes: true })) {
    const p = join(hostDir, e.name);
    if (e.isDirectory()) placeDirectory(tree, p, `${virtualDir}/${e.name}`);
    else if (e.isFile()) place(tree, `${virtualDir}/${e.name}`, readFileSync(p));
  }
}
function* walk(tree, prefix = "") {
  for (const [name, node] of Object.entries(tree)) {
    const p = `${prefix}/${name}`;
    if (typeof node === "string" || node instanceof Uint8Array) yield [p, node];
    else yield* walk(node, p);
  }
}
function sameBytes(a, b) {
  if (a === void 0) return false;
  const x = typeof a === "string" ? Buffer.from(a) : a;
  const y = typeof b === "string" ? Buffer.from(b) : b;
  return x.length === y.length && Buffer.compare(x, y) === 0;
}
function writeProgram(host, content) {
  let regular = false;
  try {
    regular = lstatSync(host).isFile();
  } catch {
  }
  if (regular) unlinkSync(host);
  writeFileSync(host, content, { mode: 511 });
}
function pathOption(arg) {
  return PATH_OPTIONS.find((o) => arg.startsWith(o));
}
function prepare(args, cwd, map) {
  const tree = {};
  const argv = [];
  let output;
  let links = true;
  const headerDirs = /* @__PURE__ */ new Set();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (NO_LINK.has(a)) links = false;
    const opt = pathOption(a);
    if (opt !== void 0) {
      const joined = a !== opt;
      const value = joined ? a.slice(opt.length) : args[++i];
      if (value === void 0) {
        argv.push(a);
        continue;
      }
      if (opt === "-MT" || opt === "-MQ") {
        argv.push(...joined ? [a] : [opt, value]);
        continue;
      }
      const host2 = resolve(cwd, value);
      if (opt === "-o") output = host2;
      if (INCLUDE_DIR_OPTIONS.has(opt)) headerDirs.add(host2);
      if (opt === "-include" && existsSync(host2)) place(tree, map.toVirtual(host2), readFileSync(host2));
      if (opt === "-L") placeDirectory(tree, host2, map.toVirtual(host2));
      const v = map.toVirtual(host2);
      argv.push(...joined ? [opt + v] : [opt, v]);
      continue;
    }
    const host = resolve(cwd, a);
    if (!a.startsWith("-") && existsSync(host) && statSync(host).isFile()) {
      place(tree, map.toVirtual(host), readFileSync(host));
      headerDirs.add(dirname(host));
      argv.push(map.toVirtual(host));
      continue;
    }
    argv.push(a);
  }
  for (const d of headerDirs) placeHeaders(tree, map, d);
  return { argv, tree, links, output };
}
function missingArtefact(relative, buildScript) {
  const where = join(PACKAGE_ROOT, relative);
  const checkout = existsSync(join(PACKAGE_ROOT, ".git")) || existsSync(join(PACKAGE_ROOT, "assembly"));
  return `l4wasm: ${where} is missing from the l4wasm package: ` + (checkout ? `build it with \`${buildScript}\` (or \`npm run build\`) in ${PACKAGE_ROOT}` : "the installed package is incomplete; reinstall it (npm install l4wasm, or from git with its dev dependencies so that `prepare` builds it)");
}
const CC_LINK_VERSION = 5;
function isCxx(args) {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-x" && /^c\+\+/.test(args[i + 1] ?? "") || /^-xc\+\+/.test(a)) return true;
    if (!a.startsWith("-") && /\.(cc|cpp|cxx|c\+\+|C)$/.test(a)) return true;
  }
  return false;
}
const GCC_WARNINGS = [
  "-Wno-error=implicit-function-declaration",
  "-Wno-error=implicit-int",
  "-Wno-error=int-conversion",
  "-Wno-error=incompatible-pointer-types",
  "-Wno-error=incompatible-function-pointer-types"
];
async function cc(args, options = {}) {
  const cwd = options.cwd ?? process.cwd();
  const map = new PathMap(cwd);
  const { argv, tree, links, output } = prepare(args, cwd, map);
  const program = links ? output ?? resolve(cwd, "a.out") : void 0;
  placeDirectory(tree, join(SYSROOT, "include"), `${VIRTUAL_SYSROOT}/include`);
  const lib = join(SYSROOT, "lib", "libl4posix.a");
  const sjlj = SJLJ_CHOICE.some((o) => args.includes(o)) ? [] : ["-mllvm", "-wasm-enable-sjlj"];
  const cxx = isCxx(args);
  const noExceptions = cxx && !args.some((a) => /^-f(no-)?(wasm-)?exceptions$/.test(a)) ? ["-fno-exceptions"] : [];
  const full = [
    cxx ? "clang++" : "clang",
    "--target=wasm32-wasip1",
    "-isystem",
    `${VIRTUAL_SYSROOT}/include`,
    ...sjlj,
    ...noExceptions,
    ...cxx ? [] : GCC_WARNINGS,
    ...argv
  ];
  const stderr = options.stderr ?? ((t) => process.stderr.write(t));
  if (links && !existsSync(lib)) {
    stderr(missingArtefact("sysroot/lib/libl4posix.a", "npm run build:sysroot") + "\n");
    return { status: 1, outputs: [] };
  }
  if (links) {
    place(tree, `${VIRTUAL_SYSROOT}/lib/libl4posix.a`, readFileSync(lib));
    full.push(`-L${VIRTUAL_SYSROOT}/lib`, "-Wl,--export=__l4posix_cwd_init", ...EMPTY_PATH_CHECK, "-ll4posix");
    const printf = args.includes("-lc-printscan-no-floating-point") ? ["-lc-printscan-long-double"] : [];
    if (!args.some((a) => NO_DEFAULT_LIBS.has(a))) full.push(...DEFAULT_LIBS.filter((l) => !args.includes(l) && !printf.includes(l)));
    if (!args.some((a) => /stack-size|initial-memory|max-memory/.test(a))) full.push(...DEFAULT_STACK);
  }
  const inputs = new Map(walk(tree));
  const stdout = options.stdout ?? ((t) => process.stdout.write(t));
  const decoder = new TextDecoder();
  const verbose = args.includes("-v") || args.includes("-###");
  const relocate = (t) => {
    const text = t.split(RELOCATED + "/").join("/");
    return verbose ? text : text.split("\n").filter((l) => !DRIVER_ECHO.test(l)).join("\n");
  };
  const { commands, runLLVM } = await import("@yowasp/clang");
  let loading;
  const loadStarted = performance.now();
  const slow = options.onToolchainLoad && setTimeout(() => {
    loading = options.onToolchainLoad?.("loading the clang toolchain", loadStarted);
  }, 300);
  try {
    await runLLVM(null, {}, { fetchProgress: () => {
    } });
  } finally {
    if (slow) clearTimeout(slow);
    loading?.end();
  }
  let status = 0;
  let result;
  try {
    result = await commands[cxx ? "clang++" : "clang"](full.slice(1), tree, {
      stdout: (b) => {
        if (b) stdout(relocate(decoder.decode(b)));
      },
      stderr: (b) => {
        if (b) stderr(relocate(decoder.decode(b)));
      },
      fetchProgress: () => {
      }
    });
  } catch (e) {
    const exit = e;
    if (typeof exit.code !== "number") throw e;
    status = exit.code;
    result = exit.files ?? {};
  }
  const outputs = [];
  for (const [vpath, content] of walk(result)) {
    if (vpath.startsWith("/usr/") || vpath.startsWith(VIRTUAL_SYSROOT + "/")) continue;
    if (sameBytes(inputs.get(vpath), content)) continue;
    const host = map.toHost(vpath);
    mkdirSync(dirname(host), { recursive: true });
    if (host === program) writeProgram(host, content);
    else writeFileSync(host, content);
    outputs.push(host);
  }
  return { status, outputs };
}
export {
  CC_LINK_VERSION,
  PACKAGE_ROOT,
  cc,
  missingArtefact
};
