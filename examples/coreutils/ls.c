/* ls: lists files and the contents of directories, sorted by name in the C locale (strcmp), as
 * GNU's with LC_ALL=C. Options: -1 (one per line, the default when stdout is not a terminal),
 * -C (columns, the default on a terminal) and -x (across), -w COLS, -l (long: mode, links, owner,
 * group, size, date), -g/-o (long without owner/group), -n (numeric ids), -a/-A (dot files),
 * -d (directories as files), -R (recursive), -r (reverse), -t (by time), -S (by size),
 * -U (unsorted), -F (classify: / * @ | =), -p (slash after directories). */
#include "util.h"
#include "lib/mode.h"
#include <dirent.h>
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>

enum format { ONE_PER_LINE, LONG, COLUMNS, ACROSS };
enum sort { BY_NAME, BY_TIME, BY_SIZE, UNSORTED };
enum indicator { NO_INDICATOR, SLASH, CLASSIFY };

struct entry {
	char *name;      /* as listed */
	char *path;      /* to stat and readlink: the directory's path and the name */
	struct stat st;
	bool stat_ok;
	char *link;      /* -l: a symbolic link's target */
	mode_t link_mode; /* -l -F: the target's mode, 0 when it cannot be reached */
};

/* A list of entries: a directory's, or the command line's files. */
struct list {
	struct entry *v;
	size_t n, cap;
};

static enum format format;
static enum sort sort_by = BY_NAME;
static enum indicator indicator = NO_INDICATOR;
static bool show_all, almost_all, dirs_as_files, recursive, reverse, numeric_ids;
static bool show_owner = true, show_group = true;
static bool deref_dir_args; /* a command-line symlink to a directory lists the directory */
static size_t line_length = 80;
static int status;
static time_t now;

/* Directories waiting to be listed: a stack, so that -R goes depth first in sorted order. */
static struct pending { char *path; bool command_line; } *pending;
static size_t n_pending, cap_pending;

static void failure(bool serious, const char *fmt, const char *name) {
	int e = errno;
	char what[4200];
	snprintf(what, sizeof what, fmt, quote(name));
	errno = e;
	message_errno(what);
	if (serious) status = 2;
	else if (status == 0) status = 1;
}

static char *join(const char *dir, const char *name) {
	size_t n = strlen(dir);
	char *p = malloc(n + strlen(name) + 2);
	if (p == NULL) fail(2, "memory exhausted");
	if (n > 0 && dir[n - 1] == '/') sprintf(p, "%s%s", dir, name);
	else sprintf(p, "%s/%s", dir, name);
	return p;
}

static void push_pending(const char *path, bool command_line) {
	if (n_pending == cap_pending) {
		cap_pending = cap_pending ? 2 * cap_pending : 16;
		pending = realloc(pending, cap_pending * sizeof *pending);
		if (pending == NULL) fail(2, "memory exhausted");
	}
	pending[n_pending].path = strdup(path);
	pending[n_pending++].command_line = command_line;
}

/* Adds NAME (at PATH) to LIST with its status; false (and a message) when it cannot be reached. */
static bool add_entry(struct list *list, const char *name, const char *path, bool command_line) {
	struct entry e = { .name = strdup(name), .path = strdup(path) };
	int r;
	if (command_line && deref_dir_args) {
		r = stat(path, &e.st);
		if ((r != 0 && errno == ENOENT) || (r == 0 && !S_ISDIR(e.st.st_mode))) r = lstat(path, &e.st);
	} else {
		r = lstat(path, &e.st);
	}
	if (r != 0) {
		failure(command_line, "cannot access %s", path);
		if (command_line) {
			free(e.name);
			free(e.path);
			return false;
		}
	} else {
		e.stat_ok = true;
	}
	if (e.stat_ok && S_ISLNK(e.st.st_mode) && format == LONG) {
		char target[4096];
		ssize_t n = readlink(path, target, sizeof target - 1);
		if (n < 0) {
			failure(command_line, "cannot read symbolic link %s", path);
		} else {
			target[n] = '\0';
			e.link = strdup(target);
			struct stat t;
			if (indicator == CLASSIFY && stat(path, &t) == 0) e.link_mode = t.st_mode;
		}
	}
	if (list->n == list->cap) {
		list->cap = list->cap ? 2 * list->cap : 32;
		list->v = realloc(list->v, list->cap * sizeof *list->v);
		if (list->v == NULL) fail(2, "memory exhausted");
	}
	list->v[list->n++] = e;
	return true;
}

