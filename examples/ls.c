/* ls: lists directory trees like `ls -lR`, reduced to what is the same on every file system:
 * one line per entry, sorted by name, with its type (d directory, - file, l symlink, c device,
 * p fifo, ? other), the size of regular files, and "name -> target" for symlinks. Directories
 * are listed recursively (symlinks to directories are shown, not followed), and a last line
 * counts directories and files. Usage: ls [-R] [PATH...] (default: the current directory). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int status;
static long ndirs, nfiles;

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static char type_char(mode_t m) {
  if (S_ISDIR(m)) return 'd';
  if (S_ISREG(m)) return '-';
  if (S_ISLNK(m)) return 'l';
  if (S_ISCHR(m)) return 'c';
  if (S_ISBLK(m)) return 'b';
  if (S_ISFIFO(m)) return 'p';
  if (S_ISSOCK(m)) return 's';
  return '?';
}

static char *join(const char *dir, const char *name) {
  size_t n = strlen(dir) + strlen(name) + 2;
  char *p = malloc(n);
  snprintf(p, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
  return p;
}

/* One line for `path`, shown as `name`. */
static void entry(const char *path, const char *name, const struct stat *st) {
  char size[24] = "";
  if (S_ISREG(st->st_mode)) snprintf(size, sizeof size, "%lld", (long long)st->st_size);
  printf("%c %9s %s%s", type_char(st->st_mode), size, name, S_ISDIR(st->st_mode) ? "/" : "");
  if (S_ISLNK(st->st_mode)) {
    char target[1024];
    ssize_t n = readlink(path, target, sizeof target - 1);
    if (n >= 0) { target[n] = 0; printf(" -> %s", target); }
    else printf(" -> (%s)", strerror(errno));
  }
  printf("\n");
  if (S_ISDIR(st->st_mode)) ndirs++; else nfiles++;
}

/* Lists `dir`, then each of its subdirectories. */
static void list(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) {
    fprintf(stderr, "ls: %s: %s\n", dir, strerror(errno));
    status = 1;
    return;
  }
  size_t n = 0, cap = 16;
  char **names = malloc(cap * sizeof *names);
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    if (n == cap) names = realloc(names, (cap *= 2) * sizeof *names);
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, by_name);

  printf("%s:\n", dir);
  char **subdirs = malloc((n + 1) * sizeof *subdirs);
  size_t nsub = 0;
  for (size_t i = 0; i < n; i++) {
    char *path = join(dir, names[i]);
    struct stat st;
    if (lstat(path, &st) < 0) {
      fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
      status = 1;
      free(path);
      continue;
    }
    entry(path, names[i], &st);
    if (S_ISDIR(st.st_mode)) subdirs[nsub++] = path;
    else free(path);
  }
  for (size_t i = 0; i < nsub; i++) {
    printf("\n");
    list(subdirs[i]);
    free(subdirs[i]);
  }
  for (size_t i = 0; i < n; i++) free(names[i]);
  free(names);
  free(subdirs);
}

int main(int argc, char **argv) {
  int first = 1, any = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-R") == 0) continue;
    any = 1;
    struct stat st;
    if (lstat(argv[i], &st) < 0) {
      fprintf(stderr, "ls: %s: %s\n", argv[i], strerror(errno));
      status = 1;
      continue;
    }
    if (!first) printf("\n");
    first = 0;
    if (S_ISDIR(st.st_mode)) list(argv[i]);
    else entry(argv[i], argv[i], &st);
  }
  if (!any) list(".");
  printf("\n%ld directories, %ld files\n", ndirs, nfiles);
  return status;
}
