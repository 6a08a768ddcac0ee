import { GuestMemory } from "./abi.js";
class StringList {
  encoded;
  bufSize;
  constructor(list) {
    this.encoded = list.map((s) => GuestMemory.encode(s + "\0"));
    this.bufSize = this.encoded.reduce((n, b) => n + b.length, 0);
  }
}
class WasiState {
  constructor(ctx) {
    this.ctx = ctx;
    this.mem = new GuestMemory(ctx);
    this.fds = ctx.fds;
    this.args = new StringList(ctx.args);
    this.env = new StringList(ctx.env);
  }
  ctx;
  mem;
  fds;
  args;
  env;
}
export {
  StringList,
  WasiState
};
