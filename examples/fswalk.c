/* fswalk: builds a small tree under a scratch directory (default /tmp), walks it depth-first
 * printing each entry with its size, totals the bytes, then removes it bottom-up and checks
 * that nothing is left. A tour of mkdir, open/write, symlink, opendir/readdir, lstat,
 * readlink, unlink and rmdir. Usage: fswalk [DIR]. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int failures;

static void fail(const char *what, const char *path) {
  fprintf(stderr, "fswalk: %s %s: %s\n", what, path, strerror(errno));
  failures++;
}

static char *join(const char *a, const char *b) {
  size_t n = strlen(a) + strlen(b) + 2;
  char *p = malloc(n);
  snprintf(p, n, "%s/%s", a, b);
  return p;
}

static void make_file(const char *root, const char *rel, size_t size) {
  char *path = join(root, rel);
  int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  if (fd < 0) { fail("create", path); free(path); return; }
  char chunk[64];
  for (size_t i = 0; i < sizeof chunk; i++) chunk[i] = (char)('a' + i % 26);
  for (size_t done = 0; done < size;) {
    size_t n = size - done < sizeof chunk ? size - done : sizeof chunk;
    ssize_t w = write(fd, chunk, n);
    if (w <= 0) { fail("write", path); break; }
    done += (size_t)w;
  }
  close(fd);
  free(path);
}

static void make_dir(const char *root, const char *rel) {
  char *path = join(root, rel);
  if (mkdir(path, 0755) < 0) fail("mkdir", path);
  free(path);
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Sorted names of a directory without "." and ".."; *count set; NULL on error. */
static char **names_of(const char *dir, size_t *count) {
  DIR *d = opendir(dir);
  if (!d) { fail("opendir", dir); return NULL; }
  size_t n = 0, cap = 8;
  char **v = malloc(cap * sizeof *v);
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    if (n == cap) v = realloc(v, (cap *= 2) * sizeof *v);
    v[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(v, n, sizeof *v, by_name);
  *count = n;
  return v;
}

/* Prints the tree below dir, indented by depth; returns the bytes of regular files. */
static long long walk(const char *dir, int depth) {
  long long bytes = 0;
  size_t n;
  char **names = names_of(dir, &n);
  if (!names) return 0;
  for (size_t i = 0; i < n; i++) {
    char *path = join(dir, names[i]);
    struct stat st;
    if (lstat(path, &st) < 0) { fail("lstat", path); free(path); continue; }
    printf("%*s", depth * 2, "");
    if (S_ISDIR(st.st_mode)) {
      printf("%s/\n", names[i]);
      bytes += walk(path, depth + 1);
    } else if (S_ISLNK(st.st_mode)) {
      char target[256];
      ssize_t len = readlink(path, target, sizeof target - 1);
      target[len < 0 ? 0 : len] = 0;
      printf("%s -> %s\n", names[i], target);
    } else {
      printf("%s (%lld bytes)\n", names[i], (long long)st.st_size);
      bytes += st.st_size;
    }
    free(path);
    free(names[i]);
  }
  free(names);
  return bytes;
}

/* Removes dir and everything below it. */
static void remove_tree(const char *dir) {
  size_t n;
  char **names = names_of(dir, &n);
  if (!names) return;
  for (size_t i = 0; i < n; i++) {
    char *path = join(dir, names[i]);
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) remove_tree(path);
    else if (unlink(path) < 0) fail("unlink", path);
    free(path);
    free(names[i]);
  }
  free(names);
  if (rmdir(dir) < 0) fail("rmdir", dir);
}

int main(int argc, char **argv) {
  const char *base = argc > 1 ? argv[1] : "/tmp";
  char *root = join(base, "fswalk-demo");
  struct stat st;
  if (lstat(root, &st) == 0) remove_tree(root); /* a leftover of an interrupted run */

  printf("building %s\n", root);
  if (mkdir(root, 0755) < 0) { fail("mkdir", root); return 1; }
  make_dir(root, "docs");
  make_dir(root, "docs/drafts");
  make_dir(root, "src");
  make_dir(root, "src/lib");
  make_dir(root, "empty");
  make_file(root, "README", 120);
  make_file(root, "docs/guide.txt", 2048);
  make_file(root, "docs/drafts/idea.txt", 7);
  make_file(root, "src/main.c", 300);
  make_file(root, "src/lib/util.c", 4096 + 17);
  make_file(root, "src/lib/empty.h", 0);
  char *link = join(root, "src/latest");
  if (symlink("lib/util.c", link) < 0) fail("symlink", link);
  free(link);

  printf("walking %s\n", root);
  long long bytes = walk(root, 1);
  printf("total: %lld bytes in regular files\n", bytes);

  printf("removing %s\n", root);
  remove_tree(root);
  errno = 0;
  int gone = lstat(root, &st) < 0 && errno == ENOENT;
  printf("removed: %s\n", gone ? "yes" : "NO");
  if (failures) printf("%d operations failed\n", failures);
  return failures || !gone ? 1 : 0;
}
