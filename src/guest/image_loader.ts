// A machine's program images by way of running and content: a program spawned again reuses its
// compiled module; a host file that held still is known by its identity (its head read only, when
// the cache holds its prepared module). A program about to be spawned can be preloaded while the
// machine boots: its prepared module is read and compiled (on V8's background threads) meanwhile.
// Only that: a program the cache cannot serve so (its first run, a decoupled one) is loaded by its
// spawn, after the boot, as the boot's own compile would otherwise wait behind its compile.
import { resolve } from 'node:path';
import { isCallBoundary, providedSignature } from '../libc/syscalls/index.js';
import { loadFromCache, loadProgram, LoadError, type ExecutionMode, type LoadOptions, type ProgramImage } from './program.js';
import type { PrepareProgress } from './asyncify.js';
import { fileIdentity, readProgramHead, sha256, type ProgramFile, type ProgramHead } from './program_file.js';
import { phase } from './start_phases.js';

/** What the loads take from the machine's options. */
export interface ImageLoaderOptions {
  mode?: ExecutionMode;
  prepareBudgetBytes?: number;
  prepareTimeBudget?: number;
  prepareMemoryBudget?: number;
  prepareInBackground?: boolean;
  onPrepareProgress?: (progress: PrepareProgress & { program: string }) => void;
  onProgress?: (line: string) => void;
}

/** Program images kept compiled for the next spawn of the same program (per cache). */
export const IMAGE_CACHE = 8;

export class ImageLoader {
  /** Images of the programs spawned through the API, by way of running and content. */
  private readonly loaded = new Map<string, Promise<ProgramImage>>();
  /**
   * Program files read to be installed (by spawn), kept for the load of the same file that
   * follows (once): a start reads its program once, not once to install and again to load it.
   */
  private readonly readEarly = new Map<string, ProgramFile>();
  /** Loads from the cache begun by preload, by key, until the spawn that takes them. */
  private readonly preloaded = new Map<string, Promise<ProgramImage | undefined>>();

  constructor(
    private readonly options: ImageLoaderOptions,
    /** Aborted at shutdown: stops the preparations still running in their workers. */
    private readonly signal: AbortSignal,
    readonly provided: Record<string, ReadonlySet<string>>,
  ) {}

  /**
   * The image of a program, loaded once per content (and way of running): spawning the same
   * program again reuses its compiled module. The few most recently used stay cached.
   */
  loadCached(program: string | Uint8Array, name: string, mode?: ExecutionMode, provided = this.provided): Promise<ProgramImage> {
    // Programs given imports of their own are checked against them: not shared.
    if (provided !== this.provided) return this.load(program, name, mode, provided);
    let file: ProgramFile | ProgramHead;
    if (typeof program === 'string') {
      try { file = this.readProgram(program); } catch (e) {
        return Promise.reject(new LoadError(`${name}: cannot read program: ${(e as Error).message}`));
      }
    } else {
      file = { bytes: program };
    }
    phase('read');
    const key = this.keyOf(file, mode);
    phase('key');
    let loading = this.loaded.get(key);
    if (loading !== undefined) {
      this.loaded.delete(key); // most recently used last
      this.loaded.set(key, loading);
    } else {
      const early = this.preloaded.get(key);
      this.preloaded.delete(key);
      const p = early === undefined ? this.load(file, name, mode) : early.then((image) => image ?? this.load(file, name, mode));
      loading = p;
      this.loaded.set(key, p);
      // Not kept when it failed, nor when it runs decoupled only until its preparation is cached:
      // the next spawn loads again, prepared once that is done (or starts the preparation).
      p.then((image) => { if (image.provisional && this.loaded.get(key) === p) this.loaded.delete(key); },
        () => { if (this.loaded.get(key) === p) this.loaded.delete(key); });
      while (this.loaded.size > IMAGE_CACHE) this.loaded.delete(this.loaded.keys().next().value!);
    }
    return loading.then((image) => (image.name === name ? image : { ...image, name }));
  }

  /**
   * Starts loading the host program `path` as spawn(path) will (the machine's mode) when the
   * preparation cache can serve it from the file's head, so that its spawn finds it loaded or
   * loading (held until then); otherwise nothing: that spawn loads it, and reports what fails.
   */
  preload(path: string): void {
    let file: ProgramFile | ProgramHead;
    try { file = readProgramHead(resolve(path)); } catch { return; /* the spawn reports it */ }
    if (!('head' in file)) return; // changed moments ago: read and hashed whole by the spawn
    const load = loadFromCache(file, path, this.provided, isCallBoundary, this.loadOptions(path)).catch(() => undefined);
    this.preloaded.set(this.keyOf(file), load);
  }

  /** A file that held still is known by its identity; bytes (or a file being written) by content. */
  private keyOf(file: ProgramFile | ProgramHead, mode?: ExecutionMode): string {
    return `${mode ?? this.options.mode ?? 'auto'}:${file.id !== undefined ? `file ${file.id}` : sha256((file as ProgramFile).bytes)}`;
  }

  /**
   * Keeps what was read of `path` for the load that follows at once (spawn loads synchronously);
   * only until the event loop turns, so programs installed but never spawned are not held.
   */
  keepRead(path: string, file: ProgramFile): void {
    if (file.id === undefined) return;
    if (this.readEarly.size === 0) setImmediate(() => this.readEarly.clear()).unref();
    this.readEarly.set(resolve(path), file);
  }

  /** A host program file: as read to install it, if it is still that file, else read now. */
  private readProgram(path: string): ProgramFile | ProgramHead {
    const abs = resolve(path);
    const early = this.readEarly.get(abs);
    if (early !== undefined) {
      this.readEarly.delete(abs);
      if (fileIdentity(abs) === early.id) return early;
    }
    // Its head, if it is settled: a prepared module in the cache then needs nothing more of it.
    return readProgramHead(abs);
  }

  /** Loads a program afresh (not shared). */
  load(program: string | Uint8Array | ProgramFile | ProgramHead, name: string, mode?: ExecutionMode, provided = this.provided): Promise<ProgramImage> {
    return loadProgram(program, name, provided, isCallBoundary, this.loadOptions(name, mode, provided));
  }

  private loadOptions(name: string, mode?: ExecutionMode, provided = this.provided): LoadOptions {
    const o = this.options;
    return {
      mode: mode ?? o.mode,
      // The calls l4wasm implements take the table's signature; a module the embedder adds to is
      // the embedder's to check.
      signatureOf: (m, n) => (provided[m] === this.provided[m] ? providedSignature(m, n) : undefined),
      prepareBudgetBytes: o.prepareBudgetBytes,
      prepareTimeBudget: o.prepareTimeBudget,
      prepareMemoryBudget: o.prepareMemoryBudget,
      prepareInBackground: o.prepareInBackground,
      onPrepareProgress: o.onPrepareProgress && ((p) => o.onPrepareProgress?.({ ...p, program: name })),
      signal: this.signal,
      onTransform: () => o.onProgress?.(`l4wasm: preparing ${name} for suspension (asyncify, cached afterwards)\n`),
      onNotice: (line) => o.onProgress?.(line),
    };
  }
}
