// `l4wasm run`'s L4 options: native L4 tasks beside the program and the namespace they share with
// it (what an L4Re ned script sets up). Each --cap NAME is a channel (an IPC gate) unless --irq
// or --shm declares it; every --task gets every --cap; the guest sees them all as a client.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Machine } from '../guest/machine.js';
import type { L4Task } from '../guest/l4_task.js';
import { ThreadState } from '../kernel/kernel.js';
import { allStrings, type OptionTable, type OptionValues } from './args.js';

export const L4_OPTIONS: OptionTable = {
  task: {
    type: 'string', multiple: true, value: 'FILE',
    help: 'start FILE (.wasm or .c) as a native L4 task beside the program: only the L4 API,\nits output through a log capability to stderr; it gets every --cap',
  },
  'task-core': {
    type: 'boolean',
    help: 'run each --task on a core of its own (its code in a worker thread, its calls forwarded\nto the vCPU, as --decouple does for the program)',
  },
  cap: {
    type: 'string', multiple: true, value: 'NAME[:server]',
    help: 'a capability named NAME for the tasks (the program sees it too, as a client);\n:server lets the tasks serve it (bind the channel to their thread)',
  },
  irq: { type: 'string', multiple: true, value: 'NAME', help: 'make NAME an IRQ object (default: a channel)' },
  shm: { type: 'string', multiple: true, value: 'NAME:SIZE', help: 'make NAME a shared dataspace of SIZE bytes (K and M suffixes)' },
  proxy: {
    type: 'string', multiple: true, value: 'NAME:SIZE',
    help: 'make NAME a proxy: a shared dataspace of SIZE bytes with IRQs NAME.req and NAME.notify\nfor the task (--cap NAME:server), /dev/l4shm/NAME for the program',
  },
};

export interface L4RunConfig {
  tasks: string[];
  /** --task-core: the tasks run decoupled. */
  ownCore?: boolean;
  caps: { name: string; server: boolean }[];
  irqs: string[];
  shms: { name: string; size: number }[];
  proxies: { name: string; size: number }[];
}

/** The L4 part of run's arguments, or the problem. */
export function parseL4Args(v: OptionValues): L4RunConfig | string {
  const out: L4RunConfig = { tasks: [], caps: [], irqs: allStrings(v.irq), shms: [], proxies: [] };
  for (const t of allStrings(v.task)) {
    if (!existsSync(t)) return `--task ${t}: no such file`;
    out.tasks.push(t);
  }
  for (const c of allStrings(v.cap)) {
    const m = /^([^:]+)(:server)?$/.exec(c);
    if (!m) return `--cap ${c}: expected NAME or NAME:server`;
    out.caps.push({ name: m[1]!, server: m[2] !== undefined });
  }
  for (const [flag, list] of [['shm', out.shms], ['proxy', out.proxies]] as const) {
    for (const s of allStrings(v[flag])) {
      const m = /^([^:./]+):(\d+)([KkMm]?)$/.exec(s);
      if (!m) return `--${flag} ${s}: expected NAME:SIZE such as ring:64K`;
      const size = Number(m[2]) * (m[3] === '' ? 1 : m[3]!.toLowerCase() === 'k' ? 1024 : 1 << 20);
      if (size <= 0 || size > 1 << 30) return `--${flag} ${s}: a size from 1 byte to 1G`;
      list.push({ name: m[1]!, size });
    }
  }
  if (v['task-core'] === true) out.ownCore = true;
  if (out.tasks.length === 0 && out.caps.length > 0) return '--cap names capabilities for --task: give a --task';
  return out;
}

/**
 * Sets up the namespace and starts the tasks; their log goes to `log`. Returns the tasks, or the
 * problem (the machine is shut down by the caller).
 */
export async function startL4(machine: Machine, cfg: L4RunConfig, log: (t: string) => void,
  compile: (file: string) => Promise<string>): Promise<L4Task[] | string> {
  const declared = new Set<string>();
  for (const name of cfg.irqs) { machine.l4.irq(name); declared.add(name); }
  for (const s of cfg.shms) { machine.l4.dataspace(s.name, s.size); declared.add(s.name); }
  for (const p of cfg.proxies) { machine.l4.proxy(p.name, p.size); declared.add(p.name); }
  for (const c of cfg.caps) if (!declared.has(c.name) && machine.l4.get(c.name) === undefined) machine.l4.channel(c.name);
  const caps = Object.fromEntries(cfg.caps.map((c) => [c.name, { object: c.name, server: c.server }]));
  const tasks: L4Task[] = [];
  for (const file of cfg.tasks) {
    const wasm = file.endsWith('.c') ? await compile(file) : file;
    const decoder = new TextDecoder();
    try {
      tasks.push(await machine.startTask(wasm, {
        name: basename(file), caps, decouple: cfg.ownCore, onLog: (b) => log(decoder.decode(b, { stream: true })),
      }));
    } catch (e) {
      return `--task ${file}: ${(e as Error).message}`;
    }
  }
  // The program starts once each task serves (it bound a gate or IRQ) and, on the vCPU, waits for
  // its first message; or has ended.
  const k = machine.kernel;
  const waiting = (t: L4Task) => !t.ended && (!t.serving || (!cfg.ownCore && k.threadState(t.thread.id) !== ThreadState.BlockedOnReceive));
  for (let i = 0; i < 1000 && tasks.some(waiting); i++) {
    await new Promise((r) => setTimeout(r, 5));
  }
  return tasks;
}
