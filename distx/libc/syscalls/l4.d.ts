export declare const l4Family: import("./spec.js").SyscallSpec[];
