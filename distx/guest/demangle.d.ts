/** The readable name of a Rust legacy symbol, or `name` unchanged. */
export declare function demangle(name: string): string;
