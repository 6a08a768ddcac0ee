var DataspaceFlags = /* @__PURE__ */ ((DataspaceFlags2) => {
  DataspaceFlags2[DataspaceFlags2["ReadOnly"] = 1] = "ReadOnly";
  DataspaceFlags2[DataspaceFlags2["Anonymous"] = 2] = "Anonymous";
  return DataspaceFlags2;
})(DataspaceFlags || {});
class Dataspace {
  constructor(name, bytes, flags, size = bytes.length) {
    this.name = name;
    this.bytes = bytes;
    this.flags = flags;
    this.size = size;
    this.id = Dataspace.nextId++;
  }
  name;
  bytes;
  flags;
  size;
  static nextId = 1;
  /** The id the kernel's region map records for attachments of this dataspace. */
  id;
  get readOnly() {
    return (this.flags & 1 /* ReadOnly */) !== 0;
  }
  /** Copies up to buf.length bytes from `offset`; returns the count (0 at or past the end). */
  read(offset, buf) {
    if (offset >= this.bytes.length) return 0;
    const n = Math.min(buf.length, this.bytes.length - offset);
    buf.set(this.bytes.subarray(offset, offset + n));
    return n;
  }
}
export {
  Dataspace,
  DataspaceFlags
};
