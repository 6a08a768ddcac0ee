import type { Proxy } from '../l4re/proxy.js';
import { type OpenFile, type OpenFlags, type Stat } from './types.js';
import { BaseFileSystem } from './filesystem.js';
/** The proxies the devices stand for (the machine's L4 namespace). */
export interface ProxySource {
    getProxy(name: string): Proxy | undefined;
    proxyNames(): string[];
}
export declare class L4ShmFs extends BaseFileSystem {
    private readonly source;
    readonly name = "l4shm";
    private readonly timeNs;
    private readonly inos;
    constructor(source: ProxySource);
    private ino;
    private deviceStat;
    lstat(path: readonly string[]): Stat | number;
    /** open: a fresh descriptor of the proxy's device; nothing can be created (EROFS). */
    open(path: readonly string[], flags: OpenFlags): OpenFile | number;
    private entries;
}
