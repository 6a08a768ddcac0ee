import { L4Port } from "../libc/l4_port.js";
import { Placement } from "../libc/address_space.js";
import { grantRights } from "../l4re/l4_namespace.js";
const PROT_RW = 3;
function regionWindows(as) {
  return {
    attach(ds, addr, size, offset) {
      const at = as.map({
        placement: addr === void 0 ? Placement.Anywhere : Placement.NoReplace,
        addr: addr ?? 0,
        size,
        prot: PROT_RW,
        backing: { kind: "shared", ds },
        offset
      });
      return at;
    },
    detach(addr, size) {
      as.unmap(addr, size);
    }
  };
}
function guestL4Port(p, ns) {
  const grant = (name) => {
    const object = ns.getForGuest(name);
    return object === void 0 ? void 0 : { object, rights: grantRights(object, false) };
  };
  return new L4Port(
    p.kernel,
    p.cpu,
    p.task.id,
    p.thread.id,
    grant,
    ns,
    regionWindows(p.addressSpace),
    p.thread.cap
  );
}
export {
  guestL4Port,
  regionWindows
};
