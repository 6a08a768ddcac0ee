// What the host-side race tests share: a host process (a .mjs script) that changes the mounted
// directory while the guest works in it, and a snapshot of a host tree to prove nothing outside
// the mount changed.
import { spawn, type ChildProcess } from 'node:child_process';
import * as nodefs from 'node:fs';
import * as nodepath from 'node:path';
import { expect } from 'vitest';

let running: ChildProcess | undefined;

/** Kills the actor a test left running (call from afterEach). */
export function killHostActor(): void {
  running?.kill('SIGKILL');
  running = undefined;
}

/**
 * Starts `script` with `args` and resolves once it prints "ready"; the function it resolves to
 * stops it (by creating `stop`) and gives its "swaps N" count.
 */
export async function startHostActor(script: string, args: readonly string[], stop: string): Promise<() => Promise<number>> {
  const proc = spawn(process.execPath, [script, ...args, stop], { stdio: ['ignore', 'pipe', 'pipe'] });
  running = proc;
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((res) => proc.on('exit', (code) => res(code)));
  proc.stderr!.on('data', (b: Buffer) => { stderr += b.toString(); });
  await new Promise<void>((res, rej) => {
    proc.stdout!.on('data', (b: Buffer) => {
      stdout += b.toString();
      if (stdout.includes('ready\n')) res();
    });
    void exited.then((code) => rej(new Error(`${nodepath.basename(script)} exited with ${code} before swapping: ${stderr}`)));
  });
  return async () => {
    nodefs.writeFileSync(stop, '');
    const code = await exited;
    expect(code, stderr).toBe(0);
    const m = /swaps (\d+)/.exec(stdout);
    expect(m, stdout + stderr).not.toBeNull();
    return Number(m![1]);
  };
}

/** Every entry below `dir`: type, mode, size, times, inode, contents or link target. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (rel: string): void => {
    const p = nodepath.join(dir, rel);
    const s = nodefs.lstatSync(p, { bigint: true });
    let what: string;
    if (s.isSymbolicLink()) what = `link -> ${nodefs.readlinkSync(p)}`;
    else if (s.isDirectory()) what = `dir [${nodefs.readdirSync(p).sort().join(',')}]`;
    else what = `file ${nodefs.readFileSync(p, 'utf8')}`;
    out[rel] = `${what} mode=${s.mode.toString(8)} size=${s.size} mtime=${s.mtimeNs} ctime=${s.ctimeNs} ino=${s.ino}`;
    if (s.isDirectory()) for (const name of nodefs.readdirSync(p)) visit(rel === '.' ? name : `${rel}/${name}`);
  };
  visit('.');
  return out;
}
