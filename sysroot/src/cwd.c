/* wasi-libc keeps the working directory inside the program: a program started by posix_spawn or
 * exec finds it in L4WASM_CWD (the process manager sets it), enters it and removes the variable
 * before the program's own constructors and main, so that its environ is the envp it was given;
 * without it, PWD (Machine.spawn's cwd sets it, as a shell would). `l4wasm cc` links this into
 * every program (it exports __l4posix_cwd_init); it uses no l4posix import, so the program still
 * runs under any WASI host. */
#include <stdlib.h>
#include <unistd.h>

/* stdout's buffering, decided before any constructor of the program (stdout_buffering.c). */
void __l4posix_stdout_buffering(void);

/* wasi-libc's chdir itself: PWD is already canonical, and <unistd.h>'s chdir would import l4posix. */
int __wasilibc_chdir(const char *) __asm__("chdir");

__attribute__((constructor(102))) void __l4posix_cwd_init(void) {
  __l4posix_stdout_buffering();
  const char *cwd = getenv("L4WASM_CWD");
  if (cwd != NULL) {
    if (cwd[0] == '/' && cwd[1]) __wasilibc_chdir(cwd);
    unsetenv("L4WASM_CWD");
    return;
  }
  const char *pwd = getenv("PWD");
  if (pwd && pwd[0] == '/' && pwd[1]) __wasilibc_chdir(pwd);
}
