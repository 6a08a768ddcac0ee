export declare const ANON_DEV: bigint;
/** A fresh inode number on the anonymous device. */
export declare function nextAnonIno(): bigint;
