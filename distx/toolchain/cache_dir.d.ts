export declare function cacheDir(): string;
