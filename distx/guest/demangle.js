const ESCAPES = {
  SP: "@",
  BP: "*",
  RF: "&",
  LT: "<",
  GT: ">",
  LP: "(",
  RP: ")",
  C: ","
};
function unescape(ident) {
  let s = ident.startsWith("_$") ? ident.slice(1) : ident;
  s = s.replace(/\$([A-Z]{1,2}|u[0-9a-f]{2,6})\$/g, (m, code) => {
    if (code.startsWith("u")) return String.fromCodePoint(parseInt(code.slice(1), 16));
    return ESCAPES[code] ?? m;
  });
  return s.replace(/\.\./g, "::");
}
function demangle(name) {
  const m = /^_?_ZN(.*)E(?:\.llvm\.\d+)?$/.exec(name);
  if (!m) return name;
  const body = m[1];
  const parts = [];
  let p = 0;
  while (p < body.length) {
    const len = /^\d+/.exec(body.slice(p));
    if (!len) return name;
    p += len[0].length;
    const n = Number(len[0]);
    if (p + n > body.length) return name;
    parts.push(body.slice(p, p + n));
    p += n;
  }
  const last = parts[parts.length - 1];
  if (last === void 0 || !/^h[0-9a-f]{16}$/.test(last)) return name;
  parts.pop();
  return parts.map(unescape).join("::");
}
export {
  demangle
};
