const syncCalls = {
  sync(c) {
    const seen = /* @__PURE__ */ new Set();
    for (const fd of c.fds.fds()) {
      const file = c.fds.get(fd)?.file;
      if (file === void 0 || seen.has(file)) continue;
      seen.add(file);
      file.sync();
    }
    return 0;
  }
};
export {
  syncCalls
};
