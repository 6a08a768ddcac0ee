import { PositionedFile } from './file.js';
import { type Stat } from './types.js';
export declare class AnonymousMemory extends PositionedFile {
    private readonly bytes;
    private readonly meta;
    constructor(size: number);
    pread(buf: Uint8Array, position: number): number;
    /** Writes inside the object; it never grows (a mapping's size is fixed). */
    pwrite(buf: Uint8Array, position: number): number;
    size(): number;
    stat(): Stat;
}
