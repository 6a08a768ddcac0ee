export declare const fsCalls: import("./spec.js").SyscallSpec[];
