import { join } from "node:path";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { PACKAGE_ROOT } from "../toolchain/cc.js";
import { compileCached } from "../toolchain/compile_cache.js";
import { Machine } from "../guest/machine.js";
const say = (t) => process.stdout.write(t);
async function main() {
  const examples = join(PACKAGE_ROOT, "examples");
  const host = mkdtempSync(join(tmpdir(), "l4wasm-demo-"));
  mkdirSync(join(host, "notes"));
  writeFileSync(join(host, "notes", "todo.txt"), "write kernel\nwrite servers\nrun programs\n");
  writeFileSync(join(host, "readme.txt"), "a host directory, mounted read-only at /data\n");
  try {
    const steps = [
      { title: "hello: a C program, its arguments and its exit status", file: "hello.c", args: ["hello", "from", "the", "demo"] },
      { title: "romread: a boot module read through /rom (Ro_fs on a ROM dataspace of the root task)", file: "romread.c", args: ["romread", "motd"] },
      { title: "fswalk: build, walk and remove a tree in /tmp (tmpfs)", file: "fswalk.c", args: ["fswalk", "/tmp"] },
      { title: "ls -R: a host directory mounted read-only at /data (hostfs)", file: "ls.c", args: ["ls", "/data"] },
      { title: "wc: standard input from the host", file: "wc.c", args: ["wc"], stdin: "one two three\nfour five\n" }
    ];
    const wasm = [];
    for (const [i, s] of steps.entries()) {
      say(`[${i + 1}/${steps.length}] compiling examples/${s.file} ...
`);
      wasm.push(await compileCached(join(examples, s.file)));
    }
    const machine = await Machine.boot({
      mounts: [{ host, guest: "/data", readOnly: true }],
      roms: [{ name: "motd", data: "Welcome to l4wasm.\nThis text is a boot module, served as a read-only dataspace.\n" }],
      onProgress: (t) => say(t)
    });
    for (const [i, s] of steps.entries()) {
      say(`
== ${s.title}
$ ${s.args.join(" ")}
`);
      const p = machine.spawn(wasm[i], { args: s.args, stdin: s.stdin ?? "", name: `examples/${s.file}` });
      const status = await p.exit;
      say(p.stdout + p.stderr);
      say(`(exit status ${status.code})
`);
    }
    await machine.shutdown();
    return 0;
  } finally {
    rmSync(host, { recursive: true, force: true });
  }
}
process.exitCode = await main();
