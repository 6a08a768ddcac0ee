export declare class WasmFormatError extends Error {
}
/** A cursor over a module's bytes: LEB128 numbers, names, value types, instruction immediates. */
export declare class Reader {
    readonly bytes: Uint8Array;
    p: number;
    constructor(bytes: Uint8Array, p?: number);
    get done(): boolean;
    byte(): number;
    /** Unsigned LEB128, up to 2^53 (enough for any index, size or offset). */
    u32(): number;
    /** Skips a signed or unsigned LEB128 of any width. */
    skipLeb(): void;
    name(): string;
    /** A value type: one byte, or a (ref null? heaptype) pair. Returns the leading byte. */
    valtype(): number;
    /** A block type: empty, a value type, or a type index (s33). */
    blocktype(): void;
    memarg(): void;
}
export interface Section {
    id: number;
    /** Offset of the section's contents (after id and size). */
    start: number;
    end: number;
    /** For custom sections (id 0): the name. */
    name?: string;
}
/** The sections of a module, in order; checks magic and version. */
export declare function sections(bytes: Uint8Array): Section[];
/** What an instruction does to function indices, for the rewriters. */
export declare const enum FuncRef {
    None = 0,
    Call = 1,
    RefFunc = 2
}
/**
 * Reads one instruction at r.p and skips its immediates. Returns the opcode (prefixed opcodes as
 * prefix << 24 | sub). Throws WasmFormatError for instructions outside the proposals l4wasm knows.
 */
export declare function skipInstruction(r: Reader): number;
/** Appends bytes to a growing buffer; numbers as LEB128. */
export declare class Writer {
    private buf;
    length: number;
    private room;
    byte(b: number): this;
    bytes(b: Uint8Array): this;
    u32(v: number): this;
    s32(v: number): this;
    name(s: string): this;
    /** A section: id, size, contents. */
    section(id: number, contents: Uint8Array): this;
    finish(): Uint8Array;
}
/** Counts of what a module imports, by kind. */
export interface ImportCounts {
    funcs: number;
    tables: number;
    memories: number;
    globals: number;
    tags: number;
}
/** Skips an import's description of `kind` (0 func, 1 table, 2 memory, 3 global, 4 tag). */
export declare function skipImportDesc(r: Reader, kind: number): void;
export declare function countImports(bytes: Uint8Array, secs?: readonly Section[]): ImportCounts;
declare const KINDS: readonly ["function", "table", "memory", "global", "tag"];
/**
 * A module's imports and exports as WebAssembly.Module.imports/exports give them, read from the
 * binary without compiling it (a 75 MB module takes most of a second to compile). Throws
 * WasmFormatError on a malformed import or export section; nothing else is validated.
 */
export declare function moduleInterface(bytes: Uint8Array): {
    imports: {
        module: string;
        name: string;
        kind: (typeof KINDS)[number];
    }[];
    exports: {
        name: string;
        kind: (typeof KINDS)[number];
    }[];
};
/** Limits of a table or memory: flags, minimum, maximum when flagged. Returns the flags. */
export declare function limits(r: Reader): {
    flags: number;
    min: number;
    max?: number;
};
/** An import's shape: how many parameters, and what it returns. */
export declare const enum ResultType {
    None = 0,
    Number = 1,
    BigInt = 2
}
export interface ImportSignature {
    params: number;
    result: ResultType;
    /** Each parameter's value type (0x7f i32, 0x7e i64, ...) and the result's (0: none). */
    paramTypes: number[];
    resultType: number;
    /** Every result's value type (multi-value: more than one, which no call l4wasm provides returns). */
    resultTypes: number[];
}
/** The signature of each function import by "module.name" (the JS API does not expose import types). */
export declare function importSignatures(bytes: Uint8Array): Map<string, ImportSignature>;
/**
 * Every function import with its signature, in order: a module may import one name twice, with
 * different types (each must be checked; a map by name keeps only one of them).
 */
export declare function functionImports(bytes: Uint8Array): {
    key: string;
    signature: ImportSignature;
}[];
/** Function names from the "name" custom section (subsection 1), by function index. */
export declare function functionNames(section: ArrayBuffer | Uint8Array): Map<number, string>;
/**
 * The type of the function exported as `name` (value types of its parameters and results), or
 * undefined when no function has that name. WasmFormatError where the sections do not parse.
 */
export declare function exportedFunctionType(bytes: Uint8Array, name: string): {
    params: number[];
    results: number[];
} | undefined;
/**
 * The module with the exports `drop` names removed from its export section (the rest of the
 * module unchanged), or the module itself when it has none of them.
 */
export declare function withoutExports(bytes: Uint8Array, drop: (name: string) => boolean): Uint8Array;
/**
 * The active element segments of table 0 at constant offsets (i32.const), with the table's initial
 * size: what the engine checks as it instantiates. Segments at a computed offset are left out.
 * WasmFormatError where the sections do not parse.
 */
export declare function activeElements(bytes: Uint8Array): {
    tableSize: number | undefined;
    segments: {
        offset: number;
        count: number;
    }[];
};
/** Longest engine message (which quotes the module's names) a LoadError shows whole. */
export declare const MAX_SHOWN_MESSAGE = 1000;
/**
 * A name from a module (an import, a function in its name section) as a one-line message may
 * show it: control characters escaped (a newline would start a line of its own, an escape
 * sequence would drive the terminal), cut after MAX_SHOWN_NAME characters.
 */
export declare function printableName(name: string, max?: number): string;
export {};
