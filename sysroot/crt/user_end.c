/* Linked by `l4wasm cc` after the program's own objects and archives and before the libraries of
 * the toolchain and the sysroot, so wasm-ld numbers this function after every function of the
 * program and before every library function. The guest reads its index (an export's name) to tell
 * the program's code from wasi-libc's in a thread's stack: a thread may be switched away from at a
 * time slice's end only where no single-threaded library code is under way
 * (src/guest/green_threads.ts). */
__attribute__((export_name("__l4posix_user_end")))
void __l4posix_user_end(void) {}
