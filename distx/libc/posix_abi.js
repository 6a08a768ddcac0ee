var OpenMode = /* @__PURE__ */ ((OpenMode2) => {
  OpenMode2[OpenMode2["RDONLY"] = 67108864] = "RDONLY";
  OpenMode2[OpenMode2["WRONLY"] = 268435456] = "WRONLY";
  OpenMode2[OpenMode2["RDWR"] = 335544320] = "RDWR";
  OpenMode2[OpenMode2["SEARCH"] = 134217728] = "SEARCH";
  return OpenMode2;
})(OpenMode || {});
const O_CLOEXEC = 536870912;
const O_NONBLOCK = 4;
const O_APPEND = 1;
const FD_CLOEXEC = 1;
var Fcntl = /* @__PURE__ */ ((Fcntl2) => {
  Fcntl2[Fcntl2["DUPFD"] = 0] = "DUPFD";
  Fcntl2[Fcntl2["GETFD"] = 1] = "GETFD";
  Fcntl2[Fcntl2["SETFD"] = 2] = "SETFD";
  Fcntl2[Fcntl2["GETFL"] = 3] = "GETFL";
  Fcntl2[Fcntl2["SETFL"] = 4] = "SETFL";
  Fcntl2[Fcntl2["DUPFD_CLOEXEC"] = 1030] = "DUPFD_CLOEXEC";
  Fcntl2[Fcntl2["GETPIPE_SZ"] = 1032] = "GETPIPE_SZ";
  return Fcntl2;
})(Fcntl || {});
var Ioctl = /* @__PURE__ */ ((Ioctl2) => {
  Ioctl2[Ioctl2["FIONREAD"] = 1] = "FIONREAD";
  Ioctl2[Ioctl2["FIONBIO"] = 2] = "FIONBIO";
  Ioctl2[Ioctl2["TCGETS"] = 21505] = "TCGETS";
  Ioctl2[Ioctl2["TCSETS"] = 21506] = "TCSETS";
  Ioctl2[Ioctl2["TCSETSW"] = 21507] = "TCSETSW";
  Ioctl2[Ioctl2["TCSETSF"] = 21508] = "TCSETSF";
  Ioctl2[Ioctl2["TIOCGWINSZ"] = 21523] = "TIOCGWINSZ";
  Ioctl2[Ioctl2["TIOCSWINSZ"] = 21524] = "TIOCSWINSZ";
  Ioctl2[Ioctl2["FIONCLEX"] = 21584] = "FIONCLEX";
  Ioctl2[Ioctl2["FIOCLEX"] = 21585] = "FIOCLEX";
  return Ioctl2;
})(Ioctl || {});
var TcsetattrAction = /* @__PURE__ */ ((TcsetattrAction2) => {
  TcsetattrAction2[TcsetattrAction2["NOW"] = 0] = "NOW";
  TcsetattrAction2[TcsetattrAction2["DRAIN"] = 1] = "DRAIN";
  TcsetattrAction2[TcsetattrAction2["FLUSH"] = 2] = "FLUSH";
  return TcsetattrAction2;
})(TcsetattrAction || {});
var TcflushQueue = /* @__PURE__ */ ((TcflushQueue2) => {
  TcflushQueue2[TcflushQueue2["IFLUSH"] = 0] = "IFLUSH";
  TcflushQueue2[TcflushQueue2["OFLUSH"] = 1] = "OFLUSH";
  TcflushQueue2[TcflushQueue2["IOFLUSH"] = 2] = "IOFLUSH";
  return TcflushQueue2;
})(TcflushQueue || {});
var TermiosFlag = /* @__PURE__ */ ((TermiosFlag2) => {
  TermiosFlag2[TermiosFlag2["ICRNL"] = 256] = "ICRNL";
  TermiosFlag2[TermiosFlag2["IXON"] = 1024] = "IXON";
  TermiosFlag2[TermiosFlag2["IUTF8"] = 16384] = "IUTF8";
  TermiosFlag2[TermiosFlag2["OPOST"] = 1] = "OPOST";
  TermiosFlag2[TermiosFlag2["ONLCR"] = 4] = "ONLCR";
  TermiosFlag2[TermiosFlag2["B38400"] = 15] = "B38400";
  TermiosFlag2[TermiosFlag2["CS8"] = 48] = "CS8";
  TermiosFlag2[TermiosFlag2["CREAD"] = 128] = "CREAD";
  TermiosFlag2[TermiosFlag2["ISIG"] = 1] = "ISIG";
  TermiosFlag2[TermiosFlag2["ICANON"] = 2] = "ICANON";
  TermiosFlag2[TermiosFlag2["ECHO"] = 8] = "ECHO";
  TermiosFlag2[TermiosFlag2["ECHOE"] = 16] = "ECHOE";
  TermiosFlag2[TermiosFlag2["ECHOK"] = 32] = "ECHOK";
  TermiosFlag2[TermiosFlag2["ECHOCTL"] = 512] = "ECHOCTL";
  TermiosFlag2[TermiosFlag2["ECHOKE"] = 2048] = "ECHOKE";
  TermiosFlag2[TermiosFlag2["IEXTEN"] = 32768] = "IEXTEN";
  return TermiosFlag2;
})(TermiosFlag || {});
const NCCS = 32;
class Termios {
  static SIZE = 60;
  iflag = 256 /* ICRNL */ | 1024 /* IXON */ | 16384 /* IUTF8 */;
  oflag = 1 /* OPOST */ | 4 /* ONLCR */;
  cflag = 15 /* B38400 */ | 48 /* CS8 */ | 128 /* CREAD */;
  lflag = 1 /* ISIG */ | 2 /* ICANON */ | 8 /* ECHO */ | 16 /* ECHOE */ | 32 /* ECHOK */ | 512 /* ECHOCTL */ | 2048 /* ECHOKE */ | 32768 /* IEXTEN */;
  line = 0;
  /** Linux's defaults: ^C ^\ DEL ^U ^D, VTIME 0, VMIN 1, ^Q ^S ^Z, ^R ^O ^W ^V. */
  cc = Uint8Array.from([
    3,
    28,
    127,
    21,
    4,
    0,
    1,
    0,
    17,
    19,
    26,
    0,
    18,
    15,
    23,
    22,
    0,
    ...new Array(NCCS - 17).fill(0)
  ]);
  ispeed = 15 /* B38400 */;
  ospeed = 15 /* B38400 */;
  read(view, ptr) {
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
  write(view, ptr) {
    view.setUint32(ptr, this.iflag, true);
    view.setUint32(ptr + 4, this.oflag, true);
    view.setUint32(ptr + 8, this.cflag, true);
    view.setUint32(ptr + 12, this.lflag, true);
    view.setUint8(ptr + 16, this.line);
    for (let i = 0; i < NCCS; i++) view.setUint8(ptr + 17 + i, this.cc[i]);
    view.setUint8(ptr + 49, 0);
    view.setUint16(ptr + 50, 0, true);
    view.setUint32(ptr + 52, this.ispeed, true);
    view.setUint32(ptr + 56, this.ospeed, true);
  }
}
class Winsize {
  static SIZE = 8;
  rows = 24;
  cols = 80;
  xpixel = 0;
  ypixel = 0;
  read(view, ptr) {
    this.rows = view.getUint16(ptr, true);
    this.cols = view.getUint16(ptr + 2, true);
    this.xpixel = view.getUint16(ptr + 4, true);
    this.ypixel = view.getUint16(ptr + 6, true);
    return this;
  }
  write(view, ptr) {
    view.setUint16(ptr, this.rows, true);
    view.setUint16(ptr + 2, this.cols, true);
    view.setUint16(ptr + 4, this.xpixel, true);
    view.setUint16(ptr + 6, this.ypixel, true);
  }
}
var Prot = /* @__PURE__ */ ((Prot2) => {
  Prot2[Prot2["NONE"] = 0] = "NONE";
  Prot2[Prot2["READ"] = 1] = "READ";
  Prot2[Prot2["WRITE"] = 2] = "WRITE";
  Prot2[Prot2["EXEC"] = 4] = "EXEC";
  Prot2[Prot2["GROWSDOWN"] = 16777216] = "GROWSDOWN";
  Prot2[Prot2["GROWSUP"] = 33554432] = "GROWSUP";
  return Prot2;
})(Prot || {});
const PROT_RWX = 1 /* READ */ | 2 /* WRITE */ | 4 /* EXEC */;
var MapFlag = /* @__PURE__ */ ((MapFlag2) => {
  MapFlag2[MapFlag2["SHARED"] = 1] = "SHARED";
  MapFlag2[MapFlag2["PRIVATE"] = 2] = "PRIVATE";
  MapFlag2[MapFlag2["SHARED_VALIDATE"] = 3] = "SHARED_VALIDATE";
  MapFlag2[MapFlag2["TYPE"] = 15] = "TYPE";
  MapFlag2[MapFlag2["FIXED"] = 16] = "FIXED";
  MapFlag2[MapFlag2["ANONYMOUS"] = 32] = "ANONYMOUS";
  MapFlag2[MapFlag2["GROWSDOWN"] = 256] = "GROWSDOWN";
  MapFlag2[MapFlag2["DENYWRITE"] = 2048] = "DENYWRITE";
  MapFlag2[MapFlag2["EXECUTABLE"] = 4096] = "EXECUTABLE";
  MapFlag2[MapFlag2["LOCKED"] = 8192] = "LOCKED";
  MapFlag2[MapFlag2["NORESERVE"] = 16384] = "NORESERVE";
  MapFlag2[MapFlag2["POPULATE"] = 32768] = "POPULATE";
  MapFlag2[MapFlag2["NONBLOCK"] = 65536] = "NONBLOCK";
  MapFlag2[MapFlag2["STACK"] = 131072] = "STACK";
  MapFlag2[MapFlag2["HUGETLB"] = 262144] = "HUGETLB";
  MapFlag2[MapFlag2["SYNC"] = 524288] = "SYNC";
  MapFlag2[MapFlag2["FIXED_NOREPLACE"] = 1048576] = "FIXED_NOREPLACE";
  return MapFlag2;
})(MapFlag || {});
const MAP_KNOWN = 15 /* TYPE */ | 16 /* FIXED */ | 32 /* ANONYMOUS */ | 256 /* GROWSDOWN */ | 2048 /* DENYWRITE */ | 4096 /* EXECUTABLE */ | 8192 /* LOCKED */ | 16384 /* NORESERVE */ | 32768 /* POPULATE */ | 65536 /* NONBLOCK */ | 131072 /* STACK */ | 1048576 /* FIXED_NOREPLACE */;
var MsFlag = /* @__PURE__ */ ((MsFlag2) => {
  MsFlag2[MsFlag2["ASYNC"] = 1] = "ASYNC";
  MsFlag2[MsFlag2["INVALIDATE"] = 2] = "INVALIDATE";
  MsFlag2[MsFlag2["SYNC"] = 4] = "SYNC";
  return MsFlag2;
})(MsFlag || {});
var Madv = /* @__PURE__ */ ((Madv2) => {
  Madv2[Madv2["NORMAL"] = 0] = "NORMAL";
  Madv2[Madv2["RANDOM"] = 1] = "RANDOM";
  Madv2[Madv2["SEQUENTIAL"] = 2] = "SEQUENTIAL";
  Madv2[Madv2["WILLNEED"] = 3] = "WILLNEED";
  Madv2[Madv2["DONTNEED"] = 4] = "DONTNEED";
  Madv2[Madv2["FREE"] = 8] = "FREE";
  Madv2[Madv2["REMOVE"] = 9] = "REMOVE";
  Madv2[Madv2["DONTFORK"] = 10] = "DONTFORK";
  Madv2[Madv2["DOFORK"] = 11] = "DOFORK";
  Madv2[Madv2["MERGEABLE"] = 12] = "MERGEABLE";
  Madv2[Madv2["UNMERGEABLE"] = 13] = "UNMERGEABLE";
  Madv2[Madv2["HUGEPAGE"] = 14] = "HUGEPAGE";
  Madv2[Madv2["NOHUGEPAGE"] = 15] = "NOHUGEPAGE";
  Madv2[Madv2["DONTDUMP"] = 16] = "DONTDUMP";
  Madv2[Madv2["DODUMP"] = 17] = "DODUMP";
  Madv2[Madv2["WIPEONFORK"] = 18] = "WIPEONFORK";
  Madv2[Madv2["KEEPONFORK"] = 19] = "KEEPONFORK";
  Madv2[Madv2["COLD"] = 20] = "COLD";
  Madv2[Madv2["PAGEOUT"] = 21] = "PAGEOUT";
  return Madv2;
})(Madv || {});
var Rlimit = /* @__PURE__ */ ((Rlimit2) => {
  Rlimit2[Rlimit2["CPU"] = 0] = "CPU";
  Rlimit2[Rlimit2["FSIZE"] = 1] = "FSIZE";
  Rlimit2[Rlimit2["DATA"] = 2] = "DATA";
  Rlimit2[Rlimit2["STACK"] = 3] = "STACK";
  Rlimit2[Rlimit2["CORE"] = 4] = "CORE";
  Rlimit2[Rlimit2["RSS"] = 5] = "RSS";
  Rlimit2[Rlimit2["NPROC"] = 6] = "NPROC";
  Rlimit2[Rlimit2["NOFILE"] = 7] = "NOFILE";
  Rlimit2[Rlimit2["MEMLOCK"] = 8] = "MEMLOCK";
  Rlimit2[Rlimit2["AS"] = 9] = "AS";
  Rlimit2[Rlimit2["LOCKS"] = 10] = "LOCKS";
  Rlimit2[Rlimit2["SIGPENDING"] = 11] = "SIGPENDING";
  Rlimit2[Rlimit2["MSGQUEUE"] = 12] = "MSGQUEUE";
  Rlimit2[Rlimit2["NICE"] = 13] = "NICE";
  Rlimit2[Rlimit2["RTPRIO"] = 14] = "RTPRIO";
  Rlimit2[Rlimit2["RTTIME"] = 15] = "RTTIME";
  return Rlimit2;
})(Rlimit || {});
const RLIMIT_COUNT = 16;
const RLIM_INFINITY = 0xffffffffffffffffn;
const RLIMIT_SIZE = 16;
const UTSNAME_FIELD = 65;
const UTSNAME_SIZE = 6 * UTSNAME_FIELD;
var Sysconf = /* @__PURE__ */ ((Sysconf2) => {
  Sysconf2[Sysconf2["OPEN_MAX"] = 4] = "OPEN_MAX";
  Sysconf2[Sysconf2["PAGESIZE"] = 30] = "PAGESIZE";
  Sysconf2[Sysconf2["NPROCESSORS_CONF"] = 83] = "NPROCESSORS_CONF";
  Sysconf2[Sysconf2["NPROCESSORS_ONLN"] = 84] = "NPROCESSORS_ONLN";
  Sysconf2[Sysconf2["PHYS_PAGES"] = 85] = "PHYS_PAGES";
  Sysconf2[Sysconf2["AVPHYS_PAGES"] = 86] = "AVPHYS_PAGES";
  return Sysconf2;
})(Sysconf || {});
export {
  FD_CLOEXEC,
  Fcntl,
  Ioctl,
  MAP_KNOWN,
  Madv,
  MapFlag,
  MsFlag,
  NCCS,
  O_APPEND,
  O_CLOEXEC,
  O_NONBLOCK,
  OpenMode,
  PROT_RWX,
  Prot,
  RLIMIT_COUNT,
  RLIMIT_SIZE,
  RLIM_INFINITY,
  Rlimit,
  Sysconf,
  TcflushQueue,
  TcsetattrAction,
  Termios,
  TermiosFlag,
  UTSNAME_FIELD,
  UTSNAME_SIZE,
  Winsize
};
