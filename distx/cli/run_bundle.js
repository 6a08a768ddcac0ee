import { createRequire } from "node:module";
import { readdirSync, renameSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import vm from "node:vm";
import { cacheDir } from "../toolchain/cache_dir.js";
const CACHE_PREFIX = "run-bundle-";
const BUNDLE_URL_NAME = "__l4wasm_url";
const IMPORT_NAME = "__l4wasm_import";
const EXTERNAL_IMPORTS = ["@yowasp/clang", "binaryen"].flatMap((p) => [`import("${p}")`, `import('${p}')`]);
function loadRunBundle(file) {
  let source = readFileSync(file, "utf8");
  for (const imp of EXTERNAL_IMPORTS) source = source.replaceAll(imp, `${IMPORT_NAME}${imp.slice("import".length)}`);
  const st = statSync(file, { bigint: true });
  const dir = cacheDir();
  const name = `${CACHE_PREFIX}${process.version}-${st.size}-${st.mtimeNs}-${st.ino}.v8cache`;
  const cachePath = join(dir, name);
  let cachedData;
  try {
    cachedData = readFileSync(cachePath);
  } catch {
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, ${BUNDLE_URL_NAME}, ${IMPORT_NAME}) {${source}
})`, {
    filename: file,
    cachedData
  });
  const module = { exports: {} };
  script.runInThisContext()(
    module.exports,
    createRequire(file),
    module,
    file,
    dirname(file),
    pathToFileURL(file).href,
    (s) => import(s)
  );
  const fresh = cachedData === void 0 || script.cachedDataRejected === true ? script.createCachedData() : void 0;
  return {
    entry: module.exports,
    saveCache: () => {
      if (fresh === void 0) return;
      try {
        const tmp = `${cachePath}.${process.pid}.tmp`;
        writeFileSync(tmp, fresh);
        renameSync(tmp, cachePath);
        for (const f of readdirSync(dir)) if (f.startsWith(CACHE_PREFIX) && f !== name) rmSync(join(dir, f), { force: true });
      } catch {
      }
    }
  };
}
export {
  BUNDLE_URL_NAME,
  loadRunBundle
};
