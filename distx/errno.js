var Errno = /* @__PURE__ */ ((Errno2) => {
  Errno2[Errno2["SUCCESS"] = 0] = "SUCCESS";
  Errno2[Errno2["E2BIG"] = 1] = "E2BIG";
  Errno2[Errno2["EACCES"] = 2] = "EACCES";
  Errno2[Errno2["EADDRINUSE"] = 3] = "EADDRINUSE";
  Errno2[Errno2["EADDRNOTAVAIL"] = 4] = "EADDRNOTAVAIL";
  Errno2[Errno2["EAFNOSUPPORT"] = 5] = "EAFNOSUPPORT";
  Errno2[Errno2["EAGAIN"] = 6] = "EAGAIN";
  Errno2[Errno2["EALREADY"] = 7] = "EALREADY";
  Errno2[Errno2["EBADF"] = 8] = "EBADF";
  Errno2[Errno2["EBADMSG"] = 9] = "EBADMSG";
  Errno2[Errno2["EBUSY"] = 10] = "EBUSY";
  Errno2[Errno2["ECANCELED"] = 11] = "ECANCELED";
  Errno2[Errno2["ECHILD"] = 12] = "ECHILD";
  Errno2[Errno2["ECONNABORTED"] = 13] = "ECONNABORTED";
  Errno2[Errno2["ECONNREFUSED"] = 14] = "ECONNREFUSED";
  Errno2[Errno2["ECONNRESET"] = 15] = "ECONNRESET";
  Errno2[Errno2["EDEADLK"] = 16] = "EDEADLK";
  Errno2[Errno2["EDESTADDRREQ"] = 17] = "EDESTADDRREQ";
  Errno2[Errno2["EDOM"] = 18] = "EDOM";
  Errno2[Errno2["EDQUOT"] = 19] = "EDQUOT";
  Errno2[Errno2["EEXIST"] = 20] = "EEXIST";
  Errno2[Errno2["EFAULT"] = 21] = "EFAULT";
  Errno2[Errno2["EFBIG"] = 22] = "EFBIG";
  Errno2[Errno2["EHOSTUNREACH"] = 23] = "EHOSTUNREACH";
  Errno2[Errno2["EIDRM"] = 24] = "EIDRM";
  Errno2[Errno2["EILSEQ"] = 25] = "EILSEQ";
  Errno2[Errno2["EINPROGRESS"] = 26] = "EINPROGRESS";
  Errno2[Errno2["EINTR"] = 27] = "EINTR";
  Errno2[Errno2["EINVAL"] = 28] = "EINVAL";
  Errno2[Errno2["EIO"] = 29] = "EIO";
  Errno2[Errno2["EISCONN"] = 30] = "EISCONN";
  Errno2[Errno2["EISDIR"] = 31] = "EISDIR";
  Errno2[Errno2["ELOOP"] = 32] = "ELOOP";
  Errno2[Errno2["EMFILE"] = 33] = "EMFILE";
  Errno2[Errno2["EMLINK"] = 34] = "EMLINK";
  Errno2[Errno2["EMSGSIZE"] = 35] = "EMSGSIZE";
  Errno2[Errno2["EMULTIHOP"] = 36] = "EMULTIHOP";
  Errno2[Errno2["ENAMETOOLONG"] = 37] = "ENAMETOOLONG";
  Errno2[Errno2["ENETDOWN"] = 38] = "ENETDOWN";
  Errno2[Errno2["ENETRESET"] = 39] = "ENETRESET";
  Errno2[Errno2["ENETUNREACH"] = 40] = "ENETUNREACH";
  Errno2[Errno2["ENFILE"] = 41] = "ENFILE";
  Errno2[Errno2["ENOBUFS"] = 42] = "ENOBUFS";
  Errno2[Errno2["ENODEV"] = 43] = "ENODEV";
  Errno2[Errno2["ENOENT"] = 44] = "ENOENT";
  Errno2[Errno2["ENOEXEC"] = 45] = "ENOEXEC";
  Errno2[Errno2["ENOLCK"] = 46] = "ENOLCK";
  Errno2[Errno2["ENOLINK"] = 47] = "ENOLINK";
  Errno2[Errno2["ENOMEM"] = 48] = "ENOMEM";
  Errno2[Errno2["ENOMSG"] = 49] = "ENOMSG";
  Errno2[Errno2["ENOPROTOOPT"] = 50] = "ENOPROTOOPT";
  Errno2[Errno2["ENOSPC"] = 51] = "ENOSPC";
  Errno2[Errno2["ENOSYS"] = 52] = "ENOSYS";
  Errno2[Errno2["ENOTCONN"] = 53] = "ENOTCONN";
  Errno2[Errno2["ENOTDIR"] = 54] = "ENOTDIR";
  Errno2[Errno2["ENOTEMPTY"] = 55] = "ENOTEMPTY";
  Errno2[Errno2["ENOTRECOVERABLE"] = 56] = "ENOTRECOVERABLE";
  Errno2[Errno2["ENOTSOCK"] = 57] = "ENOTSOCK";
  Errno2[Errno2["ENOTSUP"] = 58] = "ENOTSUP";
  Errno2[Errno2["ENOTTY"] = 59] = "ENOTTY";
  Errno2[Errno2["ENXIO"] = 60] = "ENXIO";
  Errno2[Errno2["EOVERFLOW"] = 61] = "EOVERFLOW";
  Errno2[Errno2["EOWNERDEAD"] = 62] = "EOWNERDEAD";
  Errno2[Errno2["EPERM"] = 63] = "EPERM";
  Errno2[Errno2["EPIPE"] = 64] = "EPIPE";
  Errno2[Errno2["EPROTO"] = 65] = "EPROTO";
  Errno2[Errno2["EPROTONOSUPPORT"] = 66] = "EPROTONOSUPPORT";
  Errno2[Errno2["EPROTOTYPE"] = 67] = "EPROTOTYPE";
  Errno2[Errno2["ERANGE"] = 68] = "ERANGE";
  Errno2[Errno2["EROFS"] = 69] = "EROFS";
  Errno2[Errno2["ESPIPE"] = 70] = "ESPIPE";
  Errno2[Errno2["ESRCH"] = 71] = "ESRCH";
  Errno2[Errno2["ESTALE"] = 72] = "ESTALE";
  Errno2[Errno2["ETIMEDOUT"] = 73] = "ETIMEDOUT";
  Errno2[Errno2["ETXTBSY"] = 74] = "ETXTBSY";
  Errno2[Errno2["EXDEV"] = 75] = "EXDEV";
  Errno2[Errno2["ENOTCAPABLE"] = 76] = "ENOTCAPABLE";
  return Errno2;
})(Errno || {});
const NAMES = [
  "SUCCESS",
  "E2BIG",
  "EACCES",
  "EADDRINUSE",
  "EADDRNOTAVAIL",
  "EAFNOSUPPORT",
  "EAGAIN",
  "EALREADY",
  "EBADF",
  "EBADMSG",
  "EBUSY",
  "ECANCELED",
  "ECHILD",
  "ECONNABORTED",
  "ECONNREFUSED",
  "ECONNRESET",
  "EDEADLK",
  "EDESTADDRREQ",
  "EDOM",
  "EDQUOT",
  "EEXIST",
  "EFAULT",
  "EFBIG",
  "EHOSTUNREACH",
  "EIDRM",
  "EILSEQ",
  "EINPROGRESS",
  "EINTR",
  "EINVAL",
  "EIO",
  "EISCONN",
  "EISDIR",
  "ELOOP",
  "EMFILE",
  "EMLINK",
  "EMSGSIZE",
  "EMULTIHOP",
  "ENAMETOOLONG",
  "ENETDOWN",
  "ENETRESET",
  "ENETUNREACH",
  "ENFILE",
  "ENOBUFS",
  "ENODEV",
  "ENOENT",
  "ENOEXEC",
  "ENOLCK",
  "ENOLINK",
  "ENOMEM",
  "ENOMSG",
  "ENOPROTOOPT",
  "ENOSPC",
  "ENOSYS",
  "ENOTCONN",
  "ENOTDIR",
  "ENOTEMPTY",
  "ENOTRECOVERABLE",
  "ENOTSOCK",
  "ENOTSUP",
  "ENOTTY",
  "ENXIO",
  "EOVERFLOW",
  "EOWNERDEAD",
  "EPERM",
  "EPIPE",
  "EPROTO",
  "EPROTONOSUPPORT",
  "EPROTOTYPE",
  "ERANGE",
  "EROFS",
  "ESPIPE",
  "ESRCH",
  "ESTALE",
  "ETIMEDOUT",
  "ETXTBSY",
  "EXDEV",
  "ENOTCAPABLE"
];
function errnoName(e) {
  return NAMES[Math.abs(e)] ?? `E${Math.abs(e)}`;
}
export {
  Errno,
  errnoName
};
