let epoch = 0;
function nextWalk() {
  epoch = epoch + 1 | 0;
}
function currentWalk() {
  return epoch;
}
export {
  currentWalk,
  nextWalk
};
