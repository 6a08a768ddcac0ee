import { family, L4POSIX } from "./spec.js";
import { l4Calls as impls } from "../l4posix_l4.js";
const l4Family = family("l4", L4POSIX, impls, {
  l4_ipc: ["op:int cap:int utcb:ptr tag:int timeout:int"],
  l4_cap_get: ["name:ptr len:len", { suspends: false }],
  l4_env: ["env:ptr", { suspends: false }],
  l4_bind: ["ep:int thread:int label:int", { suspends: false }],
  l4_irq_trigger: ["irq:int", { suspends: false }],
  l4_ma_alloc: ["size:len out:ptr flags:int", { suspends: false }],
  l4_ma_free: ["ds:int", { suspends: false }],
  l4_ds_size: ["ds:int", { suspends: false }],
  l4_rm_attach: ["start:ptr size:len flags:int ds:int offset:int align:int", { suspends: false }],
  l4_rm_detach: ["addr:ptr", { suspends: false }]
});
export {
  l4Family
};
