const identityCalls = {
  getpid: (c) => c.identity.pid,
  getppid: (c) => c.identity.ppid,
  getuid: (c, effective) => effective ? c.identity.euid : c.identity.uid,
  getgid: (c, effective) => effective ? c.identity.egid : c.identity.gid
};
export {
  identityCalls
};
