import { FileType, Whence, type DirEntry, type OpenFile, type Stat, type TimeSpec } from './types.js';
export declare abstract class BaseFile implements OpenFile {
    abstract readonly type: FileType;
    get isTerminal(): boolean;
    /** read: -EINVAL for objects that cannot be read. */
    read(_buf: Uint8Array): number;
    /** write: -EINVAL for objects that cannot be written. */
    write(_buf: Uint8Array): number;
    /** pread: streams have no positions. */
    pread(_buf: Uint8Array, _position: number): number;
    /** pwrite: streams have no positions. */
    pwrite(_buf: Uint8Array, _position: number): number;
    /** lseek: streams have no offset. */
    seek(_offset: number, _whence: Whence): number;
    /** fstat: a metadata-less node of this type; back ends with real metadata override. */
    stat(): Stat | number;
    /** ftruncate: only regular files have a size to change. */
    setSize(_size: number): number;
    /** futimens: nowhere to store times. */
    setTimes(_atime: TimeSpec, _mtime: TimeSpec): number;
    /** fchmod: nowhere to store a mode. */
    chmod(_mode: number): number;
    /** fsync: nothing to flush is an error for POSIX streams (pipes, sockets). */
    sync(): number;
    /** posix_fallocate: only regular files can be extended. */
    allocate(_offset: number, _len: number): number;
    /** getdents: not a directory. */
    readdir(): DirEntry[] | number;
    readable(): boolean;
    writable(): boolean;
    /** Objects whose readiness never changes never wake anyone. */
    subscribe(_wake: () => void): () => void;
    /** FIONREAD: unsupported unless overridden. */
    available(): number;
    close(): void;
}
/**
 * A file with an offset: read/write/seek from pread/pwrite/size. The offset lives in the open
 * file description, so dup'ed descriptors share it; append mode moves it to the end before each
 * write. Regular files never block, so O_NONBLOCK changes nothing here.
 */
export declare abstract class PositionedFile extends BaseFile {
    protected readonly append: boolean;
    readonly type: FileType;
    protected offset: number;
    constructor(append?: boolean);
    abstract pread(buf: Uint8Array, position: number): number;
    abstract pwrite(buf: Uint8Array, position: number): number;
    /** The current size in bytes, or -errno. */
    abstract size(): number;
    /** read: bytes from the shared offset, advancing it. */
    read(buf: Uint8Array): number;
    /** write: at the offset, or at the end in append mode; advances the offset. */
    write(buf: Uint8Array): number;
    /** lseek: the new offset; seeking past the end is allowed, before the start is EINVAL. */
    seek(offset: number, whence: Whence): number;
    /** posix_fallocate: extends the file (zero-filled) to cover [offset, offset+len). */
    allocate(offset: number, len: number): number;
    /** FIONREAD: bytes between the offset and the end. */
    available(): number;
    /** Regular files flush nothing by default (in-memory back ends). */
    sync(): number;
}
/** An open directory: reads are EISDIR, the listing comes from readdir. */
export declare abstract class DirectoryFile extends BaseFile {
    readonly type: FileType;
    abstract readdir(): DirEntry[] | number;
    read(_buf: Uint8Array): number;
    write(_buf: Uint8Array): number;
    pread(_buf: Uint8Array, _position: number): number;
    pwrite(_buf: Uint8Array, _position: number): number;
    setSize(_size: number): number;
    allocate(_offset: number, _len: number): number;
    /** lseek: only rewinding (the syscall layer keeps readdir cookies itself). */
    seek(offset: number, whence: Whence): number;
    sync(): number;
}
