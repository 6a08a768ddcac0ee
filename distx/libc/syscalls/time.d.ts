export declare const timeCalls: import("./spec.js").SyscallSpec[];
