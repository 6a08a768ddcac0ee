export declare const identityFamily: import("./spec.js").SyscallSpec[];
