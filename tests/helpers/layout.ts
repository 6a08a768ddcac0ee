// Host directories for a program case (see Layout in cases.ts), and what they must look like
// after the run.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Case, ROM_TEXT, SECRET } from './cases.js';

export interface HostLayout {
  /** A temporary host directory owning everything below. */
  root: string;
  /** The host directory the guest sees at `guest` (undefined for 'none'). */
  mounted?: string;
  /** Its guest path: /sandbox, /rom or /tmp. */
  guest?: string;
  /** The listing of `mounted` before the run (sorted), to compare with afterwards. */
  before: string[];
  remove(): void;
}

export function makeHostLayout(c: Case): HostLayout {
  const root = mkdtempSync(join(tmpdir(), `l4wasm-${c.name}-`));
  const remove = () => rmSync(root, { recursive: true, force: true });
  let mounted: string | undefined;
  let guest: string | undefined;
  switch (c.layout) {
    case 'sandbox':
    case 'escape':
      mounted = join(root, 'mnt');
      guest = '/sandbox';
      break;
    case 'rom':
      mounted = join(root, 'rom');
      guest = '/rom';
      break;
    case 'tmp':
      mounted = join(root, 'tmp');
      guest = '/tmp';
      break;
    case 'none':
      break;
  }
  if (mounted !== undefined) {
    mkdirSync(mounted);
    c.tree?.(mounted);
    if (c.layout === 'rom') writeFileSync(join(mounted, 'hello.txt'), ROM_TEXT);
  }
  return { root, mounted, guest, before: mounted === undefined ? [] : listTree(mounted), remove };
}

/** Every path below `dir`, relative and sorted, directories marked with a trailing '/'. */
export function listTree(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(`${rel}/`, ...listTree(dir, rel));
    else out.push(rel);
  }
  return out.sort();
}

/** What the escape layout's host side must still be: the secret untouched, nothing added beside it. */
export function checkEscapeHost(layout: HostLayout): string[] {
  const problems: string[] = [];
  const beside = readdirSync(layout.root).sort();
  if (JSON.stringify(beside) !== JSON.stringify(['mnt', 'secret.txt'])) problems.push(`host files beside the mount: ${beside.join(' ')}`);
  if (readFileSync(join(layout.root, 'secret.txt'), 'utf8') !== SECRET) problems.push('secret.txt changed');
  return problems;
}
