import type { OpenFile } from '../vfs/types.js';
import type { EpollEvents } from '../vfs/eventfd.js';
import type { Description } from './fdtable.js';
/** <sys/epoll.h>'s bits. */
export declare const enum Epoll {
    IN = 1,
    PRI = 2,
    OUT = 4,
    ERR = 8,
    HUP = 16,
    RDNORM = 64,
    RDBAND = 128,
    WRNORM = 256,
    WRBAND = 512,
    RDHUP = 8192,
    EXCLUSIVE = 268435456,
    WAKEUP = 536870912,
    ONESHOT = 1073741824,
    ET = -2147483648
}
export interface Interest {
    readonly fd: number;
    readonly desc: Description;
    readonly rightsBase: number;
    events: number;
    /** epoll_data_t, as its two 32-bit halves. */
    dataLo: number;
    dataHi: number;
    /** EPOLLONESHOT reported, until EPOLL_CTL_MOD. */
    disabled: boolean;
    /** Changes of the file counted (edge-triggered entries), and the count at the last report (-1: none yet). */
    changes: number;
    reportedAt: number;
    cancel: (() => void) | undefined;
}
export declare class EpollInstance implements EpollEvents {
    readonly interests: Interest[];
    /** Where the next wait starts looking, so that no ready entry starves. */
    private next;
    find(fd: number, desc: Description): Interest | undefined;
    add(fd: number, desc: Description, rightsBase: number, events: number, dataLo: number, dataHi: number): void;
    /** EPOLL_CTL_MOD: the new events and data; the entry is armed again and reports a present readiness anew. */
    modify(i: Interest, events: number, dataLo: number, dataHi: number): void;
    remove(i: Interest): void;
    /** Drops the entries whose open file description was closed everywhere (Linux: with its last descriptor). */
    private dropClosed;
    /**
     * Up to `max` ready entries in round-robin order, handed to `report` (events, data halves); an
     * EPOLLONESHOT entry is disabled once reported. Returns the count and the files to wait on
     * when it is 0.
     */
    collect(max: number, report: (events: number, dataLo: number, dataHi: number) => void): {
        count: number;
        files: {
            file: OpenFile;
            events: 'read' | 'write';
        }[];
    };
    /** An entry has an event to report (poll on the instance's descriptor; an instance nested in another). */
    ready(): boolean;
    subscribe(wake: () => void): () => void;
    readyAtNs(): bigint | undefined;
    /** The instances this one watches, directly or through others, include `other` (a loop if added). */
    reaches(other: EpollInstance, seen?: Set<EpollInstance>): boolean;
    /** Counts the file's changes from now on (one subscription at a time; renewed at each look). */
    private watch;
    /**
     * An edge-triggered entry that is ready reports again only after its file changed (what wakes
     * the file's waiters: data or space arriving, the peer going; the back ends keep readers' and
     * writers' wake-ups apart, as Linux's wait queues do).
     */
    private changedSinceReport;
}
