const PATH_MAX = 4096;
const NAME_MAX = 255;
const SYMLOOP_MAX = 40;
const SLASH = 47;
function pushComponents(stack, path) {
  let end = path.length;
  const trailing = end > 0 && path.charCodeAt(end - 1) === SLASH;
  while (end > 0) {
    const slash = path.lastIndexOf("/", end - 1);
    if (slash < end - 1) stack.push(path.slice(slash + 1, end));
    if (slash < 0) break;
    end = slash;
  }
  return trailing;
}
function isAbsolute(path) {
  return path.charCodeAt(0) === SLASH;
}
function nameTooLong(name) {
  return name.length > NAME_MAX / 3 && Buffer.byteLength(name) > NAME_MAX;
}
function pathTooLong(path) {
  return path.length >= PATH_MAX / 3 && Buffer.byteLength(path) >= PATH_MAX;
}
function isDotName(name) {
  return name === "" || name === "." || name === "..";
}
export {
  NAME_MAX,
  PATH_MAX,
  SYMLOOP_MAX,
  isAbsolute,
  isDotName,
  nameTooLong,
  pathTooLong,
  pushComponents
};
