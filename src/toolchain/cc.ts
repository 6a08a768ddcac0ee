// l4wasm cc: clang for wasm32-wasip1 from @yowasp/clang, with l4wasm's sysroot overlay.
// @yowasp/clang runs in a virtual file system that sees only the tree we hand it, so the
// sources, the headers they may include and the sysroot are placed into that tree, and
// whatever the run produced is written back to the real paths.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

type Tree = { [name: string]: Tree | string | Uint8Array };

/** The package root: this file lives at src/toolchain/cc.ts and, bundled, at dist/toolchain/cc.js. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SYSROOT = join(PACKAGE_ROOT, 'sysroot');
/** Where the sysroot appears inside clang's virtual file system (its own lives at /usr). */
const VIRTUAL_SYSROOT = '/l4wasm';
/** Host paths that would collide with clang's own directories are placed under this prefix. */
const RELOCATED = '/host';
/** Top-level names clang's tree reserves: its sysroot (/usr), scratch space it deletes (/tmp), ours. */
const RESERVED = ['/usr', '/tmp', VIRTUAL_SYSROOT, RELOCATED];

/** Lines of clang's driver plan that @yowasp/clang echoes when a compile fails early. */
const DRIVER_ECHO = /^(clang version |Target: |Thread model: |InstalledDir: |Build config: | "| \(in-process\))/;
const HEADER_EXTS = new Set(['.h', '.hh', '.hpp', '.hxx', '.inc', '.def']);
/** Options whose value is a path, given as the next argument or joined (-Ipath). */
const PATH_OPTIONS = ['-I', '-isystem', '-iquote', '-idirafter', '-include', '-L', '-o', '-MF', '-MT', '-MQ'];
const INCLUDE_DIR_OPTIONS = new Set(['-I', '-isystem', '-iquote', '-idirafter']);
/** Modes in which clang does not link: no library goes on the command line. */
const NO_LINK = new Set(['-c', '-E', '-S', '-M', '-MM', '-fsyntax-only', '--version', '-v', '-###', '--help']);
/** Options after which the user links the C library by hand: the default libraries stay off. */
const NO_DEFAULT_LIBS = new Set(['-nostdlib', '-nodefaultlibs', '-nolibc']);
/**
 * Options that choose how setjmp/longjmp are lowered (or that exception handling is off): given
 * one, the user decides and cc adds nothing. Otherwise setjmp is wasm exception handling, as
 * wasi-libc's <setjmp.h> requires; it changes only functions that call setjmp.
 */
const SJLJ_CHOICE = ['-wasm-enable-sjlj', '-wasm-enable-emscripten-sjlj', '-mno-exception-handling'];
/**
 * wasi-libc's libraries every program may need: setjmp/longjmp's runtime (libsetjmp), and printf
 * and scanf with long double (`%Lf`; without it they trap). Archives: a program that uses neither
 * links nothing of them.
 */
const DEFAULT_LIBS = ['-lsetjmp', '-lc-printscan-long-double'];
/**
 * The C stack a program is linked with unless it says otherwise: 8 MiB, Linux's default
 * RLIMIT_STACK, so that a program with a large local array or deep recursion runs as it does there
 * (wasm-ld's 64 KiB, and the 256 KiB linked before, trapped at a 1 MiB array in main). It is the
 * program's RLIMIT_STACK. The memory is reserved, not used: the host backs a page once it is
 * touched, and fork copies the stack from its pointer up (program.ts deadStackOf). A link that sets
 * the stack or the memory's size itself keeps wasm-ld's default.
 */
const DEFAULT_STACK = ['-Wl,-z,stack-size=8388608'];
/**
 * open(""), stat("") and every path call with an empty path fail with ENOENT (sysroot/src/
 * path_empty.c): wasi-libc's path resolution is wrapped, and the wrapper kept (nothing else
 * references it strongly).
 */
const EMPTY_PATH_CHECK = ['-Wl,--wrap=__wasilibc_find_relpath_alloc', '-Wl,-u,__wrap___wasilibc_find_relpath_alloc'];

export interface CcOptions {
  cwd?: string;
  /** Loading the toolchain (seconds on a first run) reports here; the task ends once it is loaded. */
  onToolchainLoad?: (label: string, startedAt: number) => { end(outcome?: string): void };
  stderr?: (text: string) => void;
  stdout?: (text: string) => void;
}

export interface CcResult {
  status: number;
  /** Host paths written. */
  outputs: string[];
}

/** Maps host paths into clang's tree and back. */
class PathMap {
  constructor(private readonly cwd: string) {}


  toVirtual(hostPath: string): string {
    const abs = resolve(this.cwd, hostPath);
    return RESERVED.some((r) => abs === r || abs.startsWith(r + '/')) ? RELOCATED + abs : abs;
  }

  toHost(virtualPath: string): string {
    if (virtualPath.startsWith(RELOCATED + '/')) return virtualPath.slice(RELOCATED.length);
    // clang's working directory is the tree's root: outputs named relatively land there.
    const depth = virtualPath.split('/').filter(Boolean).length;
    return depth === 1 ? join(this.cwd, virtualPath) : virtualPath;
  }
}

function place(tree: Tree, virtualPath: string, content: Uint8Array): void {
  const parts = virtualPath.split('/').filter(Boolean);
  let dir = tree;
  for (const part of parts.slice(0, -1)) {
    const next = dir[part];
    if (next === undefined || typeof next === 'string' || next instanceof Uint8Array) dir[part] = {};
    dir = dir[part] as Tree;
  }
  dir[parts[parts.length - 1]!] = content;
}

/** Adds the headers below `hostDir` (a few levels deep, bounded) to the tree. */
function placeHeaders(tree: Tree, map: PathMap, hostDir: string, depth = 4, budget = { files: 5000 }): void {
  let entries;
  try { entries = readdirSync(hostDir, { withFileTypes: true }); } catch { return; }
  for (const e of entries) {
    if (budget.files <= 0) return;
    const p = join(hostDir, e.name);
    if (e.isDirectory() && depth > 0 && e.name !== 'node_modules' && !e.name.startsWith('.')) {
      placeHeaders(tree, map, p, depth - 1, budget);
    } else if (e.isFile() && HEADER_EXTS.has(extname(e.name))) {
      place(tree, map.toVirtual(p), readFileSync(p));
      budget.files--;
    }
  }
}

function placeDirectory(tree: Tree, hostDir: string, virtualDir: string): void {
  if (!existsSync(hostDir)) return;
  for (const e of readdirSync(hostDir, { withFileTypes: true })) {
    const p = join(hostDir, e.name);
    if (e.isDirectory()) placeDirectory(tree, p, `${virtualDir}/${e.name}`);
    else if (e.isFile()) place(tree, `${virtualDir}/${e.name}`, readFileSync(p));
  }
}

/** Every file of the tree with its virtual path. */
function* walk(tree: Tree, prefix = ''): Generator<[string, Uint8Array | string]> {
  for (const [name, node] of Object.entries(tree)) {
    const p = `${prefix}/${name}`;
    if (typeof node === 'string' || node instanceof Uint8Array) yield [p, node];
    else yield* walk(node, p);
  }
}

function sameBytes(a: Uint8Array | string | undefined, b: Uint8Array | string): boolean {
  if (a === undefined) return false;
  const x = typeof a === 'string' ? Buffer.from(a) : a;
  const y = typeof b === 'string' ? Buffer.from(b) : b;
  return x.length === y.length && Buffer.compare(x, y) === 0;
}

/**
 * Writes a linked program as ld does: a regular file there is replaced by a new one created with
 * mode 0777 less the umask (0755 as a rule), so that it can be executed, also where an older
 * build left a file without execute permission; anything else there (/dev/null) is written to.
 */
function writeProgram(host: string, content: Uint8Array | string): void {
  let regular = false;
  try { regular = lstatSync(host).isFile(); } catch { /* not there yet */ }
  if (regular) unlinkSync(host);
  writeFileSync(host, content, { mode: 0o777 });
}

/** The option in PATH_OPTIONS that `arg` is, given alone or with its value joined. */
function pathOption(arg: string): string | undefined {
  return PATH_OPTIONS.find((o) => arg.startsWith(o));
}

/** Rewrites the arguments' paths into the virtual tree and fills the tree with what they name. */
function prepare(args: string[], cwd: string, map: PathMap): { argv: string[]; tree: Tree; links: boolean; output: string | undefined } {
  const tree: Tree = {};
  const argv: string[] = [];
  let output: string | undefined;
  let links = true;
  const headerDirs = new Set<string>();
  let pthread = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (NO_LINK.has(a)) links = false;
    // gcc's -pthread: the threads here need no shared memory or threads-built libc (clang's
    // -pthread asks wasm-ld for both); what stays is its macro, for the sources compiled.
    if (a === '-pthread' || a === '-pthreads') { pthread = true; continue; }
    const opt = pathOption(a);
    if (opt !== undefined) {
      const joined = a !== opt;
      const value = joined ? a.slice(opt.length) : args[++i];
      if (value === undefined) { argv.push(a); continue; }
      if (opt === '-MT' || opt === '-MQ') { argv.push(...(joined ? [a] : [opt, value])); continue; }
      const host = resolve(cwd, value);
      if (opt === '-o') output = host;
      if (INCLUDE_DIR_OPTIONS.has(opt)) headerDirs.add(host);
      if (opt === '-include' && existsSync(host)) place(tree, map.toVirtual(host), readFileSync(host));
      if (opt === '-L') placeDirectory(tree, host, map.toVirtual(host));
      const v = map.toVirtual(host);
      argv.push(...(joined ? [opt + v] : [opt, v]));
      continue;
    }
    const host = resolve(cwd, a);
    if (!a.startsWith('-') && existsSync(host) && statSync(host).isFile()) {
      place(tree, map.toVirtual(host), readFileSync(host));
      headerDirs.add(dirname(host));
      argv.push(map.toVirtual(host));
      continue;
    }
    argv.push(a);
  }
  for (const d of headerDirs) placeHeaders(tree, map, d);
  if (pthread && argv.some((a) => SOURCE_FILE.test(a))) argv.push('-D_REENTRANT');
  return { argv, tree, links, output };
}

