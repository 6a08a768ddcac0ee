// Dataspaces: the root task's unit of memory. A dataspace is a run of bytes that can be attached
// into a task's region map (by its id) and read by servers such as the Ro_fs.
// ROM dataspaces hold boot modules and refuse writes; anonymous ones are zero-filled on allocation.

export const enum DataspaceFlags { ReadOnly = 1, Anonymous = 2 }

export class Dataspace {
  private static nextId = 1;
  /** The id the kernel's region map records for attachments of this dataspace. */
  readonly id: number;

  constructor(
    readonly name: string,
    /** The contents; SharedArrayBuffer-backed when the dataspace may be used from several CPUs. */
    readonly bytes: Uint8Array,
    readonly flags: number,
    /**
     * Its size; by default the contents' length. An anonymous dataspace that accounts for part of
     * a program's own linear memory has a size but no separate contents.
     */
    readonly size: number = bytes.length,
  ) {
    this.id = Dataspace.nextId++;
  }

  get readOnly(): boolean { return (this.flags & DataspaceFlags.ReadOnly) !== 0; }

  /** Copies up to buf.length bytes from `offset`; returns the count (0 at or past the end). */
  read(offset: number, buf: Uint8Array): number {
    if (offset >= this.bytes.length) return 0;
    const n = Math.min(buf.length, this.bytes.length - offset);
    buf.set(this.bytes.subarray(offset, offset + n));
    return n;
  }
}
