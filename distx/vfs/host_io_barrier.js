let barrier;
function setHostIoBarrier(wait) {
  barrier = wait;
}
function hostIoBarrier() {
  if (barrier !== void 0) barrier();
}
export {
  hostIoBarrier,
  setHostIoBarrier
};
