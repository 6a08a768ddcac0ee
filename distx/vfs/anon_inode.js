import { nextDeviceId } from "./stat.js";
const ANON_DEV = nextDeviceId();
let nextIno = 1n;
function nextAnonIno() {
  return nextIno++;
}
export {
  ANON_DEV,
  nextAnonIno
};
