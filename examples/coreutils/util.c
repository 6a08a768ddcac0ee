/* coreutils: the shared messages and file helpers (util.h). */
#include "util.h"
#include <dirent.h>
#include <getopt.h>
#include <sys/stat.h>

const char *applet = "coreutils";

static void vmessage(const char *fmt, va_list ap) {
	fflush(stdout);
	fprintf(stderr, "%s: ", applet);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void message(const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
}

_Noreturn void fail(int status, const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	exit(status);
}

void message_errno(const char *what) {
	int e = errno;
	message("%s: %s", what, strerror(e));
}

const struct option HELP_ONLY[] = { { "help", no_argument, NULL, 1 }, { NULL, 0, NULL, 0 } };

void try_help(void) {
	fprintf(stderr, "Try '%s --help' for more information.\n", applet);
}

void usage_mistake(const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	try_help();
}

_Noreturn void usage_fail(const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	try_help();
	exit(1);
}

void option_error(char **argv, const char *optstring) {
	const char *known = optopt ? strchr(optstring, optopt) : NULL;
	if (optopt == 0) message("unrecognized option '%s'", argv[optind - 1]);
	else if (known && known[1] == ':') message("option requires an argument -- '%c'", optopt);
	else message("invalid option -- '%c'", optopt);
	try_help();
}

static const char *quote_into(char *buf, size_t size, const char *s) {
	snprintf(buf, size, strchr(s, '\'') ? "\"%s\"" : "'%s'", s);
	return buf;
}

const char *quote(const char *s) {
	static char buf[2][4096];
	static int which;
	which ^= 1;
	return quote_into(buf[which], sizeof buf[which], s);
}

const char *quote_n(int n, const char *s) {
	static char buf[2][4096];
	return quote_into(buf[n], sizeof buf[n], s);
}

char *join_path(const char *dir, const char *name) {
	size_t n = strlen(dir);
	char *p = malloc(n + strlen(name) + 2);
	if (p == NULL) fail(1, "memory exhausted");
	sprintf(p, n > 0 && dir[n - 1] == '/' ? "%s%s" : "%s/%s", dir, name);
	return p;
}

const char *last_component(const char *path) {
	static char buf[4096];
	snprintf(buf, sizeof buf, "%s", path);
	size_t n = strlen(buf);
	while (n > 1 && buf[n - 1] == '/') buf[--n] = '\0';
	char *slash = strrchr(buf, '/');
	return slash && slash[1] ? slash + 1 : buf;
}

bool target_operands(int *n, char **files, const char **target_dir, bool no_target_dir) {
	if (*n == 0 || (*n == 1 && *target_dir == NULL)) {
		if (*n == 0) message("missing file operand");
		else message("missing destination file operand after %s", quote(files[0]));
		try_help();
		return false;
	}
	if (no_target_dir && *target_dir == NULL && *n > 2) {
		usage_mistake("extra operand %s", quote(files[2]));
		return false;
	}
	struct stat st;
	if (*target_dir == NULL && !no_target_dir) {
		const char *last = files[*n - 1];
		int r = stat(last, &st);
		if (r == 0 && S_ISDIR(st.st_mode)) {
			*target_dir = last;
			(*n)--;
		} else if (*n > 2) {
			fail(1, "target %s: %s", quote(last), strerror(r == 0 ? ENOTDIR : errno));
		}
	} else if (*target_dir != NULL) {
		int r = stat(*target_dir, &st);
		if (r != 0 || !S_ISDIR(st.st_mode)) fail(1, "target directory %s: %s", quote(*target_dir), strerror(r == 0 ? ENOTDIR : errno));
	}
	return true;
}

int count_options(int *argc, char ***argv, int (*parse_count)(const char *), int *count_bytes, int *headers,
	const char *usage) {
	char **v = *argv;
	if (*argc > 1 && v[1][0] == '-' && v[1][1] >= '0' && v[1][1] <= '9') {
		if (!parse_count(v[1] + 1)) fail(1, "invalid number of lines: '%s'", v[1] + 1);
		v[1] = v[0];
		*argv = ++v;
		--*argc;
	}
	int c;
	while ((c = getopt_long(*argc, v, "n:c:qv", HELP_ONLY, NULL)) != -1) {
		switch (c) {
		case 'n':
		case 'c':
			*count_bytes = c == 'c';
			if (!parse_count(optarg))
				fail(1, "invalid number of %s: '%s'", *count_bytes ? "bytes" : "lines", optarg);
			break;
		case 'q': *headers = 0; break;
		case 'v': *headers = 1; break;
		case 1: puts(usage); return 0;
		default:
			try_help();
			return 1;
		}
	}
	return -1;
}

bool parse_count_text(const char *s, char *sign, unsigned long long *value) {
	*sign = *s == '-' || *s == '+' ? *s : 0;
	if (*sign) s++;
	if (*s < '0' || *s > '9') return false;
	char *end;
	errno = 0;
	*value = strtoull(s, &end, 10);
	return *end == '\0' && errno == 0;
}

char *read_whole(FILE *f, size_t *size) {
	size_t cap = 4096;
	char *buf = malloc(cap);
	size_t n;
	*size = 0;
	while (buf != NULL && (n = fread(buf + *size, 1, cap - *size, f)) > 0) {
		*size += n;
		if (*size == cap) buf = realloc(buf, cap *= 2);
	}
	if (buf == NULL) fail(1, "memory exhausted");
	return buf;
}

int write_files(int nfiles, char **files, int headers, void (*write)(FILE *)) {
	char *standard[] = { "-" };
	if (nfiles == 0) {
		files = standard;
		nfiles = 1;
	}
	if (headers < 0) headers = nfiles > 1;
	int status = 0, first = 1;
	for (int i = 0; i < nfiles; i++) {
		const char *name = strcmp(files[i], "-") == 0 ? "standard input" : files[i];
		FILE *f = open_input(files[i]);
		if (f == NULL) {
			message("cannot open '%s' for reading: %s", files[i], strerror(errno));
			status = 1;
			continue;
		}
		if (headers) printf("%s==> %s <==\n", first ? "" : "\n", name);
		first = 0;
		write(f);
		if (ferror(f)) {
			message("error reading '%s': %s", name, strerror(errno));
			status = 1;
		}
		close_input(f);
	}
	return status;
}

bool is_empty_dir(const char *path) {
	DIR *d = opendir(path);
	if (d == NULL) return false;
	struct dirent *de;
	bool empty = true;
	while (empty && (de = readdir(d)) != NULL) {
		empty = strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0;
	}
	closedir(d);
	return empty;
}

FILE *open_input(const char *path) {
	if (strcmp(path, "-") == 0) return stdin;
	return fopen(path, "r");
}

void close_input(FILE *f) {
	if (f != NULL && f != stdin) fclose(f);
}
