/** What the vCPU says through the port. */
export type DrainerMessage = {
    add: number;
    ring: SharedArrayBuffer;
} | {
    remove: number;
};
