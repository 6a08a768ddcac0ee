import { family, L4POSIX, WASI } from "./spec.js";
import { ppollCalls } from "../l4posix_ppoll.js";
import { clockCalls } from "../wasi_clock.js";
import { pollCalls } from "../wasi_poll.js";
import { sysCalls } from "../l4posix_sys.js";
const timeCalls = [
  ...family("time", WASI, { ...clockCalls, ...pollCalls }, {
    // The clock always answers at once, and a decoupled program reads it on its own core.
    clock_res_get: ["id:clock resolution:out64", { suspends: false }],
    clock_time_get: ["id:clock precision:ns time:out64", { suspends: false, coreLocal: true }],
    // Waits with a deadline of its own: the caller keeps it on the server path.
    poll_oneoff: ["in:subs out:ptr nsubscriptions:int nevents:events", { callerOnly: true }]
  }),
  ...family("time", L4POSIX, { clock_settime: sysCalls.clock_settime }, {
    clock_settime: ["clock:int sec:i64 nsec:int"]
  }),
  ...family("time", L4POSIX, ppollCalls, {
    ppoll: ["fds:ptr nfds:int timeout:ptr sigmask:ptr"]
  })
];
export {
  timeCalls
};
