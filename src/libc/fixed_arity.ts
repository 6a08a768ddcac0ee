// Functions of a fixed number of parameters, compiled from source: the one place the import
// wrappers (the syscall edge, the server path's stubs, the suspension boundary) are generated.
// V8's wasm-to-JS call is cheapest when the callee's arity matches the import's, and a function
// literal of its own per call keeps each wrapper's type feedback monomorphic (closures made from
// one literal share it, and a call site shared by all imports would never be inlined).

/**
 * A factory: `(...bound) => function name(a0, ..., a{arity-1}) { body }`, where `body` sees the
 * bound values by their names and the parameters as `params` (for example "a0, a1"), or as
 * `...args` when the arity is unknown. Compile once per wrapper kind and reuse the factory.
 */
export function fixedArityFactory<F extends (...bound: any[]) => (...a: any[]) => any>(
  name: string, bound: readonly string[], arity: number | undefined, body: (params: string) => string,
): F {
  const params = arity === undefined ? '...args' : Array.from({ length: arity }, (_, i) => `a${i}`).join(', ');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function(...bound, `return function ${name.replace(/\W/g, '_')}(${params}) {\n${body(params)}\n};`) as F;
}
