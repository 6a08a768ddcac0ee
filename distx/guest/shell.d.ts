/** The shell's module, or undefined when the package was built without it (no build:sysroot yet). */
export declare function builtinShell(): Uint8Array | undefined;
