export declare const memCalls: import("./spec.js").SyscallSpec[];
