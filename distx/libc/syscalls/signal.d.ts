export declare const signalFamily: import("./spec.js").SyscallSpec[];