/**
 * The message for a file of this package that should be there and is not (`relative` to the
 * package root): it names the package and what to do, for an installed package and a checkout.
 */
export function missingArtefact(relative: string, buildScript: string): string {
  const where = join(PACKAGE_ROOT, relative);
  const checkout = existsSync(join(PACKAGE_ROOT, '.git')) || existsSync(join(PACKAGE_ROOT, 'assembly'));
  return `l4wasm: ${where} is missing from the l4wasm package: ` + (checkout
    ? `build it with \`${buildScript}\` (or \`npm run build\`) in ${PACKAGE_ROOT}`
    : 'the installed package is incomplete; reinstall it (npm install l4wasm, or from git with its dev dependencies so that `prepare` builds it)');
}

/** A C or C++ source among clang's arguments. */
const SOURCE_FILE = /\.(c|cc|cpp|cxx|c\+\+|C|i|ii)$/;

/** Bump when what cc adds to a compile or a link changes, so that cached compiles are redone (compile_cache.ts). */
export const CC_LINK_VERSION = 7;

/** True when the command compiles C++: a C++ source file, or -x c++ (clang++ by name is not needed). */
function isCxx(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if ((a === '-x' && /^c\+\+/.test(args[i + 1] ?? '')) || /^-xc\+\+/.test(a)) return true;
    if (!a.startsWith('-') && /\.(cc|cpp|cxx|c\+\+|C)$/.test(a)) return true;
  }
  return false;
}

