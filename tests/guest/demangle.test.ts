import { describe, expect, it } from 'vitest';
import { demangle } from '../../src/guest/demangle.js';

describe('Rust symbol names in trap messages', () => {
  it('decodes legacy mangled names and drops the hash', () => {
    expect(demangle('_ZN3std2rt10lang_start17h0123456789abcdefE')).toBe('std::rt::lang_start');
    expect(demangle('_ZN4core9panicking5panic17h91f2e3b7f8f21d2aE')).toBe('core::panicking::panic');
    expect(demangle('_ZN66_$LT$alloc..vec..Vec$LT$T$GT$$u20$as$u20$core..ops..drop..Drop$GT$4drop17h0000000000000000E'))
      .toBe('<alloc::vec::Vec<T> as core::ops::drop::Drop>::drop');
  });

  it('leaves C, C++ and unknown names alone', () => {
    expect(demangle('dlfree')).toBe('dlfree');
    expect(demangle('_ZN3foo3barEv')).toBe('_ZN3foo3barEv');
    expect(demangle('_RNvCs1234_7mycrate4main')).toBe('_RNvCs1234_7mycrate4main');
  });
});
