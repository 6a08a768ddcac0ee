import type { L4posixContext } from './l4posix.js';
import type { OpenFile } from '../vfs/types.js';
export declare function insertObject(c: L4posixContext, file: OpenFile, flags: number): number;