/**
 * Runs clang for wasm32-wasip1 with the l4wasm sysroot. `args` are clang's arguments (without
 * the program name). Diagnostics go to `stderr`; the exit status is clang's.
 */
/**
 * C that gcc (up to 13, as Linux distributions ship it) compiles with a warning and clang 16+
 * refuses: a call of an undeclared function, an implicit int, int/pointer conversions,
 * mismatched pointer types. Warnings here too, so that code written for gcc builds as it does
 * there (a program may still ask for -Werror=...).
 */
/**
 * Thread-local storage kept: clang strips __thread/_Thread_local to plain globals unless the code
 * may use atomics and bulk memory, and then every thread would share one copy. With them, wasm-ld
 * lays the variables out in a TLS block that each green thread has its own copy of
 * (sysroot/src/pthread.c, src/guest/program.ts). Node 20 runs both features; a user's -mno-*
 * takes them out again.
 */
const TLS_FEATURES = ['-matomics', '-mbulk-memory'];

const GCC_WARNINGS = [
  '-Wno-error=implicit-function-declaration', '-Wno-error=implicit-int', '-Wno-error=int-conversion',
  '-Wno-error=incompatible-pointer-types', '-Wno-error=incompatible-function-pointer-types',
];

export async function cc(args: string[], options: CcOptions = {}): Promise<CcResult> {
  const cwd = options.cwd ?? process.cwd();
  const map = new PathMap(cwd);
  const { argv, tree, links, output } = prepare(args, cwd, map);
  // What a link writes is a program: executable, as gcc (ld) makes it (a.out without -o).
  const program = links ? output ?? resolve(cwd, 'a.out') : undefined;
  placeDirectory(tree, join(SYSROOT, 'include'), `${VIRTUAL_SYSROOT}/include`);
  const lib = join(SYSROOT, 'lib', 'libl4posix.a');
  const sjlj = SJLJ_CHOICE.some((o) => args.includes(o)) ? [] : ['-mllvm', '-wasm-enable-sjlj'];
  // C++ sources go through clang++, which links libc++ and libc++abi (in the toolchain's sysroot).
  // They build without C++ exceptions unless asked (the toolchain's libc++ has none).
  const cxx = isCxx(args);
  const noExceptions = cxx && !args.some((a) => /^-f(no-)?(wasm-)?exceptions$/.test(a)) ? ['-fno-exceptions'] : [];
  const tls = TLS_FEATURES.filter((f) => !args.includes(f.replace('-m', '-mno-')));
  const full = [cxx ? 'clang++' : 'clang', '--target=wasm32-wasip1', '-isystem', `${VIRTUAL_SYSROOT}/include`, ...sjlj, ...noExceptions, ...tls,
    ...(cxx ? [] : GCC_WARNINGS), ...argv];
  const stderr = options.stderr ?? ((t: string) => process.stderr.write(t));
  if (links && !existsSync(lib)) {
    // Never link without it: a program using signal() or fork() would fail to link, or worse,
    // link against wasi-libc's emulation and behave differently.
    stderr(missingArtefact('sysroot/lib/libl4posix.a', 'npm run build:sysroot') + '\n');
    return { status: 1, outputs: [] };
  }
  if (links) {
    place(tree, `${VIRTUAL_SYSROOT}/lib/libl4posix.a`, readFileSync(lib));
    // A spawned program enters its parent's working directory (sysroot/src/cwd.c). Exported: wasm-ld
    // drops the constructors of an archive member that nothing uses, even one pulled in by -u.
    // The program's functions end where this object's begins (sysroot/crt/user_end.c).
    const marker = join(SYSROOT, 'lib', 'user_end.o');
    const userEnd = existsSync(marker) ? [`${VIRTUAL_SYSROOT}/lib/user_end.o`] : [];
    if (userEnd.length > 0) place(tree, userEnd[0]!, readFileSync(marker));
    full.push(`-L${VIRTUAL_SYSROOT}/lib`, '-Wl,--export=__l4posix_cwd_init', ...EMPTY_PATH_CHECK, ...userEnd, '-ll4posix');
    // A printf without floating point, asked for, stays so.
    const printf = args.includes('-lc-printscan-no-floating-point') ? ['-lc-printscan-long-double'] : [];
    if (!args.some((a) => NO_DEFAULT_LIBS.has(a))) full.push(...DEFAULT_LIBS.filter((l) => !args.includes(l) && !printf.includes(l)));
    if (!args.some((a) => /stack-size|initial-memory|max-memory/.test(a))) full.push(...DEFAULT_STACK);
  }
  const inputs = new Map<string, Uint8Array | string>(walk(tree));
  const stdout = options.stdout ?? ((t: string) => process.stdout.write(t));
  const decoder = new TextDecoder();
  const verbose = args.includes('-v') || args.includes('-###');
  const relocate = (t: string) => {
    const text = t.split(RELOCATED + '/').join('/');
    return verbose ? text : text.split('\n').filter((l) => !DRIVER_ECHO.test(l)).join('\n');
  };
  const { commands, runLLVM } = await import('@yowasp/clang');
  // Load the toolchain once, quietly (its default progress report goes to stdout); a load that
  // takes a while is reported (only after a moment, so a warm start shows nothing).
  let loading: { end(outcome?: string): void } | undefined;
  const loadStarted = performance.now();
  const slow = options.onToolchainLoad && setTimeout(() => { loading = options.onToolchainLoad?.('loading the clang toolchain', loadStarted); }, 300);
  try {
    await runLLVM(null as unknown as string[], {}, { fetchProgress: () => {} });
  } finally {
    if (slow) clearTimeout(slow);
    loading?.end();
  }
  let status = 0;
  let result: Tree;
  try {
    result = (await commands[cxx ? 'clang++' : 'clang'](full.slice(1), tree, {
      stdout: (b: Uint8Array | null) => { if (b) stdout(relocate(decoder.decode(b))); },
      stderr: (b: Uint8Array | null) => { if (b) stderr(relocate(decoder.decode(b))); },
      fetchProgress: () => {},
    })) as Tree;
  } catch (e) {
    const exit = e as { code?: number; files?: Tree };
    if (typeof exit.code !== 'number') throw e;
    status = exit.code;
    result = exit.files ?? {};
  }
  const outputs: string[] = [];
  for (const [vpath, content] of walk(result)) {
    if (vpath.startsWith('/usr/') || vpath.startsWith(VIRTUAL_SYSROOT + '/')) continue;
    if (sameBytes(inputs.get(vpath), content)) continue;
    const host = map.toHost(vpath);
    mkdirSync(dirname(host), { recursive: true });
    if (host === program) writeProgram(host, content);
    else writeFileSync(host, content);
    outputs.push(host);
  }
  return { status, outputs };
}
