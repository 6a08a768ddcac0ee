import { family, L4POSIX } from "./spec.js";
import { identityCalls } from "../l4posix_identity.js";
const atOnce = { suspends: false, callerOnly: false };
const constant = { ...atOnce, coreLocal: true };
const identityFamily = family("identity", L4POSIX, identityCalls, {
  getpid: ["", constant],
  getppid: ["", atOnce],
  getuid: ["effective:int", constant],
  getgid: ["effective:int", constant]
});
export {
  identityFamily
};
