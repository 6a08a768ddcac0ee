var Slot = /* @__PURE__ */ ((Slot2) => {
  Slot2[Slot2["State"] = 0] = "State";
  Slot2[Slot2["Call"] = 1] = "Call";
  Slot2[Slot2["Handlers"] = 2] = "Handlers";
  Slot2[Slot2["Polling"] = 3] = "Polling";
  Slot2[Slot2["Again"] = 4] = "Again";
  Slot2[Slot2["Sleeping"] = 5] = "Sleeping";
  Slot2[Slot2["Pending"] = 6] = "Pending";
  Slot2[Slot2["LocalIo"] = 7] = "LocalIo";
  Slot2[Slot2["LocalBusy"] = 8] = "LocalBusy";
  Slot2[Slot2["MemoryLimit"] = 9] = "MemoryLimit";
  Slot2[Slot2["LockOwner"] = 10] = "LockOwner";
  Slot2[Slot2["Instantiating"] = 11] = "Instantiating";
  Slot2[Slot2["FreeFds"] = 12] = "FreeFds";
  Slot2[Slot2["Umask"] = 14] = "Umask";
  Slot2[Slot2["NextMode"] = 15] = "NextMode";
  Slot2[Slot2["HandlerArgs"] = 256] = "HandlerArgs";
  return Slot2;
})(Slot || {});
var State = /* @__PURE__ */ ((State2) => {
  State2[State2["Idle"] = 0] = "Idle";
  State2[State2["Request"] = 1] = "Request";
  State2[State2["Reply"] = 2] = "Reply";
  State2[State2["Exit"] = 3] = "Exit";
  return State2;
})(State || {});
var Polling = /* @__PURE__ */ ((Polling2) => {
  Polling2[Polling2["Off"] = 0] = "Off";
  Polling2[Polling2["Spinning"] = 1] = "Spinning";
  return Polling2;
})(Polling || {});
const UNWIND = -1;
var Op = /* @__PURE__ */ ((Op2) => {
  Op2[Op2["SignalReturn"] = -1] = "SignalReturn";
  Op2[Op2["Adopt"] = -2] = "Adopt";
  Op2[Op2["Returned"] = -3] = "Returned";
  return Op2;
})(Op || {});
const ARG_SLOT = 16;
const MAX_ARGS = 16;
const RESULT_SLOT = ARG_SLOT + MAX_ARGS;
const STARTED_SLOT = 48;
const SLEPT_SLOT = 49;
const HANDLER_INTS = 8;
const MAX_HANDLERS = 8;
const LENT_SLOT = 512;
const LENT_FDS = 64;
const LENT_OFFSET_SLOT = 320;
const LENT_DEV_SLOT = 384;
var LentAccess = /* @__PURE__ */ ((LentAccess2) => {
  LentAccess2[LentAccess2["Read"] = 1] = "Read";
  LentAccess2[LentAccess2["Write"] = 2] = "Write";
  LentAccess2[LentAccess2["Stream"] = 4] = "Stream";
  LentAccess2[LentAccess2["Sync"] = 8] = "Sync";
  LentAccess2[LentAccess2["Stat"] = 16] = "Stat";
  LentAccess2[LentAccess2["DataSync"] = 32] = "DataSync";
  LentAccess2[LentAccess2["StreamWrite"] = 64] = "StreamWrite";
  LentAccess2[LentAccess2["Seek"] = 128] = "Seek";
  LentAccess2[LentAccess2["FileStat"] = 256] = "FileStat";
  return LentAccess2;
})(LentAccess || {});
const OFFSET_ACCESS = 4 /* Stream */ | 64 /* StreamWrite */ | 128 /* Seek */;
const ACCESS_BITS = 9;
const lentEntry = (hostFd, access) => hostFd + 1 << ACCESS_BITS | access;
const lentHostFd = (entry) => (entry >>> ACCESS_BITS) - 1;
const LENT_INO_SLOT = 512;
const CHANNEL_BYTES = 8192;
const FDSTAT_SLOT = 320;
const FDSTAT_HIGH = 8;
const FDSTAT_HIGH_FDS_SLOT = FDSTAT_SLOT + (16 + FDSTAT_HIGH) * 4;
function fdstatAt(i32, fd) {
  if (fd >>> 0 < FDSTAT_FDS) return FDSTAT_SLOT + fd * FDSTAT_INTS;
  for (let k = 0; k < FDSTAT_HIGH; k++) {
    if (i32[FDSTAT_HIGH_FDS_SLOT + k] === fd + 1) return FDSTAT_SLOT + (FDSTAT_FDS + k) * FDSTAT_INTS;
  }
  return -1;
}
const DEFER_SLOT = 960;
const DEFER_INTS = 4;
const MAX_DEFERRED = 15;
const FDSTAT_FDS = 16;
const FDSTAT_INTS = 4;
const fdstatWord = (fileType, flags) => 1 | fileType << 8 | flags << 16 | 0;
const LOCK_SLOT = 896;
var LockRight = /* @__PURE__ */ ((LockRight2) => {
  LockRight2[LockRight2["Read"] = 1] = "Read";
  LockRight2[LockRight2["Write"] = 2] = "Write";
  return LockRight2;
})(LockRight || {});
const lockEntry = (slot, rights) => slot + 1 << 2 | rights;
const lockSlotOf = (entry) => (entry >>> 2) - 1;
const OPEN_SLOT = 448;
const OPEN_INTS = 8;
const MAX_OPENS = 8;
var OpenedAs = /* @__PURE__ */ ((OpenedAs2) => {
  OpenedAs2[OpenedAs2["Directory"] = 1] = "Directory";
  OpenedAs2[OpenedAs2["Read"] = 2] = "Read";
  OpenedAs2[OpenedAs2["Write"] = 4] = "Write";
  return OpenedAs2;
})(OpenedAs || {});
const I64 = 126;
export {
  ARG_SLOT,
  CHANNEL_BYTES,
  DEFER_INTS,
  DEFER_SLOT,
  FDSTAT_FDS,
  FDSTAT_HIGH,
  FDSTAT_HIGH_FDS_SLOT,
  FDSTAT_INTS,
  FDSTAT_SLOT,
  HANDLER_INTS,
  I64,
  LENT_DEV_SLOT,
  LENT_FDS,
  LENT_INO_SLOT,
  LENT_OFFSET_SLOT,
  LENT_SLOT,
  LOCK_SLOT,
  LentAccess,
  LockRight,
  MAX_ARGS,
  MAX_DEFERRED,
  MAX_HANDLERS,
  MAX_OPENS,
  OFFSET_ACCESS,
  OPEN_INTS,
  OPEN_SLOT,
  Op,
  OpenedAs,
  Polling,
  RESULT_SLOT,
  SLEPT_SLOT,
  STARTED_SLOT,
  Slot,
  State,
  UNWIND,
  fdstatAt,
  fdstatWord,
  lentEntry,
  lentHostFd,
  lockEntry,
  lockSlotOf
};
