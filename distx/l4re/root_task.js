import { msgTag } from "../kernel/kernel.js";
import { Errno } from "../errno.js";
import { Dataspace, DataspaceFlags } from "./dataspace.js";
var RootOp = /* @__PURE__ */ ((RootOp2) => {
  RootOp2[RootOp2["Alloc"] = 1] = "Alloc";
  RootOp2[RootOp2["Free"] = 2] = "Free";
  RootOp2[RootOp2["Query"] = 3] = "Query";
  return RootOp2;
})(RootOp || {});
const PAGE_SIZE = 65536;
class RootTask {
  constructor(memoryLimit = 4 * 1024 * 1024 * 1024) {
    this.memoryLimit = memoryLimit;
  }
  memoryLimit;
  dataspaces = /* @__PURE__ */ new Map();
  names = /* @__PURE__ */ new Map();
  /** Bytes of anonymous memory handed out and not yet freed. */
  allocated = 0;
  /** A boot module: a read-only ROM dataspace, registered in the namespace as `rom/<name>`. */
  addBootModule(name, contents) {
    const ds = new Dataspace(name, contents, DataspaceFlags.ReadOnly);
    this.dataspaces.set(ds.id, ds);
    this.names.set(`rom/${name}`, ds);
    return ds;
  }
  /** The ROM dataspaces, for the Ro_fs. */
  bootModules() {
    return [...this.names.entries()].filter(([n]) => n.startsWith("rom/")).map(([, ds]) => ds);
  }
  /** An anonymous dataspace of `size` bytes (rounded up to pages), or -ENOMEM. */
  allocate(size, name = "anon") {
    if (!Number.isInteger(size) || size <= 0) return -Errno.EINVAL;
    const rounded = Math.ceil(size / PAGE_SIZE) * PAGE_SIZE;
    if (this.allocated + rounded > this.memoryLimit) return -Errno.ENOMEM;
    const ds = new Dataspace(name, new Uint8Array(0), DataspaceFlags.Anonymous, rounded);
    this.allocated += rounded;
    this.dataspaces.set(ds.id, ds);
    return ds;
  }
  /** Releases an anonymous dataspace (the kernel reported its last region gone). */
  free(id) {
    const ds = this.dataspaces.get(id);
    if (ds === void 0) return -Errno.ENOENT;
    if (ds.readOnly) return -Errno.EPERM;
    this.dataspaces.delete(id);
    this.allocated -= ds.size;
    return 0;
  }
  lookup(name) {
    return this.names.get(name);
  }
  dataspace(id) {
    return this.dataspaces.get(id);
  }
  dispatch(msg) {
    const mr = msg.mrs;
    switch (msg.op) {
      case 1 /* Alloc */: {
        const ds = this.allocate(mr[0]);
        return reply(mr, typeof ds === "number" ? ds : ds.id);
      }
      case 2 /* Free */:
        return msgTag(this.free(mr[0]));
      case 3 /* Query */: {
        const len = mr[0];
        if (len > (mr.length - 1) * 4) return msgTag(-Errno.ENAMETOOLONG);
        const bytes = new Uint8Array(mr.buffer, mr.byteOffset + 4, len);
        const ds = this.lookup(new TextDecoder().decode(bytes.slice()));
        return reply(mr, ds === void 0 ? -Errno.ENOENT : ds.id);
      }
      default:
        return msgTag(-Errno.ENOSYS);
    }
  }
}
function reply(mr, value) {
  if (value < 0) return msgTag(value);
  mr[0] = value;
  return msgTag(0, 1);
}
export {
  PAGE_SIZE,
  RootOp,
  RootTask
};
