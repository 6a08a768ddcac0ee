import type { L4posixContext } from './l4posix.js';
/** idtype_t (Linux values). P_PIDFD is not supported: EINVAL. */
export declare const enum IdType {
    All = 0,
    Pid = 1,
    Pgid = 2
}
export declare const waitidCalls: {
    /** waitid(idtype, id, info, options): 0 (info filled; all zero with WNOHANG and no child ready; info may be NULL) or -errno. */
    waitid(c: L4posixContext, idtype: number, id: number, infoPtr: number, options: number): number;
};
