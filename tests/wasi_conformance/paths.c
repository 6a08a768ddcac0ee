/* WASI preview1 conformance: path calls (path_*) and what they create, in a scratch directory.
 * Usage: paths PREOPEN SUBDIR [TEST...] */
#include "conformance.h"

/* path_open with an explicit path length (a path with a NUL inside, which api.h cannot pass). */
int32_t raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t path_len, int32_t oflags, int64_t base,
                      int64_t inheriting, int32_t fdflags, int32_t retptr)
    __attribute__((__import_module__("wasi_snapshot_preview1"), __import_name__("path_open")));

static const char *scratch_name;

static void dangling_fd(__wasi_fd_t dir) {
  __wasi_fd_t fd, fd2;
  expect_ok("dangling_fd.create", __wasi_path_open(dir, 0, "dangling_fd_file.cleanup", __WASI_OFLAGS_CREAT, 0, 0, 0, &fd));
  __wasi_fd_close(fd);
  expect_ok("dangling_fd.open", __wasi_path_open(dir, 0, "dangling_fd_file.cleanup", 0, 0, 0, 0, &fd));
  expect_ok("dangling_fd.unlink_open", __wasi_path_unlink_file(dir, "dangling_fd_file.cleanup"));
  expect_ok("dangling_fd.create_again", __wasi_path_open(dir, 0, "dangling_fd_file.cleanup", __WASI_OFLAGS_CREAT, 0, 0, 0, &fd2));
  __wasi_fd_close(fd2);
  __wasi_fd_close(fd);
  expect_ok("dangling_fd.mkdir", __wasi_path_create_directory(dir, "dangling_fd_subdir.cleanup"));
  expect_ok("dangling_fd.open_dir", __wasi_path_open(dir, 0, "dangling_fd_subdir.cleanup", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd));
  expect_ok("dangling_fd.rmdir_open", __wasi_path_remove_directory(dir, "dangling_fd_subdir.cleanup"));
  expect_ok("dangling_fd.mkdir_again", __wasi_path_create_directory(dir, "dangling_fd_subdir.cleanup"));
  __wasi_fd_close(fd);
  __wasi_path_unlink_file(dir, "dangling_fd_file.cleanup");
  __wasi_path_remove_directory(dir, "dangling_fd_subdir.cleanup");
}

static void dangling_symlink(__wasi_fd_t dir) {
  __wasi_fd_t fd;
  expect_ok("dangling_symlink.symlink", __wasi_path_symlink("target", dir, "dangling_symlink_symlink.cleanup"));
  expect_errno("dangling_symlink.open_dir", __wasi_path_open(dir, 0, "dangling_symlink_symlink.cleanup", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd), 2, __WASI_ERRNO_NOTDIR, __WASI_ERRNO_LOOP);
  expect_errno("dangling_symlink.open_file", __wasi_path_open(dir, 0, "dangling_symlink_symlink.cleanup", 0, 0, 0, 0, &fd), 1, __WASI_ERRNO_LOOP);
  expect_ok("dangling_symlink.unlink", __wasi_path_unlink_file(dir, "dangling_symlink_symlink.cleanup"));
}

static void interesting_paths(__wasi_fd_t base) {
  __wasi_fd_t dir = create_tmp_dir(base, "interesting_paths_dir.cleanup");
  __wasi_fd_t fd;
  expect_ok("interesting_paths.mkdir", __wasi_path_create_directory(dir, "dir"));
  expect_ok("interesting_paths.mkdir_nested", __wasi_path_create_directory(dir, "dir/nested"));
  create_file(dir, "dir/nested/file");
  expect_errno("interesting_paths.absolute", __wasi_path_open(dir, 0, "/dir/nested/file", 0, 0, 0, 0, &fd), 1, __WASI_ERRNO_PERM);
  expect_ok("interesting_paths.dotdot", __wasi_path_open(dir, 0, "dir/.//nested/../../dir/nested/../nested///./file", 0, 0, 0, 0, &fd));
  __wasi_fd_close(fd);
  const char nul[] = "dir/nested/file\0";
  expect_errno("interesting_paths.trailing_nul", raw_path_open(dir, 0, (int32_t)(uintptr_t)nul, sizeof nul - 1, 0, 0, 0, 0, (int32_t)(uintptr_t)&fd), 3, __WASI_ERRNO_INVAL, __WASI_ERRNO_ILSEQ, __WASI_ERRNO_NOENT);
  expect_errno("interesting_paths.file_slash", __wasi_path_open(dir, 0, "dir/nested/file/", 0, 0, 0, 0, &fd), 2, __WASI_ERRNO_NOTDIR, __WASI_ERRNO_NOENT);
  expect_errno("interesting_paths.file_slashes", __wasi_path_open(dir, 0, "dir/nested/file///", 0, 0, 0, 0, &fd), 2, __WASI_ERRNO_NOTDIR, __WASI_ERRNO_NOENT);
  expect_ok("interesting_paths.dir_slash", __wasi_path_open(dir, 0, "dir/nested/", 0, 0, 0, 0, &fd));
  __wasi_fd_close(fd);
  expect_ok("interesting_paths.dir_slashes", __wasi_path_open(dir, 0, "dir/nested///", 0, 0, 0, 0, &fd));
  __wasi_fd_close(fd);
  char bad[512];
  snprintf(bad, sizeof bad, "dir/nested/../../../%s/dir/nested/file", scratch_name);
  expect_errno("interesting_paths.too_many_dotdots", __wasi_path_open(dir, 0, bad, 0, 0, 0, 0, &fd), 1, __WASI_ERRNO_PERM);
  expect_ok("interesting_paths.unlink", __wasi_path_unlink_file(dir, "dir/nested/file"));
  expect_ok("interesting_paths.rmdir_nested", __wasi_path_remove_directory(dir, "dir/nested"));
  expect_ok("interesting_paths.rmdir", __wasi_path_remove_directory(dir, "dir"));
  __wasi_fd_close(dir);
  expect_ok("interesting_paths.rmdir_tmp", __wasi_path_remove_directory(base, "interesting_paths_dir.cleanup"));
}

