import { readFileSync } from "node:fs";
const SHELL_URL = new URL("../../build/sh.wasm", import.meta.url);
let cached;
function builtinShell() {
  if (cached === void 0) {
    try {
      cached = readFileSync(SHELL_URL);
    } catch {
      cached = null;
    }
  }
  return cached ?? void 0;
}
export {
  builtinShell
};
