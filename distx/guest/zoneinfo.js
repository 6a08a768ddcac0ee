import { statSync } from "node:fs";
import { HostFs } from "../vfs/index.js";
const ZONEINFO_GUEST = "/usr/share/zoneinfo";
const ZONEINFO_HOST = "/usr/share/zoneinfo";
const shared = /* @__PURE__ */ new Map();
function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
function mountZoneinfo(tree, budget, hostDir) {
  const dir = hostDir ?? ZONEINFO_HOST;
  if (!isDirectory(dir)) {
    if (hostDir !== void 0) throw new Error(`zoneinfo: '${hostDir}' is not a directory of the host (give the directory of TZif files, or false)`);
    return;
  }
  const holder = tree.mounts().filter((m) => m.path === "/" || ZONEINFO_GUEST === m.path || ZONEINFO_GUEST.startsWith(m.path + "/")).sort((a, b) => b.path.length - a.path.length)[0];
  if (holder !== void 0 && holder.fs.name !== "tmpfs") return;
  let fs = shared.get(dir);
  if (fs === void 0) {
    fs = new HostFs(dir, { readOnly: true });
    shared.set(dir, fs);
  }
  const r = tree.mount(ZONEINFO_GUEST, budget.wrap(fs));
  if (r < 0) throw new Error(`zoneinfo: cannot mount '${dir}' at ${ZONEINFO_GUEST} (errno ${-r})`);
}
export {
  ZONEINFO_GUEST,
  mountZoneinfo
};