static void nofollow_errors(__wasi_fd_t dir) {
  __wasi_fd_t fd;
  expect_ok("nofollow_errors.mkdir", __wasi_path_create_directory(dir, "target"));
  expect_ok("nofollow_errors.symlink", __wasi_path_symlink("target", dir, "symlink"));
  expect_errno("nofollow_errors.dir_link_as_dir", __wasi_path_open(dir, 0, "symlink", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd), 2, __WASI_ERRNO_LOOP, __WASI_ERRNO_NOTDIR);
  expect_errno("nofollow_errors.dir_link", __wasi_path_open(dir, 0, "symlink", 0, 0, 0, 0, &fd), 2, __WASI_ERRNO_LOOP, __WASI_ERRNO_ACCES);
  expect_ok("nofollow_errors.dir_link_follow", __wasi_path_open(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "symlink", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd));
  __wasi_fd_close(fd);
  expect_ok("nofollow_errors.unlink_link", __wasi_path_unlink_file(dir, "symlink"));
  expect_ok("nofollow_errors.rmdir", __wasi_path_remove_directory(dir, "target"));
  create_file(dir, "target");
  expect_ok("nofollow_errors.symlink_file", __wasi_path_symlink("target", dir, "symlink"));
  expect_errno("nofollow_errors.file_link_as_dir", __wasi_path_open(dir, 0, "symlink", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd), 2, __WASI_ERRNO_LOOP, __WASI_ERRNO_NOTDIR);
  expect_errno("nofollow_errors.file_link", __wasi_path_open(dir, 0, "symlink", 0, 0, 0, 0, &fd), 1, __WASI_ERRNO_LOOP);
  expect_errno("nofollow_errors.file_link_follow_as_dir", __wasi_path_open(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "symlink", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd), 1, __WASI_ERRNO_NOTDIR);
  expect_ok("nofollow_errors.unlink_target", __wasi_path_unlink_file(dir, "target"));
  expect_ok("nofollow_errors.unlink_symlink", __wasi_path_unlink_file(dir, "symlink"));
}

static void path_exists(__wasi_fd_t dir) {
  __wasi_filestat_t st;
  expect_ok("path_exists.mkdir", __wasi_path_create_directory(dir, "subdir"));
  expect_ok("path_exists.stat_dir", __wasi_path_filestat_get(dir, 0, "subdir", &st));
  expect_eq("path_exists.dir_type", st.filetype, __WASI_FILETYPE_DIRECTORY);
  expect_ok("path_exists.stat_dir_follow", __wasi_path_filestat_get(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "subdir", &st));
  expect_eq("path_exists.dir_type_follow", st.filetype, __WASI_FILETYPE_DIRECTORY);
  create_file(dir, "subdir/file");
  expect_ok("path_exists.stat_file", __wasi_path_filestat_get(dir, 0, "subdir/file", &st));
  expect_eq("path_exists.file_type", st.filetype, __WASI_FILETYPE_REGULAR_FILE);
  expect_ok("path_exists.stat_file_follow", __wasi_path_filestat_get(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "subdir/file", &st));
  expect_eq("path_exists.file_type_follow", st.filetype, __WASI_FILETYPE_REGULAR_FILE);
  expect_ok("path_exists.symlink_file", __wasi_path_symlink("subdir/file", dir, "link1"));
  expect_ok("path_exists.stat_link1", __wasi_path_filestat_get(dir, 0, "link1", &st));
  expect_eq("path_exists.link1_type", st.filetype, __WASI_FILETYPE_SYMBOLIC_LINK);
  expect_ok("path_exists.stat_link1_follow", __wasi_path_filestat_get(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "link1", &st));
  expect_eq("path_exists.link1_type_follow", st.filetype, __WASI_FILETYPE_REGULAR_FILE);
  expect_ok("path_exists.symlink_dir", __wasi_path_symlink("subdir", dir, "link2"));
  expect_ok("path_exists.stat_link2", __wasi_path_filestat_get(dir, 0, "link2", &st));
  expect_eq("path_exists.link2_type", st.filetype, __WASI_FILETYPE_SYMBOLIC_LINK);
  expect_ok("path_exists.stat_link2_follow", __wasi_path_filestat_get(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "link2", &st));
  expect_eq("path_exists.link2_type_follow", st.filetype, __WASI_FILETYPE_DIRECTORY);
  expect_ok("path_exists.unlink_link1", __wasi_path_unlink_file(dir, "link1"));
  expect_ok("path_exists.unlink_link2", __wasi_path_unlink_file(dir, "link2"));
  expect_ok("path_exists.unlink_file", __wasi_path_unlink_file(dir, "subdir/file"));
  expect_ok("path_exists.rmdir", __wasi_path_remove_directory(dir, "subdir"));
}

static void path_filestat(__wasi_fd_t base) {
  __wasi_fd_t dir = create_tmp_dir(base, "path_filestat_dir.cleanup");
  __wasi_fdstat_t fst;
  __wasi_fd_fdstat_get(dir, &fst);
  expect_true("path_filestat.dir_right", (fst.fs_rights_base & __WASI_RIGHTS_PATH_FILESTAT_GET) != 0, "PATH_FILESTAT_GET on the directory");
  __wasi_fd_t fd;
  must("path_filestat open", __wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_PATH_FILESTAT_GET, 0, __WASI_FDFLAGS_APPEND | __WASI_FDFLAGS_SYNC, &fd));
  __wasi_fd_fdstat_get(fd, &fst);
  expect_eq("path_filestat.file_no_path_right", fst.fs_rights_base & __WASI_RIGHTS_PATH_FILESTAT_GET, 0);
  expect_eq("path_filestat.file_no_path_right_inheriting", fst.fs_rights_inheriting & __WASI_RIGHTS_PATH_FILESTAT_GET, 0);
  expect_eq("path_filestat.append", fst.fs_flags & __WASI_FDFLAGS_APPEND, __WASI_FDFLAGS_APPEND);
  expect_eq("path_filestat.sync", fst.fs_flags & __WASI_FDFLAGS_SYNC, __WASI_FDFLAGS_SYNC);
  __wasi_filestat_t st, st2;
  expect_ok("path_filestat.stat", __wasi_path_filestat_get(dir, 0, "file", &st));
  expect_eq("path_filestat.size0", st.size, 0);
  __wasi_timestamp_t new_mtim = st.mtim - 100;
  expect_ok("path_filestat.set_times", __wasi_path_filestat_set_times(dir, 0, "file", 0, new_mtim, __WASI_FSTFLAGS_MTIM));
  __wasi_path_filestat_get(dir, 0, "file", &st2);
  expect_eq("path_filestat.mtim", st2.mtim, new_mtim);
  expect_errno("path_filestat.mtim_and_now", __wasi_path_filestat_set_times(dir, 0, "file", 0, new_mtim, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW), 1, __WASI_ERRNO_INVAL);
  __wasi_path_filestat_get(dir, 0, "file", &st2);
  expect_eq("path_filestat.mtim_untouched", st2.mtim, new_mtim);
  expect_errno("path_filestat.atim_and_now", __wasi_path_filestat_set_times(dir, 0, "file", 0, 0, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW), 1, __WASI_ERRNO_INVAL);
  __wasi_fd_close(fd);
  expect_ok("path_filestat.unlink", __wasi_path_unlink_file(dir, "file"));
  __wasi_fd_close(dir);
  expect_ok("path_filestat.rmdir_tmp", __wasi_path_remove_directory(base, "path_filestat_dir.cleanup"));
}

