/**
 * A factory: `(...bound) => function name(a0, ..., a{arity-1}) { body }`, where `body` sees the
 * bound values by their names and the parameters as `params` (for example "a0, a1"), or as
 * `...args` when the arity is unknown. Compile once per wrapper kind and reuse the factory.
 */
export declare function fixedArityFactory<F extends (...bound: any[]) => (...a: any[]) => any>(name: string, bound: readonly string[], arity: number | undefined, body: (params: string) => string): F;
