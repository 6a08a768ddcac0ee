export declare const procFamily: import("./spec.js").SyscallSpec[];
