export declare const sysFamily: import("./spec.js").SyscallSpec[];
