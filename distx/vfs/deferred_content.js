function deferContent(node, size, load) {
  node.size = size;
  node.capacity = size;
  const own = (value) => {
    Object.defineProperty(node, "buf", { value, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(node, "buf", {
    configurable: true,
    enumerable: true,
    get() {
      const bytes = load();
      const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      own(buf);
      node.size = node.size < size ? Math.min(node.size, buf.length) : buf.length;
      node.capacity = buf.length;
      return buf;
    },
    // memfs replaced the buffer (truncated to 0, or grew it): the content is that from now on.
    set(value) {
      own(value);
    }
  });
}
export {
  deferContent
};
