import { existsSync } from "node:fs";
import { basename } from "node:path";
import { ThreadState } from "../kernel/kernel.js";
import { allStrings } from "./args.js";
const L4_OPTIONS = {
  task: {
    type: "string",
    multiple: true,
    value: "FILE",
    help: "start FILE (.wasm or .c) as a native L4 task beside the program: only the L4 API,\nits output through a log capability to stderr; it gets every --cap"
  },
  "task-core": {
    type: "boolean",
    help: "run each --task on a core of its own (its code in a worker thread, its calls forwarded\nto the vCPU, as --decouple does for the program)"
  },
  cap: {
    type: "string",
    multiple: true,
    value: "NAME[:server]",
    help: "a capability named NAME for the tasks (the program sees it too, as a client);\n:server lets the tasks serve it (bind the channel to their thread)"
  },
  irq: { type: "string", multiple: true, value: "NAME", help: "make NAME an IRQ object (default: a channel)" },
  shm: { type: "string", multiple: true, value: "NAME:SIZE", help: "make NAME a shared dataspace of SIZE bytes (K and M suffixes)" },
  proxy: {
    type: "string",
    multiple: true,
    value: "NAME:SIZE",
    help: "make NAME a proxy: a shared dataspace of SIZE bytes with IRQs NAME.req and NAME.notify\nfor the task (--cap NAME:server), /dev/l4shm/NAME for the program"
  }
};
function parseL4Args(v) {
  const out = { tasks: [], caps: [], irqs: allStrings(v.irq), shms: [], proxies: [] };
  for (const t of allStrings(v.task)) {
    if (!existsSync(t)) return `--task ${t}: no such file`;
    out.tasks.push(t);
  }
  for (const c of allStrings(v.cap)) {
    const m = /^([^:]+)(:server)?$/.exec(c);
    if (!m) return `--cap ${c}: expected NAME or NAME:server`;
    out.caps.push({ name: m[1], server: m[2] !== void 0 });
  }
  for (const [flag, list] of [["shm", out.shms], ["proxy", out.proxies]]) {
    for (const s of allStrings(v[flag])) {
      const m = /^([^:./]+):(\d+)([KkMm]?)$/.exec(s);
      if (!m) return `--${flag} ${s}: expected NAME:SIZE such as ring:64K`;
      const size = Number(m[2]) * (m[3] === "" ? 1 : m[3].toLowerCase() === "k" ? 1024 : 1 << 20);
      if (size <= 0 || size > 1 << 30) return `--${flag} ${s}: a size from 1 byte to 1G`;
      list.push({ name: m[1], size });
    }
  }
  if (v["task-core"] === true) out.ownCore = true;
  if (out.tasks.length === 0 && out.caps.length > 0) return "--cap names capabilities for --task: give a --task";
  return out;
}
async function startL4(machine, cfg, log, compile) {
  const declared = /* @__PURE__ */ new Set();
  for (const name of cfg.irqs) {
    machine.l4.irq(name);
    declared.add(name);
  }
  for (const s of cfg.shms) {
    machine.l4.dataspace(s.name, s.size);
    declared.add(s.name);
  }
  for (const p of cfg.proxies) {
    machine.l4.proxy(p.name, p.size);
    declared.add(p.name);
  }
  for (const c of cfg.caps) if (!declared.has(c.name) && machine.l4.get(c.name) === void 0) machine.l4.channel(c.name);
  const caps = Object.fromEntries(cfg.caps.map((c) => [c.name, { object: c.name, server: c.server }]));
  const tasks = [];
  for (const file of cfg.tasks) {
    const wasm = file.endsWith(".c") ? await compile(file) : file;
    const decoder = new TextDecoder();
    try {
      tasks.push(await machine.startTask(wasm, {
        name: basename(file),
        caps,
        decouple: cfg.ownCore,
        onLog: (b) => log(decoder.decode(b, { stream: true }))
      }));
    } catch (e) {
      return `--task ${file}: ${e.message}`;
    }
  }
  const k = machine.kernel;
  const waiting = (t) => !t.ended && (!t.serving || !cfg.ownCore && k.threadState(t.thread.id) !== ThreadState.BlockedOnReceive);
  for (let i = 0; i < 1e3 && tasks.some(waiting); i++) {
    await new Promise((r) => setTimeout(r, 5));
  }
  return tasks;
}
export {
  L4_OPTIONS,
  parseL4Args,
  startL4
};