#define LINK_RIGHTS (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_PATH_LINK_SOURCE | __WASI_RIGHTS_PATH_LINK_TARGET | \
                     __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_PATH_UNLINK_FILE)

static void same_file(const char *name, __wasi_fd_t a, __wasi_fd_t b) {
  __wasi_filestat_t sa, sb;
  __wasi_fdstat_t da, db;
  int same = __wasi_fd_filestat_get(a, &sa) == 0 && __wasi_fd_filestat_get(b, &sb) == 0 &&
             sa.dev == sb.dev && sa.ino == sb.ino && sa.atim == sb.atim && sa.mtim == sb.mtim && sa.ctim == sb.ctim &&
             sa.size == sb.size && sa.nlink == sb.nlink && sa.filetype == sb.filetype &&
             __wasi_fd_fdstat_get(a, &da) == 0 && __wasi_fd_fdstat_get(b, &db) == 0 && da.fs_flags == db.fs_flags &&
             da.fs_filetype == db.fs_filetype && da.fs_rights_base == db.fs_rights_base &&
             da.fs_rights_inheriting == db.fs_rights_inheriting;
  expect_true(name, same, "equal filestat and fdstat");
}

static void path_link(__wasi_fd_t base) {
  __wasi_fd_t dir = create_tmp_dir(base, "path_link_dir.cleanup");
  __wasi_fd_t file, link, sub;
  must("path_link create", __wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT, LINK_RIGHTS, LINK_RIGHTS, 0, &file));
  expect_ok("path_link.same_dir", __wasi_path_link(dir, 0, "file", dir, "link"));
  must("path_link open link", __wasi_path_open(dir, 0, "link", 0, LINK_RIGHTS, LINK_RIGHTS, 0, &link));
  same_file("path_link.same_dir_stat", file, link);
  __wasi_fd_close(link);
  expect_ok("path_link.unlink_link", __wasi_path_unlink_file(dir, "link"));
  expect_ok("path_link.mkdir_subdir", __wasi_path_create_directory(dir, "subdir"));
  must("path_link open subdir", __wasi_path_open(dir, 0, "subdir", __WASI_OFLAGS_DIRECTORY, LINK_RIGHTS, LINK_RIGHTS, 0, &sub));
  expect_ok("path_link.other_dir", __wasi_path_link(dir, 0, "file", sub, "link"));
  must("path_link open link2", __wasi_path_open(sub, 0, "link", 0, LINK_RIGHTS, LINK_RIGHTS, 0, &link));
  same_file("path_link.other_dir_stat", file, link);
  expect_ok("path_link.unlink_sublink", __wasi_path_unlink_file(sub, "link"));
  __wasi_fd_close(sub);
  __wasi_fd_close(link);
  __wasi_fd_close(file);
  expect_ok("path_link.rmdir_subdir", __wasi_path_remove_directory(dir, "subdir"));
  create_file(dir, "link");
  expect_errno("path_link.existing", __wasi_path_link(dir, 0, "file", dir, "link"), 1, __WASI_ERRNO_EXIST);
  __wasi_path_unlink_file(dir, "link");
  expect_errno("path_link.itself", __wasi_path_link(dir, 0, "file", dir, "file"), 1, __WASI_ERRNO_EXIST);
  __wasi_path_create_directory(dir, "link");
  expect_errno("path_link.target_dir", __wasi_path_link(dir, 0, "file", dir, "link"), 1, __WASI_ERRNO_EXIST);
  __wasi_path_remove_directory(dir, "link");
  __wasi_path_create_directory(dir, "subdir");
  must("path_link open subdir2", __wasi_path_open(dir, 0, "subdir", __WASI_OFLAGS_DIRECTORY, LINK_RIGHTS, LINK_RIGHTS, 0, &sub));
  expect_errno("path_link.source_dir", __wasi_path_link(dir, 0, "subdir", dir, "link"), 2, __WASI_ERRNO_PERM, __WASI_ERRNO_ACCES);
  __wasi_fd_close(sub);
  __wasi_path_remove_directory(dir, "subdir");
  expect_errno("path_link.target_slash", __wasi_path_link(dir, 0, "file", dir, "link/"), 1, __WASI_ERRNO_NOENT);
  expect_ok("path_link.dangling_symlink", __wasi_path_symlink("target", dir, "symlink"));
  expect_ok("path_link.to_dangling_symlink", __wasi_path_link(dir, 0, "symlink", dir, "link"));
  expect_ok("path_link.unlink_symlink", __wasi_path_unlink_file(dir, "symlink"));
  expect_ok("path_link.unlink_hardlink", __wasi_path_unlink_file(dir, "link"));
  expect_ok("path_link.loop_symlink", __wasi_path_symlink("symlink", dir, "symlink"));
  expect_ok("path_link.to_loop", __wasi_path_link(dir, 0, "symlink", dir, "link"));
  __wasi_path_unlink_file(dir, "symlink");
  __wasi_path_unlink_file(dir, "link");
  __wasi_path_symlink("target", dir, "symlink");
  expect_errno("path_link.target_dangling_symlink", __wasi_path_link(dir, 0, "file", dir, "symlink"), 1, __WASI_ERRNO_EXIST);
  __wasi_path_unlink_file(dir, "symlink");
  __wasi_path_symlink("target", dir, "symlink");
  expect_errno("path_link.follow", __wasi_path_link(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "symlink", dir, "link"), 2, __WASI_ERRNO_INVAL, __WASI_ERRNO_NOENT);
  __wasi_path_unlink_file(dir, "symlink");
  expect_ok("path_link.unlink_file", __wasi_path_unlink_file(dir, "file"));
  __wasi_fd_close(dir);
  expect_ok("path_link.rmdir_tmp", __wasi_path_remove_directory(base, "path_link_dir.cleanup"));
}

