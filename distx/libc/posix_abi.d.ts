/** wasi-libc's access-mode bits, as fcntl(F_GETFL) reports them. */
export declare const enum OpenMode {
    RDONLY = 67108864,
    WRONLY = 268435456,
    RDWR = 335544320,
    SEARCH = 134217728
}
/** sysroot/include/fcntl.h: a bit wasi-libc's open ignores (wasi-libc itself defines O_CLOEXEC as 0). */
export declare const O_CLOEXEC = 536870912;
export declare const O_NONBLOCK = 4;
export declare const O_APPEND = 1;
export declare const FD_CLOEXEC = 1;
export declare const enum Fcntl {
    DUPFD = 0,
    GETFD = 1,
    SETFD = 2,
    GETFL = 3,
    SETFL = 4,
    DUPFD_CLOEXEC = 1030,
    GETPIPE_SZ = 1032
}
/** ioctl requests: FIONREAD and FIONBIO are wasi-libc's numbers, the rest Linux's. */
export declare const enum Ioctl {
    FIONREAD = 1,
    FIONBIO = 2,
    TCGETS = 21505,
    TCSETS = 21506,
    TCSETSW = 21507,
    TCSETSF = 21508,
    TIOCGWINSZ = 21523,
    TIOCSWINSZ = 21524,
    FIONCLEX = 21584,
    FIOCLEX = 21585
}
export declare const enum TcsetattrAction {
    NOW = 0,
    DRAIN = 1,
    FLUSH = 2
}
export declare const enum TcflushQueue {
    IFLUSH = 0,
    OFLUSH = 1,
    IOFLUSH = 2
}
/** Linux termios flag bits the console's defaults use (sysroot/include/termios.h has them all). */
export declare const enum TermiosFlag {
    ICRNL = 256,
    IXON = 1024,
    IUTF8 = 16384,
    OPOST = 1,
    ONLCR = 4,
    B38400 = 15,
    CS8 = 48,
    CREAD = 128,
    ISIG = 1,
    ICANON = 2,
    ECHO = 8,
    ECHOE = 16,
    ECHOK = 32,
    ECHOCTL = 512,
    ECHOKE = 2048,
    IEXTEN = 32768
}
export declare const NCCS = 32;
/**
 * struct termios (60 bytes)
 *   0  u32 c_iflag
 *   4  u32 c_oflag
 *   8  u32 c_cflag
 *  12  u32 c_lflag
 *  16  u8  c_line
 *  17  u8  c_cc[32]
 *  52  u32 __c_ispeed
 *  56  u32 __c_ospeed
 */
export declare class Termios {
    static readonly SIZE = 60;
    iflag: number;
    oflag: number;
    cflag: number;
    lflag: number;
    line: number;
    /** Linux's defaults: ^C ^\ DEL ^U ^D, VTIME 0, VMIN 1, ^Q ^S ^Z, ^R ^O ^W ^V. */
    cc: Uint8Array<ArrayBuffer>;
    ispeed: number;
    ospeed: number;
    read(view: DataView, ptr: number): this;
    write(view: DataView, ptr: number): void;
}
/**
 * struct winsize (8 bytes)
 *   0  u16 ws_row
 *   2  u16 ws_col
 *   4  u16 ws_xpixel
 *   6  u16 ws_ypixel
 */
export declare class Winsize {
    static readonly SIZE = 8;
    rows: number;
    cols: number;
    xpixel: number;
    ypixel: number;
    read(view: DataView, ptr: number): this;
    write(view: DataView, ptr: number): void;
}
export declare const enum Prot {
    NONE = 0,
    READ = 1,
    WRITE = 2,
    EXEC = 4,
    GROWSDOWN = 16777216,
    GROWSUP = 33554432
}
export declare const PROT_RWX: number;
export declare const enum MapFlag {
    SHARED = 1,
    PRIVATE = 2,
    SHARED_VALIDATE = 3,
    TYPE = 15,
    FIXED = 16,
    ANONYMOUS = 32,
    GROWSDOWN = 256,
    DENYWRITE = 2048,
    EXECUTABLE = 4096,
    LOCKED = 8192,
    NORESERVE = 16384,
    POPULATE = 32768,
    NONBLOCK = 65536,
    STACK = 131072,
    HUGETLB = 262144,
    SYNC = 524288,
    FIXED_NOREPLACE = 1048576
}
/** The flags MAP_SHARED_VALIDATE accepts (any other is EOPNOTSUPP there, ignored elsewhere). */
export declare const MAP_KNOWN: number;
export declare const enum MsFlag {
    ASYNC = 1,
    INVALIDATE = 2,
    SYNC = 4
}
export declare const enum Madv {
    NORMAL = 0,
    RANDOM = 1,
    SEQUENTIAL = 2,
    WILLNEED = 3,
    DONTNEED = 4,
    FREE = 8,
    REMOVE = 9,
    DONTFORK = 10,
    DOFORK = 11,
    MERGEABLE = 12,
    UNMERGEABLE = 13,
    HUGEPAGE = 14,
    NOHUGEPAGE = 15,
    DONTDUMP = 16,
    DODUMP = 17,
    WIPEONFORK = 18,
    KEEPONFORK = 19,
    COLD = 20,
    PAGEOUT = 21
}
export declare const enum Rlimit {
    CPU = 0,
    FSIZE = 1,
    DATA = 2,
    STACK = 3,
    CORE = 4,
    RSS = 5,
    NPROC = 6,
    NOFILE = 7,
    MEMLOCK = 8,
    AS = 9,
    LOCKS = 10,
    SIGPENDING = 11,
    MSGQUEUE = 12,
    NICE = 13,
    RTPRIO = 14,
    RTTIME = 15
}
export declare const RLIMIT_COUNT = 16;
export declare const RLIM_INFINITY = 18446744073709551615n;
/**
 * struct rlimit (16 bytes)
 *   0  u64 rlim_cur
 *   8  u64 rlim_max
 */
export declare const RLIMIT_SIZE = 16;
/** struct utsname: sysname, nodename, release, version, machine, domainname; 65 bytes each. */
export declare const UTSNAME_FIELD = 65;
export declare const UTSNAME_SIZE: number;
export declare const enum Sysconf {
    OPEN_MAX = 4,
    PAGESIZE = 30,
    NPROCESSORS_CONF = 83,
    NPROCESSORS_ONLN = 84,
    PHYS_PAGES = 85,
    AVPHYS_PAGES = 86
}
