var KErr = /* @__PURE__ */ ((KErr2) => {
  KErr2[KErr2["Ok"] = 0] = "Ok";
  KErr2[KErr2["InvalidCap"] = 1] = "InvalidCap";
  KErr2[KErr2["WrongType"] = 2] = "WrongType";
  KErr2[KErr2["NoRights"] = 3] = "NoRights";
  KErr2[KErr2["NoMem"] = 4] = "NoMem";
  KErr2[KErr2["Timeout"] = 5] = "Timeout";
  KErr2[KErr2["Canceled"] = 6] = "Canceled";
  KErr2[KErr2["DeadPartner"] = 7] = "DeadPartner";
  KErr2[KErr2["WouldBlock"] = 8] = "WouldBlock";
  KErr2[KErr2["InvalidArg"] = 9] = "InvalidArg";
  KErr2[KErr2["SlotInUse"] = 10] = "SlotInUse";
  KErr2[KErr2["Overlap"] = 11] = "Overlap";
  KErr2[KErr2["OutOfRange"] = 12] = "OutOfRange";
  KErr2[KErr2["NotFound"] = 13] = "NotFound";
  KErr2[KErr2["MsgCut"] = 14] = "MsgCut";
  KErr2[KErr2["Terminated"] = 15] = "Terminated";
  KErr2[KErr2["InvalidHandle"] = 16] = "InvalidHandle";
  KErr2[KErr2["NoPartner"] = 17] = "NoPartner";
  KErr2[KErr2["NoSpace"] = 18] = "NoSpace";
  return KErr2;
})(KErr || {});
var ObjType = /* @__PURE__ */ ((ObjType2) => {
  ObjType2[ObjType2["None"] = 0] = "None";
  ObjType2[ObjType2["Task"] = 1] = "Task";
  ObjType2[ObjType2["Thread"] = 2] = "Thread";
  ObjType2[ObjType2["Gate"] = 3] = "Gate";
  ObjType2[ObjType2["Irq"] = 4] = "Irq";
  ObjType2[ObjType2["Factory"] = 5] = "Factory";
  return ObjType2;
})(ObjType || {});
var Rights = /* @__PURE__ */ ((Rights2) => {
  Rights2[Rights2["R"] = 1] = "R";
  Rights2[Rights2["W"] = 2] = "W";
  Rights2[Rights2["S"] = 4] = "S";
  Rights2[Rights2["All"] = 7] = "All";
  return Rights2;
})(Rights || {});
var ThreadState = /* @__PURE__ */ ((ThreadState2) => {
  ThreadState2[ThreadState2["Inactive"] = 0] = "Inactive";
  ThreadState2[ThreadState2["Ready"] = 1] = "Ready";
  ThreadState2[ThreadState2["BlockedOnSend"] = 2] = "BlockedOnSend";
  ThreadState2[ThreadState2["BlockedOnReceive"] = 3] = "BlockedOnReceive";
  ThreadState2[ThreadState2["Dead"] = 4] = "Dead";
  return ThreadState2;
})(ThreadState || {});
var TaskState = /* @__PURE__ */ ((TaskState2) => {
  TaskState2[TaskState2["Alive"] = 0] = "Alive";
  TaskState2[TaskState2["Terminated"] = 1] = "Terminated";
  TaskState2[TaskState2["Destroyed"] = 2] = "Destroyed";
  return TaskState2;
})(TaskState || {});
var Proto = /* @__PURE__ */ ((Proto2) => {
  Proto2[Proto2["Irq"] = -1] = "Irq";
  Proto2[Proto2["Exception"] = -5] = "Exception";
  return Proto2;
})(Proto || {});
var ResumeAction = /* @__PURE__ */ ((ResumeAction2) => {
  ResumeAction2[ResumeAction2["Resume"] = 0] = "Resume";
  ResumeAction2[ResumeAction2["RunHandler"] = 1] = "RunHandler";
  ResumeAction2[ResumeAction2["Kill"] = 2] = "Kill";
  ResumeAction2[ResumeAction2["KillTask"] = 3] = "KillTask";
  return ResumeAction2;
})(ResumeAction || {});
var RmFlags = /* @__PURE__ */ ((RmFlags2) => {
  RmFlags2[RmFlags2["Search"] = 1] = "Search";
  RmFlags2[RmFlags2["ReadOnly"] = 2] = "ReadOnly";
  return RmFlags2;
})(RmFlags || {});
const Timeout = { Never: -1, Poll: 0 };
const ITEM_MAP = 1;
function mapItem(rights = 7 /* All */) {
  return ITEM_MAP | (rights & 7) << 4;
}
const KIP_MAGIC = 1264006220;
const MR_COUNT = 64;
const BR_COUNT = 16;
const NUM_PRIOS = 256;
const MAX_CPUS = 16;
function msgTag(label, words = 0, items = 0) {
  return (label & 65535) << 16 | (items & 31) << 8 | words & 127;
}
function tagLabel(tag) {
  return tag >> 16;
}
function tagWords(tag) {
  return tag & 127;
}
function tagItems(tag) {
  return tag >> 8 & 31;
}
const Layout = {
  KIP_BASE: 4096,
  KIP_NCPUS: 8,
  KIP_CLOCK_BASE: 16,
  KIP_LAST_CLOCK: 24,
  KIP_ROOT_TASK: 32,
  KIP_ROOT_FACTORY: 36,
  OBJ_TABLE: 196608,
  HANDLE_INDEX_MASK: 16383,
  CPU_BASE: 16384,
  CPU_SIZE: 4096,
  CPU_WAKESEQ: 0,
  CPU_SLEEPING: 64,
  CPU_STOP: 68,
  CPU_CURRENT: 72,
  CPU_READYCOUNT: 76,
  CPU_DISPATCHAT: 80,
  CPU_BITMAP: 96,
  CPU_SCRATCH: 128,
  TH_STATE: 40,
  TH_PRIO: 41,
  TH_CPU: 42,
  TH_SLICELEFT: 80,
  TH_CPUTIME: 88,
  TH_PARTNER: 60,
  TH_WAITOBJ: 108,
  UTCB_MR: 256,
  UTCB_BR: 512,
  UTCB_TAG: 576,
  UTCB_LABEL: 580,
  UTCB_ERROR: 584,
  UTCB_SENDER: 588,
  UTCB_EXC_ACTION: 592,
  UTCB_EXC_ARG: 596,
  TASK_STATE: 48,
  TASK_EXC: 52,
  FACTORY_LIMIT: 32
};
const ABI_EXPORTS = {
  ABI_KIP_BASE: Layout.KIP_BASE,
  ABI_OBJ_TABLE: Layout.OBJ_TABLE,
  ABI_CPU_BASE: Layout.CPU_BASE,
  ABI_CPU_SIZE: Layout.CPU_SIZE,
  ABI_CPU_WAKESEQ: Layout.CPU_WAKESEQ,
  ABI_CPU_SLEEPING: Layout.CPU_SLEEPING,
  ABI_CPU_STOP: Layout.CPU_STOP,
  ABI_CPU_CURRENT: Layout.CPU_CURRENT,
  ABI_CPU_READYCOUNT: Layout.CPU_READYCOUNT,
  ABI_CPU_DISPATCHAT: Layout.CPU_DISPATCHAT,
  ABI_CPU_SCRATCH: Layout.CPU_SCRATCH,
  ABI_TH_STATE: Layout.TH_STATE,
  ABI_TH_CPU: Layout.TH_CPU,
  ABI_TH_PRIO: Layout.TH_PRIO,
  ABI_TH_SLICELEFT: Layout.TH_SLICELEFT,
  ABI_TH_CPUTIME: Layout.TH_CPUTIME,
  ABI_TH_PARTNER: Layout.TH_PARTNER,
  ABI_TH_WAITOBJ: Layout.TH_WAITOBJ,
  ABI_CPU_BITMAP: Layout.CPU_BITMAP,
  ABI_UTCB_MR: Layout.UTCB_MR,
  ABI_UTCB_BR: Layout.UTCB_BR,
  ABI_UTCB_TAG: Layout.UTCB_TAG,
  ABI_UTCB_LABEL: Layout.UTCB_LABEL,
  ABI_UTCB_ERROR: Layout.UTCB_ERROR,
  ABI_UTCB_SENDER: Layout.UTCB_SENDER,
  ABI_UTCB_EXC_ACTION: Layout.UTCB_EXC_ACTION,
  ABI_UTCB_EXC_ARG: Layout.UTCB_EXC_ARG,
  ABI_TASK_STATE: Layout.TASK_STATE,
  ABI_TASK_EXC: Layout.TASK_EXC,
  ABI_FACTORY_LIMIT: Layout.FACTORY_LIMIT
};
export {
  ABI_EXPORTS,
  BR_COUNT,
  ITEM_MAP,
  KErr,
  KIP_MAGIC,
  Layout,
  MAX_CPUS,
  MR_COUNT,
  NUM_PRIOS,
  ObjType,
  Proto,
  ResumeAction,
  Rights,
  RmFlags,
  TaskState,
  ThreadState,
  Timeout,
  mapItem,
  msgTag,
  tagItems,
  tagLabel,
  tagWords
};