static void path_open_create_existing(__wasi_fd_t dir) {
  __wasi_fd_t fd;
  create_file(dir, "file");
  expect_errno("path_open_create_existing.excl", __wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, 0, 0, 0, &fd), 1, __WASI_ERRNO_EXIST);
  expect_ok("path_open_create_existing.unlink", __wasi_path_unlink_file(dir, "file"));
}

static void path_open_dirfd_not_dir(__wasi_fd_t base) {
  __wasi_fd_t dir = create_tmp_dir(base, "path_open_dirfd_not_dir_dir.cleanup");
  __wasi_fd_t file, fd;
  must("path_open_dirfd_not_dir open", __wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT, 0, 0, 0, &file));
  expect_errno("path_open_dirfd_not_dir.open_under_file", __wasi_path_open(file, 0, "foo", __WASI_OFLAGS_CREAT, 0, 0, 0, &fd), 1, __WASI_ERRNO_NOTDIR);
  __wasi_fd_close(file);
  expect_ok("path_open_dirfd_not_dir.unlink", __wasi_path_unlink_file(dir, "file"));
  __wasi_fd_close(dir);
  expect_ok("path_open_dirfd_not_dir.rmdir_tmp", __wasi_path_remove_directory(base, "path_open_dirfd_not_dir_dir.cleanup"));
}

static void path_open_missing(__wasi_fd_t dir) {
  __wasi_fd_t fd;
  expect_errno("path_open_missing.open", __wasi_path_open(dir, 0, "file", 0, 0, 0, 0, &fd), 1, __WASI_ERRNO_NOENT);
}

static void path_open_read_write(__wasi_fd_t dir) {
  __wasi_fd_t fd;
  __wasi_fdstat_t st;
  __wasi_filestat_t fs;
  uint8_t buf[100];
  uint8_t w1[50], w2[25];
  size_t n;
  memset(w1, 1, sizeof w1);
  memset(w2, 2, sizeof w2);
  create_file(dir, "file");
  must("path_open_read_write open ro", __wasi_path_open(dir, 0, "file", 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd));
  __wasi_fd_fdstat_get(fd, &st);
  expect_true("path_open_read_write.ro_read_right", (st.fs_rights_base & __WASI_RIGHTS_FD_READ) != 0, "FD_READ");
  expect_eq("path_open_read_write.ro_no_write_right", st.fs_rights_base & __WASI_RIGHTS_FD_WRITE, 0);
  expect_ok("path_open_read_write.ro_read", read1(fd, buf, sizeof buf, &n));
  expect_eq("path_open_read_write.ro_empty", n, 0);
  expect_errno("path_open_read_write.ro_write", write1(fd, w1, sizeof w1, &n), 2, __WASI_ERRNO_PERM, __WASI_ERRNO_BADF);
  __wasi_fd_close(fd);
  must("path_open_read_write open wo", __wasi_path_open(dir, 0, "file", 0, __WASI_RIGHTS_FD_WRITE, 0, 0, &fd));
  __wasi_fd_fdstat_get(fd, &st);
  expect_eq("path_open_read_write.wo_no_read_right", st.fs_rights_base & __WASI_RIGHTS_FD_READ, 0);
  expect_eq("path_open_read_write.wo_no_readdir_right", st.fs_rights_base & __WASI_RIGHTS_FD_READDIR, 0);
  expect_true("path_open_read_write.wo_write_right", (st.fs_rights_base & __WASI_RIGHTS_FD_WRITE) != 0, "FD_WRITE");
  expect_errno("path_open_read_write.wo_read", read1(fd, buf, sizeof buf, &n), 2, __WASI_ERRNO_PERM, __WASI_ERRNO_BADF);
  expect_ok("path_open_read_write.wo_write", write1(fd, w1, sizeof w1, &n));
  expect_eq("path_open_read_write.wo_written", n, sizeof w1);
  __wasi_fd_close(fd);
  must("path_open_read_write open rw", __wasi_path_open(dir, 0, "file", 0, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, 0, &fd));
  __wasi_fd_fdstat_get(fd, &st);
  expect_true("path_open_read_write.rw_rights", (st.fs_rights_base & (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE)) == (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE), "FD_READ and FD_WRITE");
  expect_ok("path_open_read_write.rw_read", read1(fd, buf, sizeof buf, &n));
  expect_eq("path_open_read_write.rw_read_n", n, sizeof w1);
  expect_ok("path_open_read_write.rw_write", write1(fd, w2, sizeof w2, &n));
  expect_eq("path_open_read_write.rw_written", n, sizeof w2);
  expect_ok("path_open_read_write.rw_stat", __wasi_fd_filestat_get(fd, &fs));
  expect_eq("path_open_read_write.rw_size", fs.size, sizeof w1 + sizeof w2);
  __wasi_fd_close(fd);
  expect_ok("path_open_read_write.unlink", __wasi_path_unlink_file(dir, "file"));
}

