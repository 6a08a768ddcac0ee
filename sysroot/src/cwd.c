/* wasi-libc keeps the working directory inside the program: a program started by posix_spawn or
 * exec finds it in L4WASM_CWD (the process manager sets it), enters it and removes the variable
 * before the program's own constructors and main, so that its environ is the envp it was given;
 * without it, PWD (Machine.spawn's cwd sets it, as a shell would). `l4wasm cc` links this into
 * every program (it exports __l4posix_cwd_init); it uses no l4posix import, so the program still
 * runs under any WASI host. */
#include <stdlib.h>
#include <unistd.h>
#include <wasi/api.h>
#include <wasi/libc.h>

/* stdout's buffering, decided before any constructor of the program (stdout_buffering.c). */
void __l4posix_stdout_buffering(void);

/* wasi-libc's chdir itself: PWD is already canonical, and <unistd.h>'s chdir would import l4posix. */
int __wasilibc_chdir(const char *) __asm__("chdir");

/* A program started by exec from one that moved its preopens to the top of the descriptor table
 * (preopen_move.c) finds them there, 1023 downwards, when none is announced at 3 where wasi-libc
 * looks; WASI calls only. */
void __wasilibc_reset_preopens(void);

static void find_moved_preopens(void) {
  __wasi_prestat_t st;
  if (__wasi_fd_prestat_get(3, &st) == 0) return;
  int found = 0;
  for (int fd = 1023; fd > 3; fd--) {
    if (__wasi_fd_prestat_get((__wasi_fd_t)fd, &st) != 0 || st.tag != __WASI_PREOPENTYPE_DIR) break;
    char name[256];
    size_t len = st.u.dir.pr_name_len;
    if (len >= sizeof name || __wasi_fd_prestat_dir_name((__wasi_fd_t)fd, (uint8_t *)name, len) != 0) break;
    name[len] = 0;
    if (!found) __wasilibc_reset_preopens();
    found = 1;
    __wasilibc_register_preopened_fd(fd, name);
  }
}

__attribute__((constructor(102))) void __l4posix_cwd_init(void) {
  find_moved_preopens();
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
