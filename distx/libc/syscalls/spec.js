const WASI = "wasi_snapshot_preview1";
const L4POSIX = "l4posix";
function isWideKind(kind) {
  return kind === "i64" || kind === "ns" || kind === "rights";
}
function wasmSignature(spec) {
  return { params: spec.params.map((p) => isWideKind(p.kind) ? 126 : 127), result: spec.returns ? 127 : 0 };
}
function parseParams(call, text) {
  if (text.trim() === "") return [];
  return text.trim().split(/\s+/).map((word) => {
    const [name, kind] = word.split(":");
    if (!name || !kind) throw new Error(`syscall table: ${call}: parameter "${word}" is not name:kind`);
    return { name, kind };
  });
}
function family(fam, module, impls, entries) {
  for (const name of Object.keys(impls)) {
    if (!(name in entries)) throw new Error(`syscall table: ${module}.${name} is implemented but not described`);
  }
  return Object.entries(entries).map(([name, [paramText, o = {}]]) => {
    const impl = impls[name];
    if (impl === void 0) throw new Error(`syscall table: ${module}.${name} is described but not implemented`);
    const params = parseParams(name, paramText);
    if (impl.length !== params.length + 1) {
      throw new Error(`syscall table: ${module}.${name} takes ${impl.length - 1} arguments, described with ${params.length}`);
    }
    return {
      module,
      name,
      family: fam,
      params,
      result: module === WASI ? "errno" : "value",
      suspends: o.suspends ?? true,
      callerOnly: o.callerOnly ?? module === L4POSIX,
      coreLocal: o.coreLocal ?? false,
      returns: o.returns ?? true,
      impl
    };
  });
}
export {
  L4POSIX,
  WASI,
  family,
  isWideKind,
  wasmSignature
};
