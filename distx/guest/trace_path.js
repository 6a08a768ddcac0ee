const paths = /* @__PURE__ */ new WeakMap();
function markPath(fn, path) {
  paths.set(fn, path);
  return fn;
}
function pathOf(fn) {
  return paths.get(fn) ?? "local";
}
export {
  markPath,
  pathOf
};
