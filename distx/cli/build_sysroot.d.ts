export declare function buildSysroot(log?: (line: string) => void): Promise<number>;