static void free_list(struct list *list) {
	for (size_t i = 0; i < list->n; i++) {
		free(list->v[i].name);
		free(list->v[i].path);
		free(list->v[i].link);
	}
	list->n = 0;
}

static int compare(const void *pa, const void *pb) {
	const struct entry *a = pa, *b = pb;
	int d = 0;
	if (sort_by == BY_TIME) {
		if (a->st.st_mtim.tv_sec != b->st.st_mtim.tv_sec) d = a->st.st_mtim.tv_sec < b->st.st_mtim.tv_sec ? 1 : -1;
		else if (a->st.st_mtim.tv_nsec != b->st.st_mtim.tv_nsec) d = a->st.st_mtim.tv_nsec < b->st.st_mtim.tv_nsec ? 1 : -1;
	} else if (sort_by == BY_SIZE) {
		d = (b->st.st_size > a->st.st_size) - (a->st.st_size > b->st.st_size);
	}
	if (d == 0) d = strcmp(a->name, b->name);
	return reverse ? -d : d;
}

static void sort_list(struct list *list) {
	if (sort_by != UNSORTED && list->n > 1) qsort(list->v, list->n, sizeof *list->v, compare);
}

/* The character -F or -p puts after a name of MODE (0: none). */
static char type_indicator(bool known, mode_t mode) {
	if (indicator == NO_INDICATOR || !known) return 0;
	if (S_ISREG(mode)) return indicator == CLASSIFY && (mode & (S_IXUSR | S_IXGRP | S_IXOTH)) ? '*' : 0;
	if (S_ISDIR(mode)) return '/';
	if (indicator == SLASH) return 0;
	if (S_ISLNK(mode)) return '@';
	if (S_ISFIFO(mode)) return '|';
	if (S_ISSOCK(mode)) return '=';
	return 0;
}

static size_t name_width(const struct entry *e) {
	return strlen(e->name) + (type_indicator(e->stat_ok, e->st.st_mode) != 0);
}

static void print_name(const struct entry *e) {
	fputs(e->name, stdout);
	char c = type_indicator(e->stat_ok, e->st.st_mode);
	if (c) putchar(c);
}

