import { createRequire } from "node:module";
const childProcess = () => createRequire(import.meta.url)("node:child_process");
let touchMissing = false;
function libuvExact(ns) {
  const seconds = Number(ns / 1000000000n) + Number(ns % 1000000000n) / 1e9;
  const sec = Math.trunc(seconds);
  let nsec = Math.trunc((seconds - sec) * 1e9);
  nsec -= nsec % 1e3;
  return BigInt(sec) * 1000000000n + BigInt(nsec) === ns;
}
function nodeSetsExactly(atime, mtime) {
  const exact = (t) => t === "now" || t !== void 0 && libuvExact(t);
  return exact(atime) && exact(mtime);
}
function touchDate(ns) {
  return `@${ns / 1000000000n}.${(ns % 1000000000n).toString().padStart(9, "0")}`;
}
function touchTimes(path, noFollow, atime, mtime) {
  if (touchMissing) return void 0;
  const calls = [];
  const one = (which, t) => calls.push([...which, ...t === "now" ? [] : ["-d", touchDate(t)]]);
  if (atime !== void 0 && mtime !== void 0 && atime === mtime) one([], atime);
  else {
    if (atime !== void 0) one(["-a"], atime);
    if (mtime !== void 0) one(["-m"], mtime);
  }
  for (const c of calls) {
    const r = childProcess().spawnSync("touch", ["-c", ...noFollow ? ["-h"] : [], ...c, "--", path], { stdio: "ignore" });
    if (r.error !== void 0) {
      if (r.error.code === "ENOENT") touchMissing = true;
      return void 0;
    }
    if (r.status !== 0) return void 0;
  }
  return 0;
}
export {
  nodeSetsExactly,
  touchTimes
};
