// The l4posix ABI beyond WASI: the constants libl4posix's headers define (sysroot/include) and the
// structs the mmap, descriptor, terminal and system families read and write in the program's memory.
// Values follow wasi-libc where it defines them (it uses Linux's where it has them), else Linux's.

// --- <fcntl.h> ----------------------------------------------------------------------------------

/** wasi-libc's access-mode bits, as fcntl(F_GETFL) reports them. */
export const enum OpenMode { RDONLY = 0x04000000, WRONLY = 0x10000000, RDWR = 0x14000000, SEARCH = 0x08000000 }
/** sysroot/include/fcntl.h: a bit wasi-libc's open ignores (wasi-libc itself defines O_CLOEXEC as 0). */
export const O_CLOEXEC = 0x20000000;
export const O_NONBLOCK = 0x0004;
export const O_APPEND = 0x0001;
export const FD_CLOEXEC = 1;

export const enum Fcntl {
  DUPFD = 0, GETFD = 1, SETFD = 2, GETFL = 3, SETFL = 4,
  DUPFD_CLOEXEC = 1030, GETPIPE_SZ = 1032,
}

// --- <sys/ioctl.h>, <termios.h> -------------------------------------------------------------------

/** ioctl requests: FIONREAD and FIONBIO are wasi-libc's numbers, the rest Linux's. */
export const enum Ioctl {
  FIONREAD = 1, FIONBIO = 2,
  TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404,
  TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414,
  FIONCLEX = 0x5450, FIOCLEX = 0x5451,
}

export const enum TcsetattrAction { NOW = 0, DRAIN = 1, FLUSH = 2 }
export const enum TcflushQueue { IFLUSH = 0, OFLUSH = 1, IOFLUSH = 2 }

/** Linux termios flag bits the console's defaults use (sysroot/include/termios.h has them all). */
export const enum TermiosFlag {
  // c_iflag
  ICRNL = 0o400, IXON = 0o2000, IUTF8 = 0o40000,
  // c_oflag
  OPOST = 0o1, ONLCR = 0o4,
  // c_cflag
  B38400 = 0o17, CS8 = 0o60, CREAD = 0o200,
  // c_lflag
  ISIG = 0o1, ICANON = 0o2, ECHO = 0o10, ECHOE = 0o20, ECHOK = 0o40, ECHOCTL = 0o1000,
  ECHOKE = 0o4000, IEXTEN = 0o100000,
}

export const NCCS = 32;

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
export class Termios {
  static readonly SIZE = 60;
  iflag = TermiosFlag.ICRNL | TermiosFlag.IXON | TermiosFlag.IUTF8;
  oflag = TermiosFlag.OPOST | TermiosFlag.ONLCR;
  cflag = TermiosFlag.B38400 | TermiosFlag.CS8 | TermiosFlag.CREAD;
  lflag = TermiosFlag.ISIG | TermiosFlag.ICANON | TermiosFlag.ECHO | TermiosFlag.ECHOE |
    TermiosFlag.ECHOK | TermiosFlag.ECHOCTL | TermiosFlag.ECHOKE | TermiosFlag.IEXTEN;
  line = 0;
  /** Linux's defaults: ^C ^\ DEL ^U ^D, VTIME 0, VMIN 1, ^Q ^S ^Z, ^R ^O ^W ^V. */
  cc = Uint8Array.from([3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0,
    ...new Array<number>(NCCS - 17).fill(0)]);
  ispeed = TermiosFlag.B38400 as number;
  ospeed = TermiosFlag.B38400 as number;

  read(view: DataView, ptr: number): this {
    this.iflag = view.getUint32(ptr, true);
    this.oflag = view.getUint32(ptr + 4, true);
    this.cflag = view.getUint32(ptr + 8, true);
    this.lflag = view.getUint32(ptr + 12, true);
    this.line = view.getUint8(ptr + 16);
    for (let i = 0; i < NCCS; i++) this.cc[i] = view.getUint8(ptr + 17 + i);
    this.ispeed = view.getUint32(ptr + 52, true);
    this.ospeed = view.getUint32(ptr + 56, true);
    return this;
  }

  write(view: DataView, ptr: number): void {
    view.setUint32(ptr, this.iflag, true);
    view.setUint32(ptr + 4, this.oflag, true);
    view.setUint32(ptr + 8, this.cflag, true);
    view.setUint32(ptr + 12, this.lflag, true);
    view.setUint8(ptr + 16, this.line);
    for (let i = 0; i < NCCS; i++) view.setUint8(ptr + 17 + i, this.cc[i]!);
    view.setUint8(ptr + 49, 0);
    view.setUint16(ptr + 50, 0, true);
    view.setUint32(ptr + 52, this.ispeed, true);
    view.setUint32(ptr + 56, this.ospeed, true);
  }
}

