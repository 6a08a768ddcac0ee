// The mmap family (mmap, munmap, mprotect, msync, madvise) through tests/posix/fixtures/mem.c:
// anonymous and file mappings, ROM dataspaces, MAP_FIXED, reuse of freed ranges, malloc beside
// mappings, RLIMIT_AS, and the task's region map as the kernel holds it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Machine } from '../../src/index.js';
import { build, lines, readGuest, run } from './run.js';

let mem: string;
beforeAll(async () => { mem = await build('tests/posix/fixtures/mem.c'); }, 120_000);

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('mmap', () => {
  it('maps zeroed anonymous memory and refuses bad arguments as Linux does', async () => {
    const r = await run(mem, ['anon']);
    expect(r.stdout).toBe(lines(
      'mmap anonymous: ok', 'page aligned: ok', 'zeroed: ok', 'writable to the page end: ok', 'munmap: ok',
      'a new mapping is zeroed again: ok', 'length 0: EINVAL', 'neither shared nor private: EINVAL',
      'unaligned offset: EINVAL', 'unknown prot bits: EINVAL', 'MAP_FIXED unaligned: EINVAL',
      'no fd without MAP_ANONYMOUS: EBADF', 'too large for the address space: ENOMEM',
      'larger than what is left: ENOMEM', 'shared anonymous: ok'));
    expect(r.code).toBe(0);
  });

  it('maps a file privately: a copy, zero past the end; EACCES, ENODEV, EBADF for unfit descriptors', async () => {
    const r = await run(mem, ['file']);
    expect(r.stdout).toBe(lines(
      'mmap private file: ok', 'file contents copied in: ok', 'zero past the end of the file: ok',
      'private writes stay private: ok', 'munmap: ok', 'still after munmap: ok', 'mmap at a file offset: ok',
      'contents from the offset: ok', 'private writable mapping of a read-only descriptor: ok',
      'descriptor not open for reading: EACCES', 'a directory: ENODEV', 'a pipe: ENODEV',
      'a closed descriptor: EBADF'));
  });

  const sharedOutput = lines(
    'mmap shared: ok', 'msync: ok', 'file after msync: HELLO, world', 'munmap after close: ok',
    'file after munmap: 13 bytes: HELLO, WORLD', 'shared writable on a read-only descriptor: EACCES',
    'shared read-only on a read-only descriptor: ok', 'mprotect it writable: EACCES',
    'shared writable on an O_APPEND descriptor: EACCES', 'two mappings written back in turn: ok',
    'exit with a shared mapping (the test reads the file)');

  it('writes MAP_SHARED tmpfs mappings back on msync, munmap and exit', async () => {
    let after: string | undefined;
    const r = await run(mem, ['shared'], { inspect: (m) => { after = readGuest(m, '/tmp/shared.txt'); } });
    expect(r.stdout).toBe(sharedOutput);
    expect(after).toBe('Z2LLO, WORLD\n');
  });

  it('writes MAP_SHARED hostfs mappings back to the host file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4wasm-mmap-'));
    try {
      const r = await run(mem, ['shared', '/host'], { mounts: [{ host: dir, guest: '/host' }] });
      expect(r.stdout).toBe(sharedOutput);
      expect(readFileSync(join(dir, 'shared.txt'), 'utf8')).toBe('Z2LLO, WORLD\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('maps ROM files from their read-only dataspace; a shared writable mapping is EACCES', async () => {
    const r = await run(mem, ['rom'], { roms: [{ name: 'motd', data: 'hello from ROM, the motd\n' }] });
    expect(r.stdout).toBe(lines(
      'mmap a ROM file: ok', 'contents: hello from ROM, ', 'shared writable: EACCES', 'shared read-only: ok',
      'private writable (a copy): ok', 'the copy changes, not the ROM: ok', 'madvise DONTNEED re-reads the ROM: ok',
      'restored: ok', 'munmap: ok', 'O_RDWR on /rom: EROFS'));
  });

  it('places MAP_FIXED mappings exactly, replacing mappings but never the heap', async () => {
    const r = await run(mem, ['fixed']);
    expect(r.stdout).toBe(lines(
      'MAP_FIXED takes the address: ok', 'and replaces what was there: ok', 'MAP_FIXED_NOREPLACE over a mapping: EEXIST',
      'MAP_FIXED_NOREPLACE on a free page: ok', 'MAP_FIXED over the heap: EINVAL',
      'MAP_FIXED_NOREPLACE over the heap: EEXIST', 'MAP_FIXED beyond the end of memory grows it: ok',
      'a free hint is taken: ok', 'a busy hint is not: ok'));
  });

  it('keeps malloc working beside mappings: no overlap, contents intact', async () => {
    const r = await run(mem, ['heap']);
    expect(r.stdout).toBe(lines('malloc and mmap never overlap: ok', 'both keep their contents: ok', 'malloc after unmapping works: ok'));
  });

  it('gives ENOMEM beyond RLIMIT_AS', async () => {
    const r = await run(mem, ['limit']);
    expect(r.stdout).toBe(lines('RLIMIT_AS unlimited: ok', 'setrlimit RLIMIT_AS: ok', 'mmap beyond RLIMIT_AS: ENOMEM', 'mmap within RLIMIT_AS: ok'));
  });

  it('gives all memory back at exit', async () => {
    const m = await Machine.boot();
    try {
      const p = m.spawn(mem, { args: ['mem', 'shared'] });
      expect((await p.exit).code).toBe(0);
      expect(m.rootTask.allocated).toBe(0);
    } finally {
      await m.shutdown();
    }
  });
});

