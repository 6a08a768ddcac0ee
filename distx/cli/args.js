import { parseArgs } from "node:util";
const HELP = { type: "boolean", short: "h", help: "show this help" };
function tableOf(def) {
  return { ...def.options, help: HELP };
}
function lookup(table, arg) {
  if (arg.startsWith("--")) {
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const def = Object.hasOwn(table, name) ? table[name] : void 0;
    return def === void 0 ? void 0 : { name, def, inline: eq >= 0 };
  }
  if (arg.length >= 2) {
    const entry = Object.entries(table).find(([, d]) => d.short === arg[1]);
    if (entry !== void 0) return { name: entry[0], def: entry[1], inline: arg.length > 2 };
  }
  return void 0;
}
function flagOf(arg) {
  const eq = arg.indexOf("=");
  return arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg.startsWith("--") ? arg : arg.slice(0, 2);
}
function parseCommand(def, argv) {
  const table = tableOf(def);
  const optionArgs = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      i++;
      break;
    }
    if (!a.startsWith("-") || a === "-") {
      if (def.operandMode === "none") return { kind: "error", message: `unexpected argument '${a}'` };
      break;
    }
    const o = lookup(table, a);
    if (o === void 0) return { kind: "error", message: `unknown option '${flagOf(a)}'` };
    if (o.def.type === "boolean") {
      if (o.inline) return { kind: "error", message: `option '${flagOf(a)}' takes no value` };
      optionArgs.push(a);
      continue;
    }
    if (o.inline) {
      if (a.startsWith("--") && a.slice(a.indexOf("=") + 1) === "") return { kind: "error", message: `option '${flagOf(a)}' needs a value` };
      optionArgs.push(a);
    } else if (o.def.bare !== void 0) {
      optionArgs.push(`--${o.name}=${o.def.bare}`);
    } else {
      const v = argv[i + 1];
      if (v === void 0 || v === "--") return { kind: "error", message: `option '${a}' needs a value${o.def.value ? ` (${o.def.value})` : ""}` };
      optionArgs.push(a.startsWith("--") ? `${a}=${v}` : `${a}${v}`);
      i++;
    }
  }
  const operands = argv.slice(i);
  if (def.operandMode === "none" && operands.length > 0) return { kind: "error", message: `unexpected argument '${operands[0]}'` };
  const options = {};
  for (const [name, d] of Object.entries(table)) {
    options[name] = { type: d.type, ...d.short !== void 0 ? { short: d.short } : {}, ...d.multiple ? { multiple: true } : {} };
  }
  let values;
  try {
    values = parseArgs({ args: optionArgs, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    return { kind: "error", message: String(e.message).split("\n")[0] };
  }
  if (values.help === true) return { kind: "help" };
  return { kind: "ok", values, operands };
}
function helpText(def) {
  const table = tableOf(def);
  const rows = Object.entries(table).map(([name, d]) => {
    const value = d.type === "string" ? d.bare !== void 0 ? `[=${d.value ?? "VALUE"}]` : ` ${d.value ?? "VALUE"}` : "";
    return [`${d.short ? `-${d.short}, ` : "    "}--${name}${value}`, d.help + (d.multiple ? " (repeatable)" : "")];
  });
  const width = Math.min(34, Math.max(...rows.map(([l]) => l.length)) + 2);
  const lines = rows.map(([l, h]) => {
    const [first, ...more] = h.split("\n");
    const pad = " ".repeat(width + 2);
    return (l.length + 2 > width ? `  ${l}
${pad}${first}` : `  ${l.padEnd(width)}${first}`) + more.map((m) => `
${pad}${m}`).join("");
  });
  return `usage: l4wasm ${def.name} [options]${def.operands ? ` ${def.operands}` : ""}

${def.description.trimEnd()}

options:
${lines.join("\n")}
`;
}
function argError(command, message) {
  const where = command === "" ? "l4wasm" : `l4wasm ${command}`;
  process.stderr.write(`${where}: ${message}
try '${where} --help'
`);
  return 2;
}
function lastString(v) {
  if (Array.isArray(v)) return v.length > 0 ? String(v[v.length - 1]) : void 0;
  return typeof v === "string" ? v : void 0;
}
function allStrings(v) {
  if (Array.isArray(v)) return v.map(String);
  return typeof v === "string" ? [v] : [];
}
export {
  allStrings,
  argError,
  helpText,
  lastString,
  parseCommand
};