static void path_rename(__wasi_fd_t base) {
  __wasi_fd_t dir = create_tmp_dir(base, "path_rename_dir.cleanup");
  __wasi_fd_t fd;
  __wasi_path_create_directory(dir, "source");
  expect_ok("path_rename.dir", __wasi_path_rename(dir, "source", dir, "target"));
  expect_errno("path_rename.dir_source_gone", __wasi_path_open(dir, 0, "source", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd), 1, __WASI_ERRNO_NOENT);
  expect_ok("path_rename.dir_target_there", __wasi_path_open(dir, 0, "target", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd));
  __wasi_fd_close(fd);
  __wasi_path_remove_directory(dir, "target");
  __wasi_path_create_directory(dir, "source");
  __wasi_path_create_directory(dir, "target");
  expect_ok("path_rename.dir_to_empty_dir", __wasi_path_rename(dir, "source", dir, "target"));
  expect_errno("path_rename.dir_to_empty_source_gone", __wasi_path_open(dir, 0, "source", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd), 1, __WASI_ERRNO_NOENT);
  expect_ok("path_rename.dir_to_empty_target_there", __wasi_path_open(dir, 0, "target", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd));
  __wasi_fd_close(fd);
  __wasi_path_remove_directory(dir, "target");
  __wasi_path_create_directory(dir, "source");
  __wasi_path_create_directory(dir, "target");
  create_file(dir, "target/file");
  expect_errno("path_rename.dir_to_nonempty", __wasi_path_rename(dir, "source", dir, "target"), 2, __WASI_ERRNO_NOTEMPTY, __WASI_ERRNO_ACCES);
  expect_errno("path_rename.dir_to_file", __wasi_path_rename(dir, "source", dir, "target/file"), 1, __WASI_ERRNO_NOTDIR);
  __wasi_path_unlink_file(dir, "target/file");
  __wasi_path_remove_directory(dir, "source");
  __wasi_path_remove_directory(dir, "target");
  create_file(dir, "source");
  expect_ok("path_rename.file", __wasi_path_rename(dir, "source", dir, "target"));
  expect_errno("path_rename.file_source_gone", __wasi_path_open(dir, 0, "source", 0, 0, 0, 0, &fd), 1, __WASI_ERRNO_NOENT);
  expect_ok("path_rename.file_target_there", __wasi_path_open(dir, 0, "target", 0, 0, 0, 0, &fd));
  __wasi_fd_close(fd);
  __wasi_path_unlink_file(dir, "target");
  create_file(dir, "source");
  create_file(dir, "target");
  expect_ok("path_rename.file_to_file", __wasi_path_rename(dir, "source", dir, "target"));
  expect_errno("path_rename.file_to_file_source_gone", __wasi_path_open(dir, 0, "source", 0, 0, 0, 0, &fd), 1, __WASI_ERRNO_NOENT);
  expect_ok("path_rename.file_to_file_target_there", __wasi_path_open(dir, 0, "target", 0, 0, 0, 0, &fd));
  __wasi_fd_close(fd);
  __wasi_path_unlink_file(dir, "target");
  create_file(dir, "source");
  __wasi_path_create_directory(dir, "target");
  expect_errno("path_rename.file_to_dir", __wasi_path_rename(dir, "source", dir, "target"), 2, __WASI_ERRNO_ISDIR, __WASI_ERRNO_ACCES);
  __wasi_path_remove_directory(dir, "target");
  expect_ok("path_rename.unlink", __wasi_path_unlink_file(dir, "source"));
  __wasi_fd_close(dir);
  expect_ok("path_rename.rmdir_tmp", __wasi_path_remove_directory(base, "path_rename_dir.cleanup"));
}

static void path_rename_dir_trailing_slashes(__wasi_fd_t dir) {
  __wasi_path_create_directory(dir, "source");
  expect_ok("path_rename_dir_trailing_slashes.source_slash", __wasi_path_rename(dir, "source/", dir, "target"));
  expect_ok("path_rename_dir_trailing_slashes.target_slash", __wasi_path_rename(dir, "target", dir, "source/"));
  expect_ok("path_rename_dir_trailing_slashes.both_slash", __wasi_path_rename(dir, "source/", dir, "target/"));
  expect_ok("path_rename_dir_trailing_slashes.none", __wasi_path_rename(dir, "target", dir, "source"));
  expect_ok("path_rename_dir_trailing_slashes.rmdir", __wasi_path_remove_directory(dir, "source"));
}

static void path_symlink_trailing_slashes(__wasi_fd_t base) {
  __wasi_fd_t dir = create_tmp_dir(base, "path_symlink_trailing_slashes_dir.cleanup");
  expect_errno("path_symlink_trailing_slashes.dangling_slash", __wasi_path_symlink("source", dir, "target/"), 1, __WASI_ERRNO_NOENT);
  expect_ok("path_symlink_trailing_slashes.dangling", __wasi_path_symlink("source", dir, "target"));
  __wasi_path_unlink_file(dir, "target");
  __wasi_path_create_directory(dir, "target");
  expect_errno("path_symlink_trailing_slashes.dir_slash", __wasi_path_symlink("source", dir, "target/"), 2, __WASI_ERRNO_EXIST, __WASI_ERRNO_NOENT);
  expect_errno("path_symlink_trailing_slashes.dir", __wasi_path_symlink("source", dir, "target"), 2, __WASI_ERRNO_EXIST, __WASI_ERRNO_NOENT);
  __wasi_path_remove_directory(dir, "target");
  create_file(dir, "target");
  expect_errno("path_symlink_trailing_slashes.file_slash", __wasi_path_symlink("source", dir, "target/"), 2, __WASI_ERRNO_NOTDIR, __WASI_ERRNO_NOENT);
  expect_errno("path_symlink_trailing_slashes.file", __wasi_path_symlink("source", dir, "target"), 2, __WASI_ERRNO_EXIST, __WASI_ERRNO_NOENT);
  expect_ok("path_symlink_trailing_slashes.unlink", __wasi_path_unlink_file(dir, "target"));
  __wasi_fd_close(dir);
  expect_ok("path_symlink_trailing_slashes.rmdir_tmp", __wasi_path_remove_directory(base, "path_symlink_trailing_slashes_dir.cleanup"));
}

static void readlink_test(__wasi_fd_t base) {
  __wasi_fd_t dir = create_tmp_dir(base, "readlink_dir.cleanup");
  create_file(dir, "target");
  expect_ok("readlink.symlink", __wasi_path_symlink("target", dir, "symlink"));
  uint8_t buf[10] = {0};
  __wasi_size_t used;
  expect_ok("readlink.read", __wasi_path_readlink(dir, "symlink", buf, sizeof buf, &used));
  expect_eq("readlink.used", used, 6);
  expect_true("readlink.content", memcmp(buf, "target\0\0\0\0", 10) == 0, "'target' and the rest untouched");
  uint8_t small[4] = {0};
  expect_ok("readlink.read_small", __wasi_path_readlink(dir, "symlink", small, sizeof small, &used));
  expect_eq("readlink.used_small", used, 4);
  expect_true("readlink.content_small", memcmp(small, "targ", 4) == 0, "'targ'");
  expect_ok("readlink.unlink_target", __wasi_path_unlink_file(dir, "target"));
  expect_ok("readlink.unlink_symlink", __wasi_path_unlink_file(dir, "symlink"));
  __wasi_fd_close(dir);
  expect_ok("readlink.rmdir_tmp", __wasi_path_remove_directory(base, "readlink_dir.cleanup"));
}

static void remove_directory_trailing_slashes(__wasi_fd_t dir) {
  __wasi_path_create_directory(dir, "dir");
  expect_ok("remove_directory_trailing_slashes.rmdir", __wasi_path_remove_directory(dir, "dir"));
  __wasi_path_create_directory(dir, "dir");
  expect_ok("remove_directory_trailing_slashes.rmdir_slash", __wasi_path_remove_directory(dir, "dir/"));
  create_file(dir, "file");
  expect_errno("remove_directory_trailing_slashes.file", __wasi_path_remove_directory(dir, "file"), 1, __WASI_ERRNO_NOTDIR);
  expect_errno("remove_directory_trailing_slashes.file_slash", __wasi_path_remove_directory(dir, "file/"), 2, __WASI_ERRNO_NOTDIR, __WASI_ERRNO_NOENT);
  expect_ok("remove_directory_trailing_slashes.unlink", __wasi_path_unlink_file(dir, "file"));
}

