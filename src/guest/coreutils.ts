// The guest's utilities: l4wasm's coreutils (examples/coreutils, one busybox-style program built
// into build/coreutils.wasm with the list of its commands in build/coreutils.json). Every machine
// whose /bin is in memory installs it at /bin/NAME for each command unless told otherwise
// (MachineOptions.coreutils), so system("ls"), popen("sort") and execlp("cat") find them.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** build/ of this package: src/guest/ and dist/guest/ are both two levels down. */
const WASM = fileURLToPath(new URL('../../build/coreutils.wasm', import.meta.url));
const LIST = fileURLToPath(new URL('../../build/coreutils.json', import.meta.url));

let cached: { wasm: string; commands: readonly string[] } | null | undefined;

/** The program's host path and its commands, or undefined when the package was built without it. */
export function builtinCoreutils(): { wasm: string; commands: readonly string[] } | undefined {
  if (cached === undefined) {
    try {
      const commands = JSON.parse(readFileSync(LIST, 'utf8')) as unknown;
      cached = Array.isArray(commands) && commands.every((c) => typeof c === 'string' && /^[^/\0]+$/.test(c)) && existsSync(WASM)
        ? { wasm: WASM, commands: commands as string[] } : null;
    } catch {
      cached = null;
    }
  }
  return cached ?? undefined;
}