/**
 * struct winsize (8 bytes)
 *   0  u16 ws_row
 *   2  u16 ws_col
 *   4  u16 ws_xpixel
 *   6  u16 ws_ypixel
 */
export class Winsize {
  static readonly SIZE = 8;
  rows = 24;
  cols = 80;
  xpixel = 0;
  ypixel = 0;
  read(view: DataView, ptr: number): this {
    this.rows = view.getUint16(ptr, true);
    this.cols = view.getUint16(ptr + 2, true);
    this.xpixel = view.getUint16(ptr + 4, true);
    this.ypixel = view.getUint16(ptr + 6, true);
    return this;
  }
  write(view: DataView, ptr: number): void {
    view.setUint16(ptr, this.rows, true);
    view.setUint16(ptr + 2, this.cols, true);
    view.setUint16(ptr + 4, this.xpixel, true);
    view.setUint16(ptr + 6, this.ypixel, true);
  }
}

// --- <sys/mman.h> (wasi-libc's, which are Linux's) -------------------------------------------------

export const enum Prot { NONE = 0, READ = 1, WRITE = 2, EXEC = 4, GROWSDOWN = 0x01000000, GROWSUP = 0x02000000 }
export const PROT_RWX = Prot.READ | Prot.WRITE | Prot.EXEC;

export const enum MapFlag {
  SHARED = 0x01, PRIVATE = 0x02, SHARED_VALIDATE = 0x03, TYPE = 0x0f, FIXED = 0x10, ANONYMOUS = 0x20,
  GROWSDOWN = 0x0100, DENYWRITE = 0x0800, EXECUTABLE = 0x1000, LOCKED = 0x2000, NORESERVE = 0x4000,
  POPULATE = 0x8000, NONBLOCK = 0x10000, STACK = 0x20000, HUGETLB = 0x40000, SYNC = 0x80000,
  FIXED_NOREPLACE = 0x100000,
}
/** The flags MAP_SHARED_VALIDATE accepts (any other is EOPNOTSUPP there, ignored elsewhere). */
export const MAP_KNOWN = MapFlag.TYPE | MapFlag.FIXED | MapFlag.ANONYMOUS | MapFlag.GROWSDOWN |
  MapFlag.DENYWRITE | MapFlag.EXECUTABLE | MapFlag.LOCKED | MapFlag.NORESERVE | MapFlag.POPULATE |
  MapFlag.NONBLOCK | MapFlag.STACK | MapFlag.FIXED_NOREPLACE;

export const enum MsFlag { ASYNC = 1, INVALIDATE = 2, SYNC = 4 }

export const enum Madv {
  NORMAL = 0, RANDOM = 1, SEQUENTIAL = 2, WILLNEED = 3, DONTNEED = 4, FREE = 8, REMOVE = 9,
  DONTFORK = 10, DOFORK = 11, MERGEABLE = 12, UNMERGEABLE = 13, HUGEPAGE = 14, NOHUGEPAGE = 15,
  DONTDUMP = 16, DODUMP = 17, WIPEONFORK = 18, KEEPONFORK = 19, COLD = 20, PAGEOUT = 21,
}

// --- <sys/resource.h> (Linux numbering) ----------------------------------------------------------

export const enum Rlimit {
  CPU = 0, FSIZE = 1, DATA = 2, STACK = 3, CORE = 4, RSS = 5, NPROC = 6, NOFILE = 7, MEMLOCK = 8,
  AS = 9, LOCKS = 10, SIGPENDING = 11, MSGQUEUE = 12, NICE = 13, RTPRIO = 14, RTTIME = 15,
}
export const RLIMIT_COUNT = 16;
export const RLIM_INFINITY = 0xffff_ffff_ffff_ffffn;

/**
 * struct rlimit (16 bytes)
 *   0  u64 rlim_cur
 *   8  u64 rlim_max
 */
export const RLIMIT_SIZE = 16;

// --- <sys/utsname.h> ------------------------------------------------------------------------------

/** struct utsname: sysname, nodename, release, version, machine, domainname; 65 bytes each. */
export const UTSNAME_FIELD = 65;
export const UTSNAME_SIZE = 6 * UTSNAME_FIELD;

// --- <unistd.h> sysconf names the backend answers (wasi-libc's numbers) ---------------------------

export const enum Sysconf {
  OPEN_MAX = 4, PAGESIZE = 30, NPROCESSORS_CONF = 83, NPROCESSORS_ONLN = 84, PHYS_PAGES = 85,
  AVPHYS_PAGES = 86,
}