describe('munmap', () => {
  it('splits a mapping, reuses the freed range, and refuses unaligned or empty ranges', async () => {
    const r = await run(mem, ['split']);
    expect(r.stdout).toBe(lines(
      'munmap the middle page: ok', 'first page kept: ok', 'last page kept: ok', 'the freed page is reused: ok',
      'and zeroed: ok', 'munmap across all three: ok', 'the whole range is free again: ok',
      'munmap unaligned: EINVAL', 'munmap length 0: EINVAL', 'munmap of unmapped pages: ok', 'munmap again: ok'));
  });

  it('lets a map/unmap loop run without the memory growing', async () => {
    const r = await run(mem, ['reuse']);
    expect(r.stdout).toBe(lines(
      '2000 map/unmap cycles reuse one range: ok', 'memory grew once, for the first: ok', 'memory grown: 256 KiB'));
  });

  it('splits the region in the kernel region map: two regions share the dataspace (refcount 2)', async () => {
    const m = await Machine.boot();
    try {
      const p = m.spawn(mem, { args: ['mem', 'regions'], stdin: 'pipe' });
      for (let i = 0; i < 200 && !p.stdout.includes('ready'); i++) await tick(10);
      const [, a, f] = /ready (\d+) (\d+)/.exec(p.stdout)!.map(Number);
      const proc = p.process!;
      const k = m.kernel;
      const first = k.lookupRegion(proc.task.id, a!)!;
      const last = k.lookupRegion(proc.task.id, a! + 2 * 4096)!;
      expect(first).toMatchObject({ start: a, size: 4096, offset: 0 });
      expect(last).toMatchObject({ start: a! + 8192, size: 4096, offset: 8192, ds: first.ds });
      expect(k.lookupRegion(proc.task.id, a! + 4096)).toBeUndefined();
      expect(k.dataspaceRefs(first.ds)).toBe(2);
      const file = k.lookupRegion(proc.task.id, f!)!;
      expect(file.ds).not.toBe(first.ds);
      expect(proc.addressSpace.protection(a!)).toBe(3);
      // The mappings lie in an mmap area, apart from the heap the program grew itself.
      const areas = proc.addressSpace.mmapAreas();
      expect(areas.some((r) => r.start <= a! && a! + 3 * 4096 <= r.end)).toBe(true);
      for (const h of proc.memoryRegions()) expect(h.start + h.size <= a! || h.start >= a! + 3 * 4096).toBe(true);
      p.end();
      expect((await p.exit).code).toBe(0);
      expect(p.stdout).toMatch(/done\n$/);
      expect(k.dataspaceRefs(first.ds)).toBe(0);
      expect(m.rootTask.allocated).toBe(0);
    } finally {
      await m.shutdown();
    }
  });
});

describe('mprotect', () => {
  it('records protections of mapped ranges; EINVAL, ENOMEM, EACCES as Linux', async () => {
    const r = await run(mem, ['protect']);
    expect(r.stdout).toBe(lines(
      'mprotect read-only: ok', 'mprotect none: ok', 'mprotect back to read-write: ok', 'mprotect length 0: ok',
      'mprotect unaligned: EINVAL', 'mprotect unknown bits: EINVAL', 'mprotect partly unmapped: ENOMEM',
      'mprotect heap memory: ok', 'mprotect past the end of memory: ENOMEM'));
  });
});

describe('msync', () => {
  it('writes shared mappings back; EINVAL for bad flags or address, ENOMEM for unmapped pages', async () => {
    const r = await run(mem, ['sync']);
    expect(r.stdout).toBe(lines(
      'msync MS_ASYNC: ok', 'written back: ok', 'msync MS_INVALIDATE: ok', 'msync both MS_SYNC and MS_ASYNC: EINVAL',
      'msync unknown flag: EINVAL', 'msync unaligned: EINVAL', 'msync unmapped: ENOMEM', 'msync anonymous: ok'));
  });
});

describe('madvise', () => {
  it('MADV_DONTNEED reads anonymous pages as zero and file pages afresh; EINVAL, ENOMEM', async () => {
    const r = await run(mem, ['advise']);
    expect(r.stdout).toBe(lines(
      'madvise WILLNEED: ok', 'contents kept: ok', 'madvise DONTNEED: ok', 'anonymous pages read as zero: ok',
      'madvise DONTNEED private file: ok', 're-read from the file: ok', 'madvise unknown advice: EINVAL',
      'madvise unaligned: EINVAL', 'madvise unmapped: ENOMEM', 'posix_madvise unmapped: ENOMEM', 'posix_madvise: ok',
      'mlock: ok', 'munlock: ok'));
  });
});