static void remove_nonempty_directory(__wasi_fd_t base) {
  __wasi_fd_t dir = create_tmp_dir(base, "remove_nonempty_directory_dir.cleanup");
  __wasi_path_create_directory(dir, "dir");
  __wasi_path_create_directory(dir, "dir/nested");
  expect_errno("remove_nonempty_directory.nonempty", __wasi_path_remove_directory(dir, "dir"), 1, __WASI_ERRNO_NOTEMPTY);
  expect_ok("remove_nonempty_directory.nested", __wasi_path_remove_directory(dir, "dir/nested"));
  expect_ok("remove_nonempty_directory.dir", __wasi_path_remove_directory(dir, "dir"));
  __wasi_fd_close(dir);
  expect_ok("remove_nonempty_directory.rmdir_tmp", __wasi_path_remove_directory(base, "remove_nonempty_directory_dir.cleanup"));
}

static void symlink_create(__wasi_fd_t dir) {
  __wasi_fd_t fd;
  create_file(dir, "target");
  expect_ok("symlink_create.to_file", __wasi_path_symlink("target", dir, "symlink"));
  expect_ok("symlink_create.open_follow", __wasi_path_open(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "symlink", 0, 0, 0, 0, &fd));
  __wasi_fd_close(fd);
  __wasi_path_unlink_file(dir, "symlink");
  __wasi_path_unlink_file(dir, "target");
  __wasi_path_create_directory(dir, "target");
  expect_ok("symlink_create.to_dir", __wasi_path_symlink("target", dir, "symlink"));
  expect_ok("symlink_create.open_dir_follow", __wasi_path_open(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "symlink", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd));
  __wasi_fd_close(fd);
  expect_ok("symlink_create.unlink", __wasi_path_unlink_file(dir, "symlink"));
  expect_ok("symlink_create.rmdir", __wasi_path_remove_directory(dir, "target"));
  __wasi_errno_t e = __wasi_path_symlink("/", dir, "symlink");
  expect_true("symlink_create.absolute_refused", e != 0, "an error");
  if (e == 0) __wasi_path_unlink_file(dir, "symlink");
}

static void symlink_filestat(__wasi_fd_t dir) {
  __wasi_fd_t fd;
  __wasi_filestat_t fst, sst, st;
  must("symlink_filestat open", __wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, 0, &fd));
  expect_ok("symlink_filestat.stat_file", __wasi_path_filestat_get(dir, 0, "file", &fst));
  expect_eq("symlink_filestat.size0", fst.size, 0);
  expect_ok("symlink_filestat.symlink", __wasi_path_symlink("file", dir, "symlink"));
  expect_ok("symlink_filestat.stat_link", __wasi_path_filestat_get(dir, 0, "symlink", &sst));
  __wasi_timestamp_t new_mtim = sst.mtim - 200; /* exact to the nanosecond, as the suite checks */
  expect_ok("symlink_filestat.set_link_times", __wasi_path_filestat_set_times(dir, 0, "symlink", 0, new_mtim, __WASI_FSTFLAGS_MTIM));
  __wasi_path_filestat_get(dir, 0, "symlink", &st);
  expect_eq("symlink_filestat.link_mtim", st.mtim, new_mtim);
  __wasi_path_filestat_get(dir, 0, "file", &st);
  expect_eq("symlink_filestat.file_mtim_unchanged", st.mtim, fst.mtim);
  __wasi_path_filestat_get(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "symlink", &st);
  expect_eq("symlink_filestat.follow_mtim", st.mtim, fst.mtim);
  expect_ok("symlink_filestat.set_file_times_follow", __wasi_path_filestat_set_times(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "symlink", 0, sst.mtim, __WASI_FSTFLAGS_MTIM));
  __wasi_path_filestat_get(dir, 0, "file", &st);
  expect_eq("symlink_filestat.file_mtim", st.mtim, sst.mtim);
  __wasi_fd_close(fd);
  expect_ok("symlink_filestat.unlink_link", __wasi_path_unlink_file(dir, "symlink"));
  expect_ok("symlink_filestat.unlink_file", __wasi_path_unlink_file(dir, "file"));
}

static void symlink_loop(__wasi_fd_t dir) {
  __wasi_fd_t fd;
  expect_ok("symlink_loop.symlink", __wasi_path_symlink("symlink", dir, "symlink"));
  expect_errno("symlink_loop.open", __wasi_path_open(dir, 0, "symlink", 0, 0, 0, 0, &fd), 1, __WASI_ERRNO_LOOP);
  expect_ok("symlink_loop.unlink", __wasi_path_unlink_file(dir, "symlink"));
}

static void truncation_rights(__wasi_fd_t base) {
  __wasi_fd_t dir = create_tmp_dir(base, "truncation_rights_dir.cleanup");
  __wasi_fd_t fd;
  __wasi_fdstat_t st;
  create_file(dir, "file");
  __wasi_fd_fdstat_get(dir, &st);
  expect_eq("truncation_rights.dir_type", st.fs_filetype, __WASI_FILETYPE_DIRECTORY);
  expect_eq("truncation_rights.dir_flags", st.fs_flags, 0);
  expect_eq("truncation_rights.dir_no_set_size", st.fs_rights_base & __WASI_RIGHTS_FD_FILESTAT_SET_SIZE, 0);
  if (st.fs_rights_base & __WASI_RIGHTS_PATH_FILESTAT_SET_SIZE) {
    __wasi_rights_t base_r = st.fs_rights_base, inh = st.fs_rights_inheriting;
    expect_ok("truncation_rights.trunc", __wasi_path_open(dir, 0, "file", __WASI_OFLAGS_TRUNC, 0, 0, 0, &fd));
    __wasi_fd_close(fd);
    if (inh & __WASI_RIGHTS_FD_FILESTAT_SET_SIZE) {
      inh &= ~__WASI_RIGHTS_FD_FILESTAT_SET_SIZE;
      expect_ok("truncation_rights.drop_inheriting", __wasi_fd_fdstat_set_rights(dir, base_r, inh));
    }
    expect_ok("truncation_rights.trunc_without_fd_right", __wasi_path_open(dir, 0, "file", __WASI_OFLAGS_TRUNC, 0, 0, 0, &fd));
    __wasi_fd_close(fd);
    base_r &= ~__WASI_RIGHTS_PATH_FILESTAT_SET_SIZE;
    expect_ok("truncation_rights.drop_base", __wasi_fd_fdstat_set_rights(dir, base_r, inh));
    __wasi_fd_fdstat_get(dir, &st);
    expect_eq("truncation_rights.dropped", st.fs_rights_base & __WASI_RIGHTS_PATH_FILESTAT_SET_SIZE, 0);
    expect_errno("truncation_rights.trunc_refused", __wasi_path_open(dir, 0, "file", __WASI_OFLAGS_TRUNC, 0, 0, 0, &fd), 1, __WASI_ERRNO_PERM);
  }
  expect_ok("truncation_rights.unlink", __wasi_path_unlink_file(dir, "file"));
  __wasi_fd_close(dir);
  expect_ok("truncation_rights.rmdir_tmp", __wasi_path_remove_directory(base, "truncation_rights_dir.cleanup"));
}

