/** Called by the mount tree when a walk starts. */
export declare function nextWalk(): void;
/** The current walk's number. */
export declare function currentWalk(): number;
