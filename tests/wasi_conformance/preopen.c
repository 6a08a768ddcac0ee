/* WASI preview1 conformance: the preopened directory itself (its rights, opening it again,
 * closing it, renumbering over it) and renumbering over stdio. Each test changes the descriptor
 * table for good, so the program runs one. Usage: preopen PREOPEN TEST */
#include "conformance.h"

static void path_open_preopen(int pre) {
  __wasi_prestat_t ps;
  expect_ok("path_open_preopen.prestat", __wasi_fd_prestat_get(pre, &ps));
  expect_eq("path_open_preopen.tag", ps.tag, __WASI_PREOPENTYPE_DIR);
  __wasi_fdstat_t st;
  expect_ok("path_open_preopen.fdstat", __wasi_fd_fdstat_get(pre, &st));
  const __wasi_rights_t dir_base = __WASI_RIGHTS_PATH_CREATE_DIRECTORY | __WASI_RIGHTS_PATH_CREATE_FILE |
      __WASI_RIGHTS_PATH_LINK_SOURCE | __WASI_RIGHTS_PATH_LINK_TARGET | __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_READDIR |
      __WASI_RIGHTS_PATH_READLINK | __WASI_RIGHTS_PATH_RENAME_SOURCE | __WASI_RIGHTS_PATH_RENAME_TARGET |
      __WASI_RIGHTS_PATH_SYMLINK | __WASI_RIGHTS_PATH_REMOVE_DIRECTORY | __WASI_RIGHTS_PATH_UNLINK_FILE |
      __WASI_RIGHTS_PATH_FILESTAT_GET | __WASI_RIGHTS_PATH_FILESTAT_SET_TIMES | __WASI_RIGHTS_FD_FILESTAT_GET |
      __WASI_RIGHTS_FD_FILESTAT_SET_TIMES;
  const __wasi_rights_t dir_inheriting = dir_base | __WASI_RIGHTS_FD_DATASYNC | __WASI_RIGHTS_FD_READ |
      __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS | __WASI_RIGHTS_FD_SYNC | __WASI_RIGHTS_FD_TELL |
      __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_ADVISE | __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_FILESTAT_GET |
      __WASI_RIGHTS_FD_FILESTAT_SET_SIZE | __WASI_RIGHTS_FD_FILESTAT_SET_TIMES | __WASI_RIGHTS_POLL_FD_READWRITE;
  expect_eq("path_open_preopen.base_rights", st.fs_rights_base & dir_base, dir_base);
  expect_eq("path_open_preopen.inheriting_rights", st.fs_rights_inheriting & dir_inheriting, dir_inheriting);
  __wasi_fd_t fd;
  expect_ok("path_open_preopen.same_rights", __wasi_path_open(pre, 0, ".", 0, st.fs_rights_base, st.fs_rights_inheriting, 0, &fd));
  expect_ok("path_open_preopen.no_rights", __wasi_path_open(pre, 0, ".", 0, 0, 0, 0, &fd));
  expect_ok("path_open_preopen.directory_no_rights", __wasi_path_open(pre, 0, ".", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd));
  expect_ok("path_open_preopen.directory_read", __wasi_path_open(pre, 0, ".", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READ, 0, 0, &fd));
  expect_errno("path_open_preopen.directory_read_write", __wasi_path_open(pre, 0, ".", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, 0, &fd), 1, __WASI_ERRNO_ISDIR);
}

static void path_open_nonblock(int pre) {
  __wasi_fd_t dir = open_scratch_fd(pre), fd;
  expect_ok("path_open_nonblock.open", __wasi_path_open(dir, 0, ".", 0, 0, 0, __WASI_FDFLAGS_NONBLOCK, &fd));
}

static void close_preopen(int pre) {
  __wasi_fd_t dir = open_scratch_fd(pre);
  expect_true("close_preopen.dir_fd", dir > 3, "a descriptor above 3");
  expect_ok("close_preopen.close", __wasi_fd_close(3));
  __wasi_fdstat_t st;
  expect_ok("close_preopen.dir_open", __wasi_fd_fdstat_get(dir, &st));
  expect_eq("close_preopen.dir_type", st.fs_filetype, __WASI_FILETYPE_DIRECTORY);
  expect_errno("close_preopen.closed", __wasi_fd_fdstat_get(3, &st), 1, __WASI_ERRNO_BADF);
}

static void overwrite_preopen(int pre) {
  __wasi_fd_t base = open_scratch_fd(pre);
  __wasi_fd_t dir = create_tmp_dir(base, "overwrite_preopen_dir.cleanup");
  expect_true("overwrite_preopen.dir_fd", dir > 3, "a descriptor above 3");
  __wasi_filestat_t before, after;
  expect_ok("overwrite_preopen.stat", __wasi_fd_filestat_get(dir, &before));
  expect_ok("overwrite_preopen.renumber", __wasi_fd_renumber(dir, 3));
  expect_ok("overwrite_preopen.stat3", __wasi_fd_filestat_get(3, &after));
  expect_eq("overwrite_preopen.dev", after.dev, before.dev);
  expect_eq("overwrite_preopen.ino", after.ino, before.ino);
  __wasi_fdstat_t st;
  expect_errno("overwrite_preopen.old_closed", __wasi_fd_fdstat_get(dir, &st), 1, __WASI_ERRNO_BADF);
  __wasi_fd_close(3);
  expect_ok("overwrite_preopen.rmdir", __wasi_path_remove_directory(base, "overwrite_preopen_dir.cleanup"));
}

/* Renumbering a file over 0, 1 and 2: output is gone afterwards, so the exit status reports
 * (0, or 64 + a bit per failed check) and the output says only that the test started. */
static void stdio_test(int pre) {
  __wasi_fd_t base = open_scratch_fd(pre);
  __wasi_fd_t dir = create_tmp_dir(base, "stdio_dir.cleanup");
  printf("stdio: started\n");
  fflush(stdout);
  int status = 0;
  for (__wasi_fd_t from = 0; from < 3; from++) {
    __wasi_fd_t to;
    __wasi_fdstat_t st;
    if (__wasi_path_open(dir, 0, "file.cleanup", __WASI_OFLAGS_CREAT, 0, 0, 0, &to) != 0) { status |= 1 << (from * 2); continue; }
    if (__wasi_fd_renumber(from, to) != 0 || __wasi_fd_fdstat_get(to, &st) != 0) status |= 1 << (from * 2);
    if (__wasi_fd_fdstat_get(from, &st) == 0) status |= 2 << (from * 2);
    __wasi_path_unlink_file(dir, "file.cleanup");
  }
  __wasi_fd_close(dir);
  __wasi_path_remove_directory(base, "stdio_dir.cleanup");
  __wasi_proc_exit(status == 0 ? 0 : 64 + status);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s PREOPEN TEST\n", argv[0]);
    return 2;
  }
  int pre = find_preopen(argv[1]);
  if (pre < 0) {
    printf("find_preopen: FAIL no preopen named %s\n", argv[1]);
    return 1;
  }
  struct { const char *name; void (*run)(int); } tests[] = {
    {"path_open_preopen", path_open_preopen}, {"path_open_nonblock", path_open_nonblock},
    {"close_preopen", close_preopen}, {"overwrite_preopen", overwrite_preopen}, {"stdio", stdio_test},
  };
  for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
    if (strcmp(argv[2], tests[i].name) == 0) tests[i].run(pre);
  return finish();
}