static void unlink_file_trailing_slashes(__wasi_fd_t base) {
  __wasi_fd_t dir = create_tmp_dir(base, "unlink_file_trailing_slashes_dir.cleanup");
  __wasi_path_create_directory(dir, "dir");
  expect_errno("unlink_file_trailing_slashes.dir", __wasi_path_unlink_file(dir, "dir"), 3, __WASI_ERRNO_ISDIR, __WASI_ERRNO_PERM, __WASI_ERRNO_ACCES);
  expect_errno("unlink_file_trailing_slashes.dir_slash", __wasi_path_unlink_file(dir, "dir/"), 3, __WASI_ERRNO_ISDIR, __WASI_ERRNO_PERM, __WASI_ERRNO_ACCES);
  __wasi_path_remove_directory(dir, "dir");
  create_file(dir, "file");
  expect_errno("unlink_file_trailing_slashes.file_slash", __wasi_path_unlink_file(dir, "file/"), 2, __WASI_ERRNO_NOTDIR, __WASI_ERRNO_NOENT);
  expect_ok("unlink_file_trailing_slashes.file", __wasi_path_unlink_file(dir, "file"));
  __wasi_fd_close(dir);
  expect_ok("unlink_file_trailing_slashes.rmdir_tmp", __wasi_path_remove_directory(base, "unlink_file_trailing_slashes_dir.cleanup"));
}

/* fd_readdir: '.', '..', a file, cookies, and 1000 entries read through a 256-byte buffer. */
struct ent { __wasi_dirent_t d; char name[64]; };

static int read_dir(__wasi_fd_t fd, __wasi_dircookie_t cookie, struct ent *out, int max, int *eof) {
  uint8_t buf[256];
  __wasi_size_t used;
  if (__wasi_fd_readdir(fd, buf, sizeof buf, cookie, &used) != 0) return -1;
  *eof = used < sizeof buf;
  int n = 0;
  size_t at = 0;
  while (at + sizeof(__wasi_dirent_t) <= used && n < max) {
    __wasi_dirent_t d;
    memcpy(&d, buf + at, sizeof d);
    if (at + sizeof d + d.d_namlen > used) break;
    out[n].d = d;
    size_t l = d.d_namlen < 63 ? d.d_namlen : 63;
    memcpy(out[n].name, buf + at + sizeof d, l);
    out[n].name[l] = 0;
    n++;
    at += sizeof d + d.d_namlen;
  }
  return n;
}

static void fd_readdir(__wasi_fd_t base) {
  must("fd_readdir mkdir", __wasi_path_create_directory(base, "fd_readdir_dir.cleanup"));
  __wasi_fd_t dir, fd;
  must("fd_readdir open", __wasi_path_open(base, 0, "fd_readdir_dir.cleanup", __WASI_OFLAGS_DIRECTORY,
      __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_CREATE_FILE | __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_PATH_UNLINK_FILE,
      __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_SEEK, 0, &dir));
  __wasi_filestat_t dst, fst;
  __wasi_fd_filestat_get(dir, &dst);
  struct ent e[8];
  int eof;
  int n = read_dir(dir, 0, e, 8, &eof);
  expect_true("fd_readdir.empty_eof", eof, "the whole directory");
  expect_eq("fd_readdir.empty_count", n, 2);
  int dot = -1, dotdot = -1;
  for (int i = 0; i < n; i++) {
    if (strcmp(e[i].name, ".") == 0) dot = i;
    if (strcmp(e[i].name, "..") == 0) dotdot = i;
  }
  expect_true("fd_readdir.dot", dot >= 0 && e[dot].d.d_type == __WASI_FILETYPE_DIRECTORY && e[dot].d.d_namlen == 1, "'.' a directory");
  expect_true("fd_readdir.dot_ino", dot >= 0 && e[dot].d.d_ino == dst.ino, "'.' with the directory's inode");
  expect_true("fd_readdir.dotdot", dotdot >= 0 && e[dotdot].d.d_type == __WASI_FILETYPE_DIRECTORY, "'..' a directory");
  must("fd_readdir create", __wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_FD_FILESTAT_GET, 0, 0, &fd));
  __wasi_fd_filestat_get(fd, &fst);
  __wasi_fd_close(fd);
  n = read_dir(dir, 0, e, 8, &eof);
  expect_true("fd_readdir.three_eof", eof, "the whole directory");
  expect_eq("fd_readdir.three_count", n, 3);
  int file = -1;
  for (int i = 0; i < n; i++) if (strcmp(e[i].name, "file") == 0) file = i;
  expect_true("fd_readdir.file_type", file >= 0 && e[file].d.d_type == __WASI_FILETYPE_REGULAR_FILE, "'file' a regular file");
  expect_true("fd_readdir.file_ino", file >= 0 && e[file].d.d_ino == fst.ino, "'file' with its inode");
  if (n == 3) {
    __wasi_dircookie_t cookie = e[1].d.d_next;
    char last[64];
    strcpy(last, e[2].name);
    n = read_dir(dir, cookie, e, 8, &eof);
    expect_true("fd_readdir.cookie_eof", eof, "the rest of the directory");
    expect_true("fd_readdir.cookie", n == 1 && strcmp(e[0].name, last) == 0, "the last entry alone");
  }
  expect_ok("fd_readdir.unlink", __wasi_path_unlink_file(dir, "file"));
  char name[32];
  for (int i = 0; i < 1000; i++) {
    snprintf(name, sizeof name, "file.%d", i);
    must("fd_readdir create many", __wasi_path_open(dir, 0, name, __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, 0, &fd));
    __wasi_fd_close(fd);
  }
  int total = 0;
  __wasi_dircookie_t cookie = 0;
  for (int rounds = 0; rounds < 5000; rounds++) {
    struct ent many[16];
    n = read_dir(dir, cookie, many, 16, &eof);
    if (n < 0) break;
    total += n;
    if (eof || n == 0) break;
    cookie = many[n - 1].d.d_next;
  }
  expect_eq("fd_readdir.lots", total, 1002);
  for (int i = 0; i < 1000; i++) {
    snprintf(name, sizeof name, "file.%d", i);
    __wasi_path_unlink_file(dir, name);
  }
  __wasi_fd_close(dir);
  expect_ok("fd_readdir.rmdir_tmp", __wasi_path_remove_directory(base, "fd_readdir_dir.cleanup"));
}

