class LoadError extends Error {
}
export {
  LoadError
};
