// Rust symbol names in trap messages, as people read them: `_ZN3std2rt10lang_start17h0123...E`
// becomes `std::rt::lang_start`. Rust's legacy mangling (Itanium-style nested names, a trailing
// hash, `$..$` escapes) is decoded; anything else, including Rust's v0 scheme (`_R...`), is
// returned as it is.

const ESCAPES: Record<string, string> = {
  SP: '@', BP: '*', RF: '&', LT: '<', GT: '>', LP: '(', RP: ')', C: ',',
};

function unescape(ident: string): string {
  // A leading `_$` is written to keep the identifier valid: the `_` is not part of the name.
  let s = ident.startsWith('_$') ? ident.slice(1) : ident;
  s = s.replace(/\$([A-Z]{1,2}|u[0-9a-f]{2,6})\$/g, (m, code: string) => {
    if (code.startsWith('u')) return String.fromCodePoint(parseInt(code.slice(1), 16));
    return ESCAPES[code] ?? m;
  });
  return s.replace(/\.\./g, '::');
}

/** The readable name of a Rust legacy symbol, or `name` unchanged. */
export function demangle(name: string): string {
  const m = /^_?_ZN(.*)E(?:\.llvm\.\d+)?$/.exec(name);
  if (!m) return name;
  const body = m[1]!;
  const parts: string[] = [];
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
  if (last === undefined || !/^h[0-9a-f]{16}$/.test(last)) return name; // not Rust (C++ has no hash)
  parts.pop();
  return parts.map(unescape).join('::');
}