static void fd_fdstat_set_rights(__wasi_fd_t base) {
  __wasi_fd_t dir = create_tmp_dir(base, "rights_dir.cleanup");
  __wasi_fd_t fd;
  must("fd_fdstat_set_rights open", __wasi_path_open(dir, 0, "file.cleanup", __WASI_OFLAGS_CREAT,
      __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL, 0, 0, &fd));
  uint8_t data[4] = {0, 1, 2, 3}, back[4] = {0};
  size_t n;
  __wasi_filesize_t pos;
  expect_ok("fd_fdstat_set_rights.write", write1(fd, data, 4, &n));
  expect_ok("fd_fdstat_set_rights.seek", __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
  expect_ok("fd_fdstat_set_rights.read", read1(fd, back, 4, &n));
  expect_true("fd_fdstat_set_rights.data", n == 4 && memcmp(back, data, 4) == 0, "the bytes written");
  const __wasi_rights_t rw = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE;
  expect_ok("fd_fdstat_set_rights.drop", __wasi_fd_fdstat_set_rights(fd, rights_base(fd) & ~rw, rights_inheriting(fd)));
  __wasi_rights_t now = rights_base(fd);
  expect_eq("fd_fdstat_set_rights.dropped", now & rw, 0);
  expect_true("fd_fdstat_set_rights.seek_kept", (now & __WASI_RIGHTS_FD_SEEK) != 0, "FD_SEEK still there");
  expect_errno("fd_fdstat_set_rights.read_refused", read1(fd, back, 4, &n), 2, __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
  expect_errno("fd_fdstat_set_rights.write_refused", write1(fd, data, 4, &n), 2, __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
  const __wasi_rights_t more = rw | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL;
  expect_errno("fd_fdstat_set_rights.regain", __wasi_fd_fdstat_set_rights(fd, rights_base(fd) | more, rights_inheriting(fd) | more), 1, __WASI_ERRNO_NOTCAPABLE);
  __wasi_fd_close(fd);
  expect_ok("fd_fdstat_set_rights.unlink", __wasi_path_unlink_file(dir, "file.cleanup"));
  __wasi_fd_close(dir);
  expect_ok("fd_fdstat_set_rights.rmdir_tmp", __wasi_path_remove_directory(base, "rights_dir.cleanup"));
}

/* A directory whose FD_READ (base and inheriting) was dropped opens files without it. */
static void path_open_read_without_rights(__wasi_fd_t base) {
  __wasi_fd_t dir = create_tmp_dir(base, "path_open_read_without_rights_dir.cleanup");
  create_file(dir, "file");
  expect_ok("path_open_read_without_rights.drop", __wasi_fd_fdstat_set_rights(dir, rights_base(dir) & ~__WASI_RIGHTS_FD_READ, rights_inheriting(dir) & ~__WASI_RIGHTS_FD_READ));
  expect_eq("path_open_read_without_rights.dir_base", rights_base(dir) & __WASI_RIGHTS_FD_READ, 0);
  expect_eq("path_open_read_without_rights.dir_inheriting", rights_inheriting(dir) & __WASI_RIGHTS_FD_READ, 0);
  __wasi_fd_t fd;
  expect_ok("path_open_read_without_rights.open", __wasi_path_open(dir, 0, "file", 0, 0, 0, 0, &fd));
  expect_eq("path_open_read_without_rights.file_base", rights_base(fd) & __WASI_RIGHTS_FD_READ, 0);
  expect_eq("path_open_read_without_rights.file_inheriting", rights_inheriting(fd) & __WASI_RIGHTS_FD_READ, 0);
  uint8_t b;
  size_t n;
  expect_errno("path_open_read_without_rights.read", read1(fd, &b, 1, &n), 1, __WASI_ERRNO_BADF);
  __wasi_fd_close(fd);
  expect_ok("path_open_read_without_rights.unlink", __wasi_path_unlink_file(dir, "file"));
  __wasi_fd_close(dir);
  expect_ok("path_open_read_without_rights.rmdir_tmp", __wasi_path_remove_directory(base, "path_open_read_without_rights_dir.cleanup"));
}

static const struct test TESTS[] = {
  {"dangling_fd", dangling_fd}, {"dangling_symlink", dangling_symlink}, {"interesting_paths", interesting_paths},
  {"nofollow_errors", nofollow_errors}, {"path_exists", path_exists}, {"path_filestat", path_filestat},
  {"path_link", path_link}, {"path_open_create_existing", path_open_create_existing},
  {"path_open_dirfd_not_dir", path_open_dirfd_not_dir}, {"path_open_missing", path_open_missing},
  {"path_open_read_write", path_open_read_write}, {"path_rename", path_rename},
  {"path_rename_dir_trailing_slashes", path_rename_dir_trailing_slashes},
  {"path_symlink_trailing_slashes", path_symlink_trailing_slashes}, {"readlink", readlink_test},
  {"remove_directory_trailing_slashes", remove_directory_trailing_slashes},
  {"remove_nonempty_directory", remove_nonempty_directory}, {"symlink_create", symlink_create},
  {"symlink_filestat", symlink_filestat}, {"symlink_loop", symlink_loop}, {"truncation_rights", truncation_rights},
  {"unlink_file_trailing_slashes", unlink_file_trailing_slashes}, {"fd_readdir", fd_readdir},
  {"fd_fdstat_set_rights", fd_fdstat_set_rights}, {"path_open_read_without_rights", path_open_read_without_rights},
};

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s PREOPEN SUBDIR [TEST...]\n", argv[0]);
    return 2;
  }
  scratch_name = argv[1];
  __wasi_fd_t dir = open_scratch(argv[1], argv[2]);
  for (size_t i = 0; i < sizeof TESTS / sizeof TESTS[0]; i++)
    if (selected(argc, argv, 3, TESTS[i].name)) TESTS[i].run(dir);
  return finish();
}
