function fixedArityFactory(name, bound, arity, body) {
  const params = arity === void 0 ? "...args" : Array.from({ length: arity }, (_, i) => `a${i}`).join(", ");
  return new Function(...bound, `return function ${name.replace(/\W/g, "_")}(${params}) {
${body(params)}
};`);
}
export {
  fixedArityFactory
};
