// Host errors (unhandled rejections, uncaught exceptions) that escape l4wasm while each test of
// the calling file runs: the returned array holds the current test's, emptied before each.
import { afterEach, beforeEach } from 'vitest';

export function watchEscapes(): unknown[] {
  const escaped: unknown[] = [];
  const onEscape = (e: unknown) => { escaped.push(e); };
  beforeEach(() => {
    escaped.length = 0;
    process.on('unhandledRejection', onEscape);
    process.on('uncaughtException', onEscape);
  });
  afterEach(() => {
    process.off('unhandledRejection', onEscape);
    process.off('uncaughtException', onEscape);
  });
  return escaped;
}
