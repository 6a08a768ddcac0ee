export declare const SQLITE_DIR: string;
export declare const SHELL_SOURCE: string;
/** The program written by `npm run build:sqlite`. */
export declare const SQLITE_WASM: string;
/** Which C library the program is built for. */
export type SqliteTarget = 'l4wasm' | 'wasi';
/**
 * better-sqlite3's defines where they change behaviour or speed (deps/defines.gypi), so that the
 * native anchor and the wasm builds run the same SQLite; without threads and extension loading.
 */
export declare const SQLITE_DEFINES: string[];
/** The amalgamation's directory (sqlite3.c, sqlite3.h) in the installed better-sqlite3. */
export declare function amalgamationDir(): string;
/**
 * The SQLite shell for `target`, built (or found in the cache): the path of the wasm program.
 * `log` hears about each compile that actually runs.
 */
export declare function buildSqlite(target?: SqliteTarget, log?: (line: string) => void): Promise<string>;
