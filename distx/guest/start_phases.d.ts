/** Records that phase `name` ends now (the first time only: a later spawn does not move it). */
export declare function phase(name: string): void;
/** The phases recorded so far, in order, as "name ms" (ms since the process started). */
export declare function phasesLine(): string | undefined;
