import { Dataspace } from './dataspace.js';
import type { Message, ServerObject } from './registry.js';
/** Operations of the root task protocol (the message tag's label). */
export declare const enum RootOp {
    /** MR0 = size in bytes -> reply label 0 and MR0 = dataspace id, or label -errno. */
    Alloc = 1,
    /** MR0 = dataspace id -> 0 or -errno. Frees an anonymous dataspace nobody maps any more. */
    Free = 2,
    /** MR0 = name length, MR1.. = UTF-8 bytes -> label 0 and MR0 = dataspace id, or label -errno. */
    Query = 3
}
/** Page size of the memory the root task hands out (a wasm page). */
export declare const PAGE_SIZE = 65536;
export declare class RootTask implements ServerObject {
    readonly memoryLimit: number;
    private readonly dataspaces;
    private readonly names;
    /** Bytes of anonymous memory handed out and not yet freed. */
    allocated: number;
    constructor(memoryLimit?: number);
    /** A boot module: a read-only ROM dataspace, registered in the namespace as `rom/<name>`. */
    addBootModule(name: string, contents: Uint8Array): Dataspace;
    /** The ROM dataspaces, for the Ro_fs. */
    bootModules(): Dataspace[];
    /** An anonymous dataspace of `size` bytes (rounded up to pages), or -ENOMEM. */
    allocate(size: number, name?: string): Dataspace | number;
    /** Releases an anonymous dataspace (the kernel reported its last region gone). */
    free(id: number): number;
    lookup(name: string): Dataspace | undefined;
    dataspace(id: number): Dataspace | undefined;
    dispatch(msg: Message): number;
}
