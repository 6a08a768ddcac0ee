import { mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
function cacheDir() {
  const base = process.env.L4WASM_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "l4wasm");
  mkdirSync(base, { recursive: true });
  return base;
}
export {
  cacheDir
};
