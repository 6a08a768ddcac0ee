import { runCommand } from "./run.js";
import { finish } from "./main.js";
export {
  finish,
  runCommand
};
