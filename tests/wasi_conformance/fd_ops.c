/* WASI preview1 conformance: descriptor calls (fd_*) on files and directories in a scratch
 * directory. Usage: fd_ops PREOPEN SUBDIR [TEST...] */
#include "conformance.h"
#include <unistd.h>

static void dir_fd_op_failures(__wasi_fd_t dir) {
  __wasi_filestat_t st;
  expect_ok("dir_fd_op_failures.filestat", __wasi_fd_filestat_get(dir, &st));
  expect_eq("dir_fd_op_failures.filetype", st.filetype, __WASI_FILETYPE_DIRECTORY);
  /* The first preopened directory. */
  __wasi_fd_t pre = 3;
  __wasi_prestat_t ps;
  for (;; pre++) {
    must("find preopen", __wasi_fd_prestat_get(pre, &ps));
    if (ps.tag == __WASI_PREOPENTYPE_DIR) break;
  }
  uint8_t name[300];
  expect_errno("dir_fd_op_failures.prestat_dir_name_short", __wasi_fd_prestat_dir_name(pre, name, 0), 2,
               __WASI_ERRNO_INVAL, __WASI_ERRNO_NAMETOOLONG);
  expect_ok("dir_fd_op_failures.prestat_dir_name_long", __wasi_fd_prestat_dir_name(pre, name, ps.u.dir.pr_name_len + 1));
  uint8_t buf[128] = {0};
  size_t n;
  __wasi_iovec_t iov = {buf, sizeof buf};
  __wasi_ciovec_t ciov = {buf, sizeof buf};
  expect_errno("dir_fd_op_failures.fd_read", __wasi_fd_read(dir, &iov, 1, &n), 3, __WASI_ERRNO_ISDIR, __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
  expect_errno("dir_fd_op_failures.fd_pread", __wasi_fd_pread(dir, &iov, 1, 0, &n), 3, __WASI_ERRNO_ISDIR, __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
  expect_errno("dir_fd_op_failures.fd_write", __wasi_fd_write(dir, &ciov, 1, &n), 3, __WASI_ERRNO_ISDIR, __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
  expect_errno("dir_fd_op_failures.fd_pwrite", __wasi_fd_pwrite(dir, &ciov, 1, 0, &n), 3, __WASI_ERRNO_ISDIR, __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
  __wasi_filesize_t pos;
  expect_errno("dir_fd_op_failures.fd_seek_cur", __wasi_fd_seek(dir, 0, __WASI_WHENCE_CUR, &pos), 3, __WASI_ERRNO_ISDIR, __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
  expect_errno("dir_fd_op_failures.fd_seek_set", __wasi_fd_seek(dir, 0, __WASI_WHENCE_SET, &pos), 3, __WASI_ERRNO_ISDIR, __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
  expect_errno("dir_fd_op_failures.fd_seek_end", __wasi_fd_seek(dir, 0, __WASI_WHENCE_END, &pos), 3, __WASI_ERRNO_ISDIR, __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
  expect_errno("dir_fd_op_failures.fd_tell", __wasi_fd_tell(dir, &pos), 3, __WASI_ERRNO_ISDIR, __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
  expect_errno("dir_fd_op_failures.fd_allocate", __wasi_fd_allocate(dir, 0, 0), 3, __WASI_ERRNO_ISDIR, __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
  expect_errno("dir_fd_op_failures.fd_allocate1", __wasi_fd_allocate(dir, 0, 1), 3, __WASI_ERRNO_ISDIR, __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
  expect_errno("dir_fd_op_failures.fd_filestat_set_size", __wasi_fd_filestat_set_size(dir, 0), 4, __WASI_ERRNO_ISDIR, __WASI_ERRNO_INVAL, __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
}

static void directory_seek(__wasi_fd_t dir) {
  must("directory_seek mkdir", __wasi_path_create_directory(dir, "directory_seek_dir.cleanup"));
  __wasi_fd_t fd;
  must("directory_seek open", __wasi_path_open(dir, 0, "directory_seek_dir.cleanup", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_SEEK, 0, 0, &fd));
  expect_true("directory_seek.fd_range", fd > 2, "fd > 2");
  __wasi_filesize_t pos;
  expect_errno("directory_seek.seek", __wasi_fd_seek(fd, 0, __WASI_WHENCE_CUR, &pos), 1, __WASI_ERRNO_BADF);
  __wasi_fdstat_t st;
  expect_ok("directory_seek.fdstat", __wasi_fd_fdstat_get(fd, &st));
  expect_eq("directory_seek.filetype", st.fs_filetype, __WASI_FILETYPE_DIRECTORY);
  expect_eq("directory_seek.no_seek_right", st.fs_rights_base & __WASI_RIGHTS_FD_SEEK, 0);
  expect_ok("directory_seek.close", __wasi_fd_close(fd));
  expect_ok("directory_seek.rmdir", __wasi_path_remove_directory(dir, "directory_seek_dir.cleanup"));
}

static void fd_advise(__wasi_fd_t dir) {
  __wasi_fd_t fd;
  must("fd_advise open", __wasi_path_open(dir, 0, "fd_advise_file.cleanup", __WASI_OFLAGS_CREAT,
      __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_ADVISE | __WASI_RIGHTS_FD_FILESTAT_GET |
      __WASI_RIGHTS_FD_FILESTAT_SET_SIZE | __WASI_RIGHTS_FD_ALLOCATE, 0, 0, &fd));
  __wasi_filestat_t st;
  expect_ok("fd_advise.stat", __wasi_fd_filestat_get(fd, &st));
  expect_eq("fd_advise.size0", st.size, 0);
  expect_ok("fd_advise.set_size", __wasi_fd_filestat_set_size(fd, 100));
  __wasi_fd_filestat_get(fd, &st);
  expect_eq("fd_advise.size100", st.size, 100);
  expect_ok("fd_advise.advise", __wasi_fd_advise(fd, 10, 50, __WASI_ADVICE_NORMAL));
  __wasi_fd_filestat_get(fd, &st);
  expect_eq("fd_advise.size_unchanged", st.size, 100);
  expect_ok("fd_advise.allocate", __wasi_fd_allocate(fd, 100, 100));
  __wasi_fd_filestat_get(fd, &st);
  expect_eq("fd_advise.size200", st.size, 200);
  expect_ok("fd_advise.close", __wasi_fd_close(fd));
  expect_ok("fd_advise.unlink", __wasi_path_unlink_file(dir, "fd_advise_file.cleanup"));
}

static void fd_filestat_get(__wasi_fd_t dir) {
  (void)dir;
  const char *names[3][4] = {
    {"fd_filestat_get.stdin_size", "fd_filestat_get.stdin_atim", "fd_filestat_get.stdin_mtim", "fd_filestat_get.stdin_ctim"},
    {"fd_filestat_get.stdout_size", "fd_filestat_get.stdout_atim", "fd_filestat_get.stdout_mtim", "fd_filestat_get.stdout_ctim"},
    {"fd_filestat_get.stderr_size", "fd_filestat_get.stderr_atim", "fd_filestat_get.stderr_mtim", "fd_filestat_get.stderr_ctim"},
  };
  for (int fd = 0; fd < 3; fd++) {
    __wasi_filestat_t st;
    must("fd_filestat_get stdio", __wasi_fd_filestat_get(fd, &st));
    expect_eq(names[fd][0], st.size, 0);
    expect_eq(names[fd][1], st.atim, 0);
    expect_eq(names[fd][2], st.mtim, 0);
    expect_eq(names[fd][3], st.ctim, 0);
  }
}

static void fd_filestat_set(__wasi_fd_t dir) {
  __wasi_fd_t fd;
  must("fd_filestat_set open", __wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, 0, &fd));
  __wasi_filestat_t st;
  expect_ok("fd_filestat_set.stat", __wasi_fd_filestat_get(fd, &st));
  expect_eq("fd_filestat_set.size0", st.size, 0);
  expect_ok("fd_filestat_set.set_size", __wasi_fd_filestat_set_size(fd, 100));
  __wasi_fd_filestat_get(fd, &st);
  expect_eq("fd_filestat_set.size100", st.size, 100);
  __wasi_timestamp_t old_atim = st.atim, new_mtim = st.mtim - 100;
  expect_ok("fd_filestat_set.set_times", __wasi_fd_filestat_set_times(fd, new_mtim, new_mtim, __WASI_FSTFLAGS_MTIM));
  __wasi_fd_filestat_get(fd, &st);
  expect_eq("fd_filestat_set.size_unchanged", st.size, 100);
  expect_eq("fd_filestat_set.mtim", st.mtim, new_mtim);
  expect_eq("fd_filestat_set.atim_unchanged", st.atim, old_atim);
  expect_ok("fd_filestat_set.close", __wasi_fd_close(fd));
  expect_ok("fd_filestat_set.unlink", __wasi_path_unlink_file(dir, "file"));
}

static void fd_flags_set(__wasi_fd_t dir) {
  __wasi_fd_t fd;
  uint8_t data[100], buf[100];
  size_t n;
  __wasi_filesize_t pos;
  must("fd_flags_set open", __wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, __WASI_FDFLAGS_APPEND, &fd));
  memset(data, 0, sizeof data);
  expect_ok("fd_flags_set.write1", write1(fd, data, 100, &n));
  expect_eq("fd_flags_set.write1_n", n, 100);
  expect_ok("fd_flags_set.seek1", __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
  expect_ok("fd_flags_set.read1", read1(fd, buf, 100, &n));
  expect_eq("fd_flags_set.read1_n", n, 100);
  expect_true("fd_flags_set.read1_data", memcmp(buf, data, 100) == 0, "the data written");
  memset(data, 1, sizeof data);
  __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos);
  expect_ok("fd_flags_set.write_append", write1(fd, data, 100, &n));
  __wasi_fd_seek(fd, 100, __WASI_WHENCE_SET, &pos);
  expect_ok("fd_flags_set.read2", read1(fd, buf, 100, &n));
  expect_eq("fd_flags_set.read2_n", n, 100);
  expect_true("fd_flags_set.appended", memcmp(buf, data, 100) == 0, "append-mode data at 100");
  expect_ok("fd_flags_set.clear_flags", __wasi_fd_fdstat_set_flags(fd, 0));
  __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos);
  memset(data, 2, sizeof data);
  expect_ok("fd_flags_set.write3", write1(fd, data, 100, &n));
  __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos);
  expect_ok("fd_flags_set.read3", read1(fd, buf, 100, &n));
  expect_true("fd_flags_set.overwritten", n == 100 && memcmp(buf, data, 100) == 0, "data overwritten at 0");
  __wasi_fd_close(fd);
  __wasi_filestat_t st;
  expect_ok("fd_flags_set.stat", __wasi_path_filestat_get(dir, 0, "file", &st));
  expect_eq("fd_flags_set.size", st.size, 200);
  expect_ok("fd_flags_set.unlink", __wasi_path_unlink_file(dir, "file"));
}

static void file_allocate(__wasi_fd_t base) {
  __wasi_fd_t dir = create_tmp_dir(base, "file_allocate_dir.cleanup");
  __wasi_fd_t fd;
  must("file_allocate open", __wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT,
      __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_FILESTAT_GET, 0, 0, &fd));
  __wasi_filestat_t st;
  __wasi_fd_filestat_get(fd, &st);
  expect_eq("file_allocate.size0", st.size, 0);
  expect_ok("file_allocate.alloc100", __wasi_fd_allocate(fd, 0, 100));
  __wasi_fd_filestat_get(fd, &st);
  expect_eq("file_allocate.size100", st.size, 100);
  expect_ok("file_allocate.alloc_inside", __wasi_fd_allocate(fd, 10, 10));
  __wasi_fd_filestat_get(fd, &st);
  expect_eq("file_allocate.size_unchanged", st.size, 100);
  expect_ok("file_allocate.alloc_past", __wasi_fd_allocate(fd, 90, 20));
  __wasi_fd_filestat_get(fd, &st);
  expect_eq("file_allocate.size110", st.size, 110);
  __wasi_fd_close(fd);
  expect_ok("file_allocate.unlink", __wasi_path_unlink_file(dir, "file"));
  __wasi_fd_close(dir);
  expect_ok("file_allocate.rmdir", __wasi_path_remove_directory(base, "file_allocate_dir.cleanup"));
}

static void file_pread_pwrite(__wasi_fd_t dir) {
  __wasi_fd_t fd;
  size_t n;
  must("file_pread_pwrite open", __wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, 0, &fd));
  uint8_t c[4] = {0, 1, 2, 3}, r[4] = {0};
  __wasi_ciovec_t ci = {c, 4};
  expect_ok("file_pread_pwrite.pwrite0", __wasi_fd_pwrite(fd, &ci, 1, 0, &n));
  expect_eq("file_pread_pwrite.pwrite0_n", n, 4);
  __wasi_iovec_t io = {r, 4};
  expect_ok("file_pread_pwrite.pread0", __wasi_fd_pread(fd, &io, 1, 0, &n));
  expect_true("file_pread_pwrite.pread0_data", n == 4 && memcmp(r, c, 4) == 0, "0 1 2 3");
  /* Two iovecs each way. */
  __wasi_ciovec_t cis[2] = {{c, 2}, {c + 2, 2}};
  expect_ok("file_pread_pwrite.pwritev", __wasi_fd_pwrite(fd, cis, 2, 0, &n));
  expect_eq("file_pread_pwrite.pwritev_n", n, 4);
  uint8_t b[4] = {0};
  __wasi_iovec_t ios[2] = {{b, 2}, {b + 2, 2}};
  expect_ok("file_pread_pwrite.preadv", __wasi_fd_pread(fd, ios, 2, 0, &n));
  expect_true("file_pread_pwrite.preadv_data", n == 4 && memcmp(b, c, 4) == 0, "0 1 2 3");
  memset(r, 0, 4);
  expect_ok("file_pread_pwrite.pread2", __wasi_fd_pread(fd, &io, 1, 2, &n));
  expect_true("file_pread_pwrite.pread2_data", n == 2 && r[0] == 2 && r[1] == 3 && r[2] == 0, "2 3 0 0");
  uint8_t w[2] = {1, 0};
  __wasi_ciovec_t wi = {w, 2};
  expect_ok("file_pread_pwrite.pwrite2", __wasi_fd_pwrite(fd, &wi, 1, 2, &n));
  memset(r, 9, 4);
  __wasi_fd_pread(fd, &io, 1, 0, &n);
  expect_true("file_pread_pwrite.pwrite2_data", n == 4 && r[0] == 0 && r[1] == 1 && r[2] == 1 && r[3] == 0, "0 1 1 0");
  __wasi_fd_close(fd);
  expect_ok("file_pread_pwrite.unlink", __wasi_path_unlink_file(dir, "file"));

  /* pwrite leaves the position alone; a zero-length pwrite past the end writes nothing. */
  must("file_pread_pwrite open2", __wasi_path_open(dir, 0, "file2", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, 0, &fd));
  __wasi_filesize_t pos;
  __wasi_filestat_t st;
  __wasi_fd_tell(fd, &pos);
  expect_eq("file_pread_pwrite.pos0", pos, 0);
  __wasi_ciovec_t empty = {c, 0};
  expect_ok("file_pread_pwrite.pwrite_empty", __wasi_fd_pwrite(fd, &empty, 1, 50, &n));
  expect_eq("file_pread_pwrite.pwrite_empty_n", n, 0);
  __wasi_fd_tell(fd, &pos);
  expect_eq("file_pread_pwrite.pos_after_empty", pos, 0);
  __wasi_fd_filestat_get(fd, &st);
  expect_eq("file_pread_pwrite.size_after_empty", st.size, 0);
  __wasi_ciovec_t one = {c, 1};
  expect_ok("file_pread_pwrite.pwrite50", __wasi_fd_pwrite(fd, &one, 1, 50, &n));
  expect_eq("file_pread_pwrite.pwrite50_n", n, 1);
  __wasi_fd_tell(fd, &pos);
  expect_eq("file_pread_pwrite.pos_after_pwrite", pos, 0);
  __wasi_fd_filestat_get(fd, &st);
  expect_eq("file_pread_pwrite.size51", st.size, 51);
  __wasi_fd_close(fd);
  expect_ok("file_pread_pwrite.unlink2", __wasi_path_unlink_file(dir, "file2"));

  /* With APPEND, pwrite's offset is ignored (Linux). */
  must("file_pread_pwrite open3", __wasi_path_open(dir, 0, "file3", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, __WASI_FDFLAGS_APPEND, &fd));
  expect_ok("file_pread_pwrite.append_pwrite50", __wasi_fd_pwrite(fd, &one, 1, 50, &n));
  __wasi_fd_filestat_get(fd, &st);
  expect_eq("file_pread_pwrite.append_size1", st.size, 1);
  expect_ok("file_pread_pwrite.append_pwrite0", __wasi_fd_pwrite(fd, &one, 1, 0, &n));
  __wasi_fd_filestat_get(fd, &st);
  expect_eq("file_pread_pwrite.append_size2", st.size, 2);
  __wasi_fd_close(fd);
  expect_ok("file_pread_pwrite.unlink3", __wasi_path_unlink_file(dir, "file3"));
}

static void file_seek_tell(__wasi_fd_t dir) {
  __wasi_fd_t fd;
  size_t n;
  __wasi_filesize_t pos;
  must("file_seek_tell open", __wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, 0, &fd));
  expect_ok("file_seek_tell.tell0", __wasi_fd_tell(fd, &pos));
  expect_eq("file_seek_tell.pos0", pos, 0);
  uint8_t data[100] = {0};
  expect_ok("file_seek_tell.write", write1(fd, data, 100, &n));
  expect_eq("file_seek_tell.write_n", n, 100);
  __wasi_fd_tell(fd, &pos);
  expect_eq("file_seek_tell.pos100", pos, 100);
  expect_ok("file_seek_tell.seek_back", __wasi_fd_seek(fd, -50, __WASI_WHENCE_CUR, &pos));
  expect_eq("file_seek_tell.pos50", pos, 50);
  expect_ok("file_seek_tell.seek_start", __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
  expect_eq("file_seek_tell.pos_start", pos, 0);
  expect_ok("file_seek_tell.seek_beyond", __wasi_fd_seek(fd, 1000, __WASI_WHENCE_CUR, &pos));
  expect_errno("file_seek_tell.seek_negative", __wasi_fd_seek(fd, -2000, __WASI_WHENCE_CUR, &pos), 1, __WASI_ERRNO_INVAL);
  __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos);
  expect_ok("file_seek_tell.read", read1(fd, data, 100, &n));
  expect_eq("file_seek_tell.read_n", n, 100);
  __wasi_fd_tell(fd, &pos);
  expect_eq("file_seek_tell.pos_after_read", pos, 100);
  __wasi_fd_close(fd);
  expect_ok("file_seek_tell.unlink", __wasi_path_unlink_file(dir, "file"));
}

static void file_truncation(__wasi_fd_t dir) {
  __wasi_fd_t fd;
  size_t n;
  const char *content = "this content will be truncated!";
  must("file_truncation open", __wasi_path_open(dir, 0, "test.txt", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE, 0, 0, &fd));
  expect_ok("file_truncation.write", write1(fd, content, strlen(content), &n));
  expect_eq("file_truncation.write_n", n, strlen(content));
  __wasi_fd_close(fd);
  must("file_truncation open trunc", __wasi_path_open(dir, 0, "test.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_READ, 0, 0, &fd));
  uint8_t buf[100];
  expect_ok("file_truncation.read", read1(fd, buf, 100, &n));
  expect_eq("file_truncation.empty", n, 0);
  __wasi_fd_close(fd);
  expect_ok("file_truncation.unlink", __wasi_path_unlink_file(dir, "test.txt"));
}

static void file_unbuffered_write(__wasi_fd_t dir) {
  __wasi_fd_t r, w;
  size_t n;
  must("file_unbuffered_write open r", __wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ, 0, 0, &r));
  must("file_unbuffered_write open w", __wasi_path_open(dir, 0, "file", 0, __WASI_RIGHTS_FD_WRITE, 0, 0, &w));
  uint8_t one = 1, got = 0;
  expect_ok("file_unbuffered_write.write", write1(w, &one, 1, &n));
  expect_ok("file_unbuffered_write.read", read1(r, &got, 1, &n));
  expect_true("file_unbuffered_write.data", n == 1 && got == 1, "the byte written");
  __wasi_fd_close(w);
  __wasi_fd_close(r);
  expect_ok("file_unbuffered_write.unlink", __wasi_path_unlink_file(dir, "file"));
}

static void fstflags_validate(__wasi_fd_t dir) {
  __wasi_fd_t fd;
  must("fstflags_validate open", __wasi_path_open(dir, 0, "fstflags_validate.cleanup", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_FILESTAT_SET_TIMES, 0, 0, &fd));
  expect_errno("fstflags_validate.mtim_and_now", __wasi_fd_filestat_set_times(fd, 100, 200, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW), 1, __WASI_ERRNO_INVAL);
  expect_errno("fstflags_validate.atim_and_now", __wasi_fd_filestat_set_times(fd, 100, 200, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW), 1, __WASI_ERRNO_INVAL);
  __wasi_fd_close(fd);
  expect_ok("fstflags_validate.unlink", __wasi_path_unlink_file(dir, "fstflags_validate.cleanup"));
}

static void isatty_test(__wasi_fd_t base) {
  __wasi_fd_t dir = create_tmp_dir(base, "isatty_dir.cleanup");
  __wasi_fd_t fd;
  must("isatty open", __wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT, 0, 0, 0, &fd));
  expect_eq("isatty.file", isatty(fd), 0);
  __wasi_fd_close(fd);
  expect_ok("isatty.unlink", __wasi_path_unlink_file(dir, "file"));
  __wasi_fd_close(dir);
  expect_ok("isatty.rmdir", __wasi_path_remove_directory(base, "isatty_dir.cleanup"));
}

static void renumber(__wasi_fd_t base) {
  __wasi_fd_t dir = create_tmp_dir(base, "renumber_dir.cleanup");
  __wasi_fd_t from, to;
  must("renumber open1", __wasi_path_open(dir, 0, "file1", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, 0, &from));
  __wasi_fdstat_t sf, st;
  must("renumber fdstat", __wasi_fd_fdstat_get(from, &sf));
  must("renumber open2", __wasi_path_open(dir, 0, "file2", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, 0, &to));
  expect_ok("renumber.renumber", __wasi_fd_renumber(from, to));
  expect_errno("renumber.from_closed", __wasi_fd_close(from), 1, __WASI_ERRNO_BADF);
  expect_ok("renumber.to_open", __wasi_fd_fdstat_get(to, &st));
  expect_eq("renumber.filetype", st.fs_filetype, sf.fs_filetype);
  expect_eq("renumber.flags", st.fs_flags, sf.fs_flags);
  expect_eq("renumber.rights_base", st.fs_rights_base, sf.fs_rights_base);
  expect_eq("renumber.rights_inheriting", st.fs_rights_inheriting, sf.fs_rights_inheriting);
  __wasi_fd_close(to);
  expect_ok("renumber.unlink1", __wasi_path_unlink_file(dir, "file1"));
  expect_ok("renumber.unlink2", __wasi_path_unlink_file(dir, "file2"));
  __wasi_fd_close(dir);
  expect_ok("renumber.rmdir", __wasi_path_remove_directory(base, "renumber_dir.cleanup"));
}

/* Renumbering a file over 0, 1 and 2; run last (it takes stdio away). */
static void stdio_test(__wasi_fd_t base) {
  __wasi_fd_t dir = create_tmp_dir(base, "stdio_dir.cleanup");
  static const char *names[3][2] = {
    {"stdio.renumber0", "stdio.closed0"}, {"stdio.renumber1", "stdio.closed1"}, {"stdio.renumber2", "stdio.closed2"}};
  char lines[3][2][64];
  int results[3][2];
  fflush(stdout);
  for (__wasi_fd_t from = 0; from < 3; from++) {
    __wasi_fd_t to;
    must("stdio open", __wasi_path_open(dir, 0, "file.cleanup", __WASI_OFLAGS_CREAT, 0, 0, 0, &to));
    __wasi_fdstat_t st;
    results[from][0] = __wasi_fd_renumber(from, to) == 0 && __wasi_fd_fdstat_get(to, &st) == 0;
    results[from][1] = __wasi_fd_fdstat_get(from, &st) != 0;
    (void)lines;
  }
  /* Output is gone now; the results are the exit status: bit per failed check. */
  int status = 0;
  for (int i = 0; i < 3; i++) for (int j = 0; j < 2; j++) if (!results[i][j]) status |= 1 << (i * 2 + j);
  (void)names;
  __wasi_path_unlink_file(dir, "file.cleanup");
  __wasi_fd_close(dir);
  __wasi_path_remove_directory(base, "stdio_dir.cleanup");
  __wasi_proc_exit(status == 0 ? 0 : 64 + status);
}

static const struct test TESTS[] = {
  {"dir_fd_op_failures", dir_fd_op_failures}, {"directory_seek", directory_seek}, {"fd_advise", fd_advise},
  {"fd_filestat_get", fd_filestat_get}, {"fd_filestat_set", fd_filestat_set}, {"fd_flags_set", fd_flags_set},
  {"file_allocate", file_allocate}, {"file_pread_pwrite", file_pread_pwrite}, {"file_seek_tell", file_seek_tell},
  {"file_truncation", file_truncation}, {"file_unbuffered_write", file_unbuffered_write},
  {"fstflags_validate", fstflags_validate}, {"isatty", isatty_test}, {"renumber", renumber},
};

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s PREOPEN SUBDIR [TEST...]\n", argv[0]);
    return 2;
  }
  __wasi_fd_t dir = open_scratch(argv[1], argv[2]);
  for (size_t i = 0; i < sizeof TESTS / sizeof TESTS[0]; i++)
    if (selected(argc, argv, 3, TESTS[i].name)) TESTS[i].run(dir);
  /* stdio only when asked for by name: it ends the program. */
  for (int i = 3; i < argc; i++) if (strcmp(argv[i], "stdio") == 0) { fflush(stdout); stdio_test(dir); }
  return finish();
}
