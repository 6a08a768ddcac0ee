// A module from its text, for the tests' small hand-made programs (binaryen's parser).
import binaryen from 'binaryen';

/** `allFeatures`: accept every proposal binaryen knows (exceptions, SIMD...), not only the MVP. */
export function wat(text: string, allFeatures = false): Uint8Array {
  const m = binaryen.parseText(text);
  try {
    if (allFeatures) m.setFeatures(binaryen.Features.All);
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}
