/** The fields of memfs's inode this uses (fs-core's Node: `buf` holds `size` used bytes of `capacity`; typed private there). */
export interface ContentNode {
    buf: Buffer;
    size: number;
    capacity: number;
}
/**
 * Gives `node` (an empty regular file) `size` bytes, supplied by `load` when first needed. The
 * loaded bytes become the node's own (the loader must hand over a buffer nobody else writes);
 * loaded bytes shorter or longer than `size` (the source changed meanwhile) make the file their
 * length, unless the file was truncated shorter already.
 */
export declare function deferContent(node: ContentNode, size: number, load: () => Uint8Array): void;