/* "drwxr-xr-x": the file type's letter, then the permission bits. */
static void mode_string(mode_t m, char *s) {
	s[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISCHR(m) ? 'c' : S_ISBLK(m) ? 'b'
		: S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : S_ISREG(m) ? '-' : '?';
	permission_string(m, s + 1);
}

/* The owner's or group's name, or NULL with -n or when the id has none. */
static const char *owner_name(uid_t uid) {
	if (numeric_ids) return NULL;
	struct passwd *pw = getpwuid(uid);
	return pw ? pw->pw_name : NULL;
}

static const char *group_name(gid_t gid) {
	if (numeric_ids) return NULL;
	struct group *gr = getgrgid(gid);
	return gr ? gr->gr_name : NULL;
}

static int digits(unsigned long long v) {
	int n = 1;
	while (v >= 10) v /= 10, n++;
	return n;
}

static int id_width(const char *name, unsigned id) {
	return name ? (int)strlen(name) : digits(id);
}

/* Names, or numbers right-aligned, then a space. */
static void print_id(const char *name, unsigned id, int width) {
	if (name) printf("%-*s ", width, name);
	else printf("%*u ", width, id);
}

static void print_long(struct list *list) {
	int w_links = 0, w_owner = 0, w_group = 0, w_size = 0, w_major = 0, w_minor = 0;
	for (size_t i = 0; i < list->n; i++) {
		struct stat *st = &list->v[i].st;
		if (!list->v[i].stat_ok) continue;
		int w = digits(st->st_nlink);
		if (w > w_links) w_links = w;
		if (show_owner && (w = id_width(owner_name(st->st_uid), st->st_uid)) > w_owner) w_owner = w;
		if (show_group && (w = id_width(group_name(st->st_gid), st->st_gid)) > w_group) w_group = w;
		if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode)) {
			if ((w = digits(major(st->st_rdev))) > w_major) w_major = w;
			if ((w = digits(minor(st->st_rdev))) > w_minor) w_minor = w;
			if (w_major + 2 + w_minor > w_size) w_size = w_major + 2 + w_minor;
		} else if ((w = digits((unsigned long long)st->st_size)) > w_size) {
			w_size = w;
		}
	}
	for (size_t i = 0; i < list->n; i++) {
		struct entry *e = &list->v[i];
		struct stat *st = &e->st;
		char mode[11], date[64];
		mode_string(st->st_mode, mode);
		printf("%s %*lu ", mode, w_links, (unsigned long)st->st_nlink);
		if (show_owner) print_id(owner_name(st->st_uid), st->st_uid, w_owner);
		if (show_group) print_id(group_name(st->st_gid), st->st_gid, w_group);
		if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode)) {
			printf("%*u, %*u ", w_size - w_minor - 2, major(st->st_rdev), w_minor, minor(st->st_rdev));
		} else {
			printf("%*lld ", w_size, (long long)st->st_size);
		}
		/* Recent files (the last six months) show the time of day, others the year. */
		time_t when = st->st_mtim.tv_sec;
		if (when > now) now = time(NULL);
		bool recent = when > now - 31556952 / 2 && when <= now;
		struct tm *tm = localtime(&when);
		if (tm == NULL || strftime(date, sizeof date, recent ? "%b %e %H:%M" : "%b %e  %Y", tm) == 0) {
			snprintf(date, sizeof date, "%lld", (long long)when);
		}
		printf("%s ", date);
		fputs(e->name, stdout);
		if (e->link != NULL) {
			printf(" -> %s", e->link);
			char c = type_indicator(e->link_mode != 0, e->link_mode);
			if (c) putchar(c);
		} else if (!S_ISLNK(st->st_mode)) {
			char c = type_indicator(e->stat_ok, st->st_mode);
			if (c) putchar(c);
		}
		putchar('\n');
	}
}

/* Pads from column FROM to column TO with tabs where they fit, as GNU's ls does. */
static void indent(size_t from, size_t to) {
	while (from < to) {
		if (to / 8 > (from + 1) / 8) {
			putchar('\t');
			from += 8 - from % 8;
		} else {
			putchar(' ');
			from++;
		}
	}
}

