// The guest's /bin/sh: l4wasm's shell (examples/sh/), built with the sysroot into
// build/sh.wasm, which system() and popen() run as `/bin/sh -c command`. Every machine installs
// it unless told otherwise (MachineOptions.shell).
import { readFileSync } from 'node:fs';

/** build/sh.wasm of this package: src/guest/ and dist/guest/ are both two levels down. */
const SHELL_URL = new URL('../../build/sh.wasm', import.meta.url);

let cached: Uint8Array | null | undefined;

/** The shell's module, or undefined when the package was built without it (no build:sysroot yet). */
export function builtinShell(): Uint8Array | undefined {
  if (cached === undefined) {
    try { cached = readFileSync(SHELL_URL); } catch { cached = null; }
  }
  return cached ?? undefined;
}
