export { runCommand } from './run.js';
export { finish } from './main.js';
