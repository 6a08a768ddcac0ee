// Command-line parsing for every l4wasm command: one option table per command (add a flag by
// adding a row), parsed with node:util's parseArgs. `--flag=value` and `--flag value` both work,
// `--` ends the options, -h/--help is every command's, an unknown flag is an error naming it.
import { parseArgs } from 'node:util';

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

export type Parsed =
  | { kind: 'ok'; values: OptionValues; operands: string[] }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

const HELP: OptionDef = { type: 'boolean', short: 'h', help: 'show this help' };

/** The command's table with -h/--help added. */
function tableOf(def: CommandDef): OptionTable {
  return { ...def.options, help: HELP };
}

/** Which option an argument names: `--name`, `--name=v`, `-x`; undefined if none of the table's. */
function lookup(table: OptionTable, arg: string): { name: string; def: OptionDef; inline: boolean } | undefined {
  if (arg.startsWith('--')) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const def = Object.hasOwn(table, name) ? table[name] : undefined;
    return def === undefined ? undefined : { name, def, inline: eq >= 0 };
  }
  if (arg.length >= 2) {
    const entry = Object.entries(table).find(([, d]) => d.short === arg[1]);
    if (entry !== undefined) return { name: entry[0], def: entry[1], inline: arg.length > 2 };
  }
  return undefined;
}

/** The flag part of an argument, for messages: '--dir' of '--dir=x'. */
function flagOf(arg: string): string {
  const eq = arg.indexOf('=');
  return arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg.startsWith('--') ? arg : arg.slice(0, 2);
}

/**
 * Parses `argv` (the arguments after the command's name) against the command's table. Options
 * come before the operands; with operandMode 'rest', the first operand and everything after it
 * (flags included) are operands, as are the arguments after `--`.
 */
export function parseCommand(def: CommandDef, argv: readonly string[]): Parsed {
  const table = tableOf(def);
  const optionArgs: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { i++; break; }
    if (!a.startsWith('-') || a === '-') {
      if (def.operandMode === 'none') return { kind: 'error', message: `unexpected argument '${a}'` };
      break;
    }
    const o = lookup(table, a);
    if (o === undefined) return { kind: 'error', message: `unknown option '${flagOf(a)}'` };
    if (o.def.type === 'boolean') {
      if (o.inline) return { kind: 'error', message: `option '${flagOf(a)}' takes no value` };
      optionArgs.push(a);
      continue;
    }
    if (o.inline) {
      if (a.startsWith('--') && a.slice(a.indexOf('=') + 1) === '') return { kind: 'error', message: `option '${flagOf(a)}' needs a value` };
      optionArgs.push(a);
    } else if (o.def.bare !== undefined) {
      optionArgs.push(`--${o.name}=${o.def.bare}`);
    } else {
      const v = argv[i + 1];
      if (v === undefined || v === '--') return { kind: 'error', message: `option '${a}' needs a value${o.def.value ? ` (${o.def.value})` : ''}` };
      // The value is taken as given, even if it starts with '-' (--env -x is the value "-x").
      optionArgs.push(a.startsWith('--') ? `${a}=${v}` : `${a}${v}`);
      i++;
    }
  }
  const operands = argv.slice(i);
  if (def.operandMode === 'none' && operands.length > 0) return { kind: 'error', message: `unexpected argument '${operands[0]}'` };
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, d] of Object.entries(table)) {
    options[name] = { type: d.type, ...(d.short !== undefined ? { short: d.short } : {}), ...(d.multiple ? { multiple: true } : {}) };
  }
  let values: OptionValues;
  try {
    values = parseArgs({ args: optionArgs, options, strict: true, allowPositionals: false }).values as OptionValues;
  } catch (e) {
    return { kind: 'error', message: String((e as Error).message).split('\n')[0]! };
  }
  if (values.help === true) return { kind: 'help' };
  return { kind: 'ok', values, operands };
}

/** The command's help text: usage line, description, the option table. */
export function helpText(def: CommandDef): string {
  const table = tableOf(def);
  const rows = Object.entries(table).map(([name, d]) => {
    const value = d.type === 'string' ? (d.bare !== undefined ? `[=${d.value ?? 'VALUE'}]` : ` ${d.value ?? 'VALUE'}`) : '';
    return [`${d.short ? `-${d.short}, ` : '    '}--${name}${value}`, d.help + (d.multiple ? ' (repeatable)' : '')] as const;
  });
  const width = Math.min(34, Math.max(...rows.map(([l]) => l.length)) + 2);
  const lines = rows.map(([l, h]) => {
    const [first, ...more] = h.split('\n');
    const pad = ' '.repeat(width + 2);
    return (l.length + 2 > width ? `  ${l}\n${pad}${first}` : `  ${l.padEnd(width)}${first}`) + more.map((m) => `\n${pad}${m}`).join('');
  });
  return `usage: l4wasm ${def.name} [options]${def.operands ? ` ${def.operands}` : ''}\n\n${def.description.trimEnd()}\n\noptions:\n${lines.join('\n')}\n`;
}

/** Reports a mistake in one line plus where to look, on stderr; returns exit status 2. */
export function argError(command: string, message: string): number {
  const where = command === '' ? 'l4wasm' : `l4wasm ${command}`;
  process.stderr.write(`${where}: ${message}\ntry '${where} --help'\n`);
  return 2;
}

/** The last value of a string option (or undefined). */
export function lastString(v: OptionValues[string]): string | undefined {
  if (Array.isArray(v)) return v.length > 0 ? String(v[v.length - 1]) : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** Every value of a repeatable string option. */
export function allStrings(v: OptionValues[string]): string[] {
  if (Array.isArray(v)) return v.map(String);
  return typeof v === 'string' ? [v] : [];
}
