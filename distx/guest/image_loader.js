import { resolve } from "node:path";
import { isCallBoundary, providedSignature } from "../libc/syscalls/index.js";
import { loadFromCache, loadProgram, LoadError } from "./program.js";
import { fileIdentity, readProgramHead, sha256 } from "./program_file.js";
import { phase } from "./start_phases.js";
const IMAGE_CACHE = 8;
class ImageLoader {
  constructor(options, signal, provided) {
    this.options = options;
    this.signal = signal;
    this.provided = provided;
  }
  options;
  signal;
  provided;
  /** Images of the programs spawned through the API, by way of running and content. */
  loaded = /* @__PURE__ */ new Map();
  /**
   * Program files read to be installed (by spawn), kept for the load of the same file that
   * follows (once): a start reads its program once, not once to install and again to load it.
   */
  readEarly = /* @__PURE__ */ new Map();
  /** Loads from the cache begun by preload, by key, until the spawn that takes them. */
  preloaded = /* @__PURE__ */ new Map();
  /**
   * The image of a program, loaded once per content (and way of running): spawning the same
   * program again reuses its compiled module. The few most recently used stay cached.
   */
  loadCached(program, name, mode, provided = this.provided) {
    if (provided !== this.provided) return this.load(program, name, mode, provided);
    let file;
    if (typeof program === "string") {
      try {
        file = this.readProgram(program);
      } catch (e) {
        return Promise.reject(new LoadError(`${name}: cannot read program: ${e.message}`));
      }
    } else {
      file = { bytes: program };
    }
    phase("read");
    const key = this.keyOf(file, mode);
    phase("key");
    let loading = this.loaded.get(key);
    if (loading !== void 0) {
      this.loaded.delete(key);
      this.loaded.set(key, loading);
    } else {
      const early = this.preloaded.get(key);
      this.preloaded.delete(key);
      const p = early === void 0 ? this.load(file, name, mode) : early.then((image) => image ?? this.load(file, name, mode));
      loading = p;
      this.loaded.set(key, p);
      p.then(
        (image) => {
          if (image.provisional && this.loaded.get(key) === p) this.loaded.delete(key);
        },
        () => {
          if (this.loaded.get(key) === p) this.loaded.delete(key);
        }
      );
      while (this.loaded.size > IMAGE_CACHE) this.loaded.delete(this.loaded.keys().next().value);
    }
    return loading.then((image) => image.name === name ? image : { ...image, name });
  }
  /**
   * Starts loading the host program `path` as spawn(path) will (the machine's mode) when the
   * preparation cache can serve it from the file's head, so that its spawn finds it loaded or
   * loading (held until then); otherwise nothing: that spawn loads it, and reports what fails.
   */
  preload(path) {
    let file;
    try {
      file = readProgramHead(resolve(path));
    } catch {
      return;
    }
    if (!("head" in file)) return;
    const load = loadFromCache(file, path, this.provided, isCallBoundary, this.loadOptions(path)).catch(() => void 0);
    this.preloaded.set(this.keyOf(file), load);
  }
  /** A file that held still is known by its identity; bytes (or a file being written) by content. */
  keyOf(file, mode) {
    return `${mode ?? this.options.mode ?? "auto"}:${file.id !== void 0 ? `file ${file.id}` : sha256(file.bytes)}`;
  }
  /**
   * Keeps what was read of `path` for the load that follows at once (spawn loads synchronously);
   * only until the event loop turns, so programs installed but never spawned are not held.
   */
  keepRead(path, file) {
    if (file.id === void 0) return;
    if (this.readEarly.size === 0) setImmediate(() => this.readEarly.clear()).unref();
    this.readEarly.set(resolve(path), file);
  }
  /** A host program file: as read to install it, if it is still that file, else read now. */
  readProgram(path) {
    const abs = resolve(path);
    const early = this.readEarly.get(abs);
    if (early !== void 0) {
      this.readEarly.delete(abs);
      if (fileIdentity(abs) === early.id) return early;
    }
    return readProgramHead(abs);
  }
  /** Loads a program afresh (not shared). */
  load(program, name, mode, provided = this.provided) {
    return loadProgram(program, name, provided, isCallBoundary, this.loadOptions(name, mode, provided));
  }
  loadOptions(name, mode, provided = this.provided) {
    const o = this.options;
    return {
      mode: mode ?? o.mode,
      // The calls l4wasm implements take the table's signature; a module the embedder adds to is
      // the embedder's to check.
      signatureOf: (m, n) => provided[m] === this.provided[m] ? providedSignature(m, n) : void 0,
      prepareBudgetBytes: o.prepareBudgetBytes,
      prepareTimeBudget: o.prepareTimeBudget,
      prepareMemoryBudget: o.prepareMemoryBudget,
      prepareInBackground: o.prepareInBackground,
      onPrepareProgress: o.onPrepareProgress && ((p) => o.onPrepareProgress?.({ ...p, program: name })),
      signal: this.signal,
      onTransform: () => o.onProgress?.(`l4wasm: preparing ${name} for suspension (asyncify, cached afterwards)
`),
      onNotice: (line) => o.onProgress?.(line)
    };
  }
}
export {
  IMAGE_CACHE,
  ImageLoader
};
