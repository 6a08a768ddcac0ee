// A tmpfs file whose bytes come later: its size is set now, its content is supplied by a loader
// the first time anything touches memfs's buffer (a read, a write, growing it), and adopted as the
// buffer without a copy. A program installed at /bin for a run (tens of MB) then costs nothing
// unless the guest reads or executes it.

/** The fields of memfs's inode this uses (fs-core's Node: `buf` holds `size` used bytes of `capacity`; typed private there). */
export interface ContentNode { buf: Buffer; size: number; capacity: number }

/**
 * Gives `node` (an empty regular file) `size` bytes, supplied by `load` when first needed. The
 * loaded bytes become the node's own (the loader must hand over a buffer nobody else writes);
 * loaded bytes shorter or longer than `size` (the source changed meanwhile) make the file their
 * length, unless the file was truncated shorter already.
 */
export function deferContent(node: ContentNode, size: number, load: () => Uint8Array): void {
  node.size = size;
  node.capacity = size;
  const own = (value: Buffer) => {
    Object.defineProperty(node, 'buf', { value, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(node, 'buf', {
    configurable: true,
    enumerable: true,
    get(): Buffer {
      const bytes = load();
      const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      own(buf);
      // Truncated (or extended: that read the buffer, so it is loaded already) before it was loaded.
      node.size = node.size < size ? Math.min(node.size, buf.length) : buf.length;
      node.capacity = buf.length;
      return buf;
    },
    // memfs replaced the buffer (truncated to 0, or grew it): the content is that from now on.
    set(value: Buffer) { own(value); },
  });
}
