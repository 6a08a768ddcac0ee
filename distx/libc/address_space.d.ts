import { type Kernel, type TaskId } from '../kernel/kernel.js';
import type { Dataspace } from '../l4re/dataspace.js';
import type { Description } from './fdtable.js';
import { type Coherence } from './shared_mappings.js';
/**
 * The page of mappings: mmap aligns addresses, lengths and file offsets to 4 KiB, what
 * sysconf(_SC_PAGESIZE) and getpagesize() report. Memory itself grows by wasm pages (64 KiB,
 * wasi-libc's PAGESIZE), so an area holds sixteen pages per wasm page.
 */
export declare const PAGE_SIZE = 4096;
/** The unit a wasm memory grows by. */
export declare const WASM_PAGE = 65536;
/** The end of a wasm32 address space. */
export declare const SPACE_END: number;
/** Where the contents of a mapping come from (and, for shared file mappings, go back to). */
export type Backing = {
    kind: 'heap' | 'anon';
}
/** A file's contents copied in; `fileOffset` is the file position of dataspace offset 0. */
 | {
    kind: 'file';
    desc: Description;
    fileOffset: number;
    shared: boolean;
    writable: boolean;
    coherence?: Coherence;
}
/** A ROM file: its read-only dataspace attached at the file offset. */
 | {
    kind: 'rom';
    ds: Dataspace;
}
/** A dataspace other programs attach too (l4re_rm_attach, src/libc/l4_port.ts keeps it in sync). */
 | {
    kind: 'shared';
    ds: Dataspace;
};
export declare const enum Placement {
    /** Anywhere in an mmap area (the address, if any, is a hint). */
    Anywhere = 0,
    /** MAP_FIXED: exactly at the address, replacing what is mapped there. */
    Fixed = 1,
    /** MAP_FIXED_NOREPLACE: exactly at the address, or EEXIST. */
    NoReplace = 2
}
export interface MapRequest {
    placement: Placement;
    /** Page-aligned for Fixed/NoReplace; a hint (0: none) otherwise. */
    addr: number;
    /** A multiple of PAGE_SIZE, > 0. */
    size: number;
    prot: number;
    backing: Backing;
    /** ROM mappings: the offset into the ROM dataspace (a multiple of PAGE_SIZE). */
    offset?: number;
}
/** What the region manager needs of the root task: anonymous dataspaces, by IPC from the thread. */
export interface MemoryServer {
    allocate(size: number): number;
    free(id: number): number;
}
export declare class AddressSpace {
    private readonly kernel;
    private readonly task;
    /** Reached by IPC from the program's thread while it runs. */
    private readonly root;
    /** Reached directly at teardown, when the thread is gone. */
    private readonly rootDirect;
    private readonly memorySource;
    /** RLIMIT_AS: mmap does not grow memory beyond this many bytes (sbrk's memory.grow cannot be stopped). */
    get limit(): number;
    set limit(bytes: number);
    private asLimit;
    /** Told when RLIMIT_AS changes (the process passes it on to the program's memory.grow). */
    onLimit?: () => void;
    /**
     * Bytes the memory may still grow by beyond what RLIMIT_AS allows: what the machine's memory
     * limit leaves (the process supplies it; unlimited when absent).
     */
    headroom?: () => number;
    /** Regions of the image and heap: [start, size, dataspace]. */
    private readonly heap;
    /** Memory below this is accounted: heap regions or mmap areas. */
    private accounted;
    /** The mmap areas, sorted and disjoint. */
    private readonly areas;
    /** What each dataspace attached here holds. */
    private readonly backings;
    /** Dataspaces of MAP_SHARED file mappings (their ranges are written back). */
    private sharedCount;
    private readonly prot;
    /** MAP_SHARED file mappings kept coherent with the other processes' (shared_mappings.ts). */
    private readonly sharedMaps;
    /** The memory, kept for teardown (the program instance is gone by then). */
    private memoryObject?;
    constructor(kernel: Kernel, task: TaskId, 
    /** Reached by IPC from the program's thread while it runs. */
    root: MemoryServer, 
    /** Reached directly at teardown, when the thread is gone. */
    rootDirect: {
        free(id: number): number;
    }, memorySource: () => WebAssembly.Memory | undefined);
    /**
     * Bytes at the top of memory that belong to the runtime, not the program (asyncify's save
     * area of a prepared program): the program's memory ends below them, and a grow hands the
     * program what was reserved and reserves the new top (src/guest/instrument.ts).
     */
    reservedTop: number;
    /** The end of the program's memory. */
    private size;
    private memory;
    /**
     * Attaches whatever the program's memory grew by since the last look, as one anonymous dataspace
     * from the root task. memory.grow is an instruction, not a call: the process looks whenever the
     * program enters a blocking call, and every mmap-family call looks first.
     */
    account(): void;
    /** The regions of the image and heap (what the program grew itself). */
    heapRegions(): readonly {
        start: number;
        size: number;
        ds: number;
    }[];
    /** The mmap areas. */
    mmapAreas(): readonly {
        start: number;
        end: number;
    }[];
    /** The protection recorded for `addr` (mmap, mprotect); undefined for unmapped or heap memory never mprotected. */
    protection(addr: number): number | undefined;
    /** Maps `req`; returns the address, or -errno. `fill` writes a file's contents into the zeroed range. */
    map(req: MapRequest, fill?: (dst: Uint8Array) => number): number;
    /** True when the process has MAP_SHARED file mappings kept coherent. */
    get hasShared(): boolean;
    /** Where [addr, addr + len) lies in a MAP_SHARED object shared with other processes (semaphores meet there). */
    sharedLocation(addr: number, len: number): {
        key: string;
        offset: number;
    } | undefined;
    /** The process leaves the CPU: its changes to MAP_SHARED file mappings go to the files. */
    publishShared(): number;
    /** The process gets the CPU: its MAP_SHARED file mappings take in what others wrote back. */
    refreshShared(): void;
    /** Attaches `ds` at the lowest free range of an area, growing the memory by a new area if none fits. */
    private attachAnywhere;
    /**
     * Grows the memory by at least `bytes` for a new mmap area (joined to the last area when that
     * ends at the end of memory). The heap is accounted first, so what sbrk took stays the heap's.
     */
    private grow;
    /**
     * munmap: detaches whatever is mapped in [addr, addr+size) inside the mmap areas, after writing
     * shared file mappings back. The image and heap stay (a wasm program cannot lose them).
     */
    unmap(addr: number, size: number): void;
    /** True when every byte of [addr, end) lies in some region (heap, image or mapping). */
    mapped(addr: number, end: number): boolean;
    /** mprotect: records `prot` for a mapped range; -EACCES adding PROT_WRITE to a read-only shared file mapping. */
    protect(addr: number, size: number, prot: number, write: boolean): number;
    /** msync: writes the shared file mappings in a mapped range back to their files. */
    sync(addr: number, size: number): number;
    /**
     * madvise(MADV_DONTNEED): the range reads afresh, as Linux gives it: anonymous memory (heap
     * included) as zeros, private file and ROM mappings from their file, shared ones keep their
     * contents (written back first).
     */
    discard(addr: number, size: number): number;
    /** Writes the MAP_SHARED file mappings in [addr, end) back (never past the file's end); 0 or -errno. */
    private writeBack;
    /**
     * Calls `fn` for each region overlapping [addr, end) with the overlap [from, to). With `holes`
     * the range may contain unmapped pages, which are stepped over page by page.
     */
    private forEachRegion;
    /** Is [addr, end) inside the mmap areas? */
    private inAreas;
    /**
     * Gives back the dataspaces whose last region went away: the root task frees anonymous ones, a
     * file mapping lets go of its file. `direct` at teardown, when the thread can no longer call.
     */
    private releaseDataspaces;
    /** Process exit: shared mappings go back to their files, every region is detached, dataspaces freed. */
    /** exec: the old program's memory is released; the next account() starts over with the new one. */
    reset(): void;
    /** fork, in the child: the parent's MAP_SHARED mappings stay shared with it (see SharedMappings.inherit). */
    inheritShared(parent: AddressSpace): void;
    release(): void;
}
/** Reads a file into `dst` from `pos` until it is full or the file ends; bytes read or -errno. */
export declare function readFully(desc: Description, dst: Uint8Array, pos: number): number;
