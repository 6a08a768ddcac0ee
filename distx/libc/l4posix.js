import { L4POSIX_SPECS } from "./syscalls/index.js";
import { bindImports } from "./syscall_edge.js";
const L4POSIX_FUNCTIONS = [...L4POSIX_SPECS.keys()];
function createL4posixImports(ctx) {
  return bindImports(L4POSIX_SPECS.values(), ctx, ctx);
}
export {
  L4POSIX_FUNCTIONS,
  createL4posixImports
};
