/** -Errno for a kernel result -KErr (0 and positive results pass through). */
export declare function errnoOfKernel(r: number): number;