/* -C and -x: the most columns that fit in the line, each as wide as its widest name + 2. */
static void print_columns(struct list *list, bool by_columns) {
	size_t n = list->n, max_cols = line_length / 3;
	if (max_cols < 1) max_cols = 1;
	if (max_cols > n) max_cols = n;
	size_t *widths = calloc(max_cols * (max_cols + 1) / 2 + 1, sizeof *widths);
	size_t *line = calloc(max_cols + 1, sizeof *line);
	bool *valid = calloc(max_cols + 1, sizeof *valid);
	if (widths == NULL || line == NULL || valid == NULL) fail(2, "memory exhausted");
	/* Configuration i (i + 1 columns) keeps its widths at widths[i * (i + 1) / 2 ...]. */
	for (size_t i = 0; i < max_cols; i++) {
		valid[i] = true;
		line[i] = (i + 1) * 3;
		for (size_t j = 0; j <= i; j++) widths[i * (i + 1) / 2 + j] = 3;
	}
	for (size_t f = 0; f < n; f++) {
		size_t len = name_width(&list->v[f]);
		for (size_t i = 0; i < max_cols; i++) {
			if (!valid[i]) continue;
			size_t idx = by_columns ? f / ((n + i) / (i + 1)) : f % (i + 1);
			size_t real = len + (idx == i ? 0 : 2);
			size_t *w = &widths[i * (i + 1) / 2 + idx];
			if (*w < real) {
				line[i] += real - *w;
				*w = real;
				valid[i] = line[i] < line_length;
			}
		}
	}
	size_t cols = max_cols;
	while (cols > 1 && !valid[cols - 1]) cols--;
	size_t *col_w = &widths[(cols - 1) * cols / 2];
	if (by_columns) {
		size_t rows = n / cols + (n % cols != 0);
		for (size_t row = 0; row < rows; row++) {
			size_t pos = 0, col = 0;
			for (size_t f = row; f < n; f += rows) {
				if (f != row) {
					indent(pos + name_width(&list->v[f - rows]), pos + col_w[col - 1]);
					pos += col_w[col - 1];
				}
				print_name(&list->v[f]);
				col++;
			}
			putchar('\n');
		}
	} else {
		size_t pos = 0;
		for (size_t f = 0; f < n; f++) {
			size_t col = f % cols;
			if (f > 0 && col == 0) {
				putchar('\n');
				pos = 0;
			} else if (f > 0) {
				indent(pos + name_width(&list->v[f - 1]), pos + col_w[col - 1]);
				pos += col_w[col - 1];
			}
			print_name(&list->v[f]);
		}
		putchar('\n');
	}
	free(widths);
	free(line);
	free(valid);
}

static void print_list(struct list *list) {
	if (list->n == 0) return;
	if (format == LONG) {
		print_long(list);
	} else if (format == COLUMNS || format == ACROSS) {
		print_columns(list, format == COLUMNS);
	} else {
		for (size_t i = 0; i < list->n; i++) {
			print_name(&list->v[i]);
			putchar('\n');
		}
	}
}

/* Queues LIST's directories (in reverse, so they come off the stack in order); -R leaves out
 * "." and "..", and symbolic links. DIR is the listed directory's path, NULL for the command line. */
static void queue_dirs(struct list *list, const char *dir) {
	for (size_t i = list->n; i-- > 0;) {
		struct entry *e = &list->v[i];
		if (!e->stat_ok || !S_ISDIR(e->st.st_mode)) continue;
		if (dir == NULL) {
			push_pending(e->name, true);
		} else if (strcmp(e->name, ".") != 0 && strcmp(e->name, "..") != 0) {
			char *p = join(dir, e->name);
			push_pending(p, false);
			free(p);
		}
	}
}

static void list_directory(const char *path, bool command_line, bool show_name, bool *first) {
	DIR *d = opendir(path);
	if (d == NULL) {
		failure(command_line, "cannot open directory %s", path);
		return;
	}
	if (show_name) {
		if (!*first) putchar('\n');
		printf("%s:\n", path);
	}
	*first = false;
	struct list list = { 0 };
	struct dirent *de;
	unsigned long long blocks = 0;
	for (;;) {
		errno = 0;
		if ((de = readdir(d)) == NULL) break;
		const char *n = de->d_name;
		if (n[0] == '.' && !show_all) {
			bool dots = n[1] == '\0' || (n[1] == '.' && n[2] == '\0');
			if (!almost_all || dots) continue;
		}
		char *p = join(path, n);
		if (add_entry(&list, n, p, false) && list.v[list.n - 1].stat_ok) blocks += list.v[list.n - 1].st.st_blocks;
		free(p);
	}
	if (errno != 0) failure(command_line, "reading directory %s", path);
	closedir(d);
	sort_list(&list);
	if (format == LONG) printf("total %llu\n", (blocks + 1) / 2);
	print_list(&list);
	if (recursive) queue_dirs(&list, path);
	free_list(&list);
	free(list.v);
}

