/**
 * The workload for `rows` orders (and rows/10 customers), inserted one INSERT each in
 * transactions of `batch` rows. One statement per line; no triggers (statements end at ';').
 */
export declare function workloadScript(rows: number, batch?: number): string;
interface NativeStatement {
    reader: boolean;
    raw(on: boolean): NativeStatement;
    safeIntegers(on: boolean): NativeStatement;
    pluck(on?: boolean): NativeStatement;
    all(...params: unknown[]): unknown[];
    get(...params: unknown[]): unknown;
    run(): unknown;
}
export interface NativeDatabase {
    prepare(sql: string): NativeStatement;
    pragma(sql: string): unknown;
    close(): void;
}
/** better-sqlite3's Database class (a dev dependency: the native anchor). */
export declare function nativeSqlite(): new (path: string) => NativeDatabase;
/**
 * Runs `script` (statements ending at a line's ';', dot-command lines skipped) on the database
 * at `path` with native SQLite; returns what the shell would print. Values are printed as
 * sqlite3_column_text prints them: REALs are converted by SQLite itself (CAST AS TEXT).
 */
export declare function runNative(path: string, script: string): string;
export {};
