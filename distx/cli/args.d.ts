export interface OptionDef {
    type: 'string' | 'boolean';
    short?: string;
    /** May be given more than once (values collect in order). */
    multiple?: boolean;
    /** How the value reads in the help text: `--dir HOST[:GUEST][:ro]`. */
    value?: string;
    /**
     * A string option that may be given without a value (`--trace`) and then has this one; a value
     * must then be joined with '=' (`--trace=summary`), so the next argument is never taken.
     */
    bare?: string;
    help: string;
}
export type OptionTable = Record<string, OptionDef>;
export interface CommandDef {
    /** As typed after `l4wasm`: 'run', 'bench syscalls'. */
    name: string;
    /** What follows the options in the usage line: '[--] PROGRAM [ARGS...]'. */
    operands: string;
    /** A few lines on what the command does. */
    description: string;
    options: OptionTable;
    /**
     * 'rest': options end at the first operand (a program and its own arguments follow);
     * 'none': the command takes no operands.
     */
    operandMode: 'rest' | 'none';
}
export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>;
export type Parsed = {
    kind: 'ok';
    values: OptionValues;
    operands: string[];
} | {
    kind: 'help';
} | {
    kind: 'error';
    message: string;
};
/**
 * Parses `argv` (the arguments after the command's name) against the command's table. Options
 * come before the operands; with operandMode 'rest', the first operand and everything after it
 * (flags included) are operands, as are the arguments after `--`.
 */
export declare function parseCommand(def: CommandDef, argv: readonly string[]): Parsed;
/** The command's help text: usage line, description, the option table. */
export declare function helpText(def: CommandDef): string;
/** Reports a mistake in one line plus where to look, on stderr; returns exit status 2. */
export declare function argError(command: string, message: string): number;
/** The last value of a string option (or undefined). */
export declare function lastString(v: OptionValues[string]): string | undefined;
/** Every value of a repeatable string option. */
export declare function allStrings(v: OptionValues[string]): string[];