int ls_main(int argc, char **argv) {
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "almost-all", no_argument, NULL, 'A' },
		{ "directory", no_argument, NULL, 'd' },
		{ "classify", no_argument, NULL, 'F' },
		{ "numeric-uid-gid", no_argument, NULL, 'n' },
		{ "recursive", no_argument, NULL, 'R' },
		{ "reverse", no_argument, NULL, 'r' },
		{ "width", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool tty = isatty(STDOUT_FILENO);
	format = tty ? COLUMNS : ONE_PER_LINE;
	long width = -1;
	const char *optstring = "1aACdFglnopRrStUw:x";
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		switch (c) {
		case '1': if (format != LONG) format = ONE_PER_LINE; break;
		case 'a': show_all = true; almost_all = false; break;
		case 'A': almost_all = true; show_all = false; break;
		case 'C': format = COLUMNS; break;
		case 'd': dirs_as_files = true; break;
		case 'F': indicator = CLASSIFY; break;
		case 'g': format = LONG; show_owner = false; break;
		case 'l': format = LONG; break;
		case 'n': format = LONG; numeric_ids = true; break;
		case 'o': format = LONG; show_group = false; break;
		case 'p': indicator = SLASH; break;
		case 'R': recursive = true; break;
		case 'r': reverse = true; break;
		case 'S': sort_by = BY_SIZE; break;
		case 't': sort_by = BY_TIME; break;
		case 'U': sort_by = UNSORTED; break;
		case 'x': format = ACROSS; break;
		case 'w': {
			char *end;
			width = strtol(optarg, &end, 10);
			if (*end != '\0' || width < 0) fail(2, "invalid line width: %s", quote(optarg));
			break;
		}
		case 'h':
			printf("Usage: ls [-1aACdFglnopRrStUx] [-w COLS] [FILE]...\n");
			return 0;
		default:
			option_error(argv, optstring);
			return 2;
		}
	}
	if (format == COLUMNS || format == ACROSS) {
		const char *cols = getenv("COLUMNS");
		struct winsize ws;
		if (width >= 0) line_length = (size_t)width;
		else if (cols != NULL && atoi(cols) > 0) line_length = (size_t)atoi(cols);
		else if (tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) line_length = ws.ws_col;
		if (line_length == 0) line_length = SIZE_MAX / 4;
	}
	deref_dir_args = !(dirs_as_files || indicator == CLASSIFY || format == LONG);
	now = time(NULL);

	struct list files = { 0 };
	int operands = argc - optind;
	if (operands == 0) {
		if (dirs_as_files) add_entry(&files, ".", ".", true);
		else push_pending(".", true);
	}
	for (int i = optind; i < argc; i++) add_entry(&files, argv[i], argv[i], true);
	sort_list(&files);
	if (!dirs_as_files) {
		queue_dirs(&files, NULL);
		size_t kept = 0;
		for (size_t i = 0; i < files.n; i++) {
			if (files.v[i].stat_ok && S_ISDIR(files.v[i].st.st_mode)) {
				free(files.v[i].name);
				free(files.v[i].path);
				free(files.v[i].link);
			} else {
				files.v[kept++] = files.v[i];
			}
		}
		files.n = kept;
	}
	bool show_names = true, first = true;
	if (files.n > 0) {
		print_list(&files);
		if (n_pending > 0) putchar('\n');
	} else if (operands <= 1 && n_pending == 1) {
		show_names = false;
	}
	while (n_pending > 0) {
		struct pending p = pending[--n_pending];
		list_directory(p.path, p.command_line, show_names || recursive, &first);
		free(p.path);
	}
	free_list(&files);
	free(files.v);
	return status;
}
