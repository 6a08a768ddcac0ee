/* chmod: changes the permission bits of files. MODE is octal (755) or symbolic clauses
 * ([ugoa]*[-+=][rwxXst]* or [-+=][ugo], joined by commas; without u/g/o/a the umask limits them).
 * Options: -R (recursive; symbolic links met on the way are left alone), -c (report changes),
 * -v (report every file), -f (no messages about files). A mode given as an option (-w, -x) warns,
 * as GNU's, when the umask kept it from doing what it says. */
#include "util.h"
#include "lib/mode.h"
#include <dirent.h>
#include <stdbool.h>
#include <sys/stat.h>

static bool recursive, changes_only, verbose, quiet, surprises;
static const char *mode_text;
static mode_t umask_bits;

static bool change(const char *path, bool command_line);

static bool change_tree(const char *path) {
	DIR *d = opendir(path);
	if (d == NULL) {
		if (!quiet) message("cannot read directory %s: %s", quote(path), strerror(errno));
		return false;
	}
	bool ok = true;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
		char *child = join_path(path, de->d_name);
		ok &= change(child, false);
		free(child);
	}
	closedir(d);
	return ok;
}

static bool change(const char *path, bool command_line) {
	struct stat st;
	if ((command_line ? stat(path, &st) : lstat(path, &st)) != 0) {
		if (!quiet) message("cannot access %s: %s", quote(path), strerror(errno));
		return false;
	}
	if (S_ISLNK(st.st_mode)) {
		if (verbose) printf("neither symbolic link %s nor referent has been changed\n", quote(path));
		return true;
	}
	bool dir = S_ISDIR(st.st_mode);
	mode_t old = st.st_mode & 07777;
	mode_t new = (mode_t)parse_mode(mode_text, old, dir, umask_bits);
	bool ok = true;
	if (new != old && chmod(path, new) != 0) {
		if (!quiet) message("changing permissions of %s: %s", quote(path), strerror(errno));
		ok = false;
	} else if (verbose || (changes_only && new != old)) {
		char a[10], b[10];
		if (new != old) printf("mode of %s changed from %04o (%s) to %04o (%s)\n", quote(path), old, permission_string(old, a), new, permission_string(new, b));
		else printf("mode of %s retained as %04o (%s)\n", quote(path), old, permission_string(old, a));
	}
	if (ok && surprises) {
		mode_t naive = (mode_t)parse_mode(mode_text, old, dir, 0);
		if (new & ~naive) {
			char a[10], b[10];
			message("%s: new permissions are %s, not %s", path, permission_string(new, a), permission_string(naive, b));
			ok = false;
		}
	}
	if (recursive && dir) ok &= change_tree(path);
	return ok;
}

/* An argument like -w or -x,g+r: a mode, not options (GNU's chmod reads them so too). */
static bool mode_like(const char *arg) {
	return arg[0] == '-' && arg[1] != '\0' && strchr("rwxXstugoa,+=01234567", arg[1]) != NULL;
}

int chmod_main(int argc, char **argv) {
	char **operands = malloc((size_t)argc * sizeof *operands);
	char *modes = NULL;
	int n = 0;
	bool options_done = false;
	if (operands == NULL) fail(1, "memory exhausted");
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (options_done || arg[0] != '-' || arg[1] == '\0') {
			operands[n++] = argv[i];
		} else if (strcmp(arg, "--") == 0) {
			options_done = true;
		} else if (arg[1] == '-') {
			if (strcmp(arg, "--recursive") == 0) recursive = true;
			else if (strcmp(arg, "--changes") == 0) changes_only = true;
			else if (strcmp(arg, "--verbose") == 0) verbose = true;
			else if (strcmp(arg, "--silent") == 0 || strcmp(arg, "--quiet") == 0) quiet = true;
			else if (strcmp(arg, "--help") == 0) {
				printf("Usage: chmod [-Rcfv] MODE[,MODE]... FILE...\n");
				return 0;
			} else {
				usage_mistake("unrecognized option '%s'", arg);
				return 1;
			}
		} else if (mode_like(arg)) {
			size_t len = modes ? strlen(modes) + 1 : 0;
			modes = realloc(modes, len + strlen(arg) + 1);
			if (modes == NULL) fail(1, "memory exhausted");
			if (len) strcat(modes, ",");
			else modes[0] = '\0';
			strcat(modes, arg);
			surprises = true;
		} else {
			for (const char *p = arg + 1; *p; p++) {
				if (*p == 'R') recursive = true;
				else if (*p == 'c') changes_only = true;
				else if (*p == 'v') verbose = true;
				else if (*p == 'f') quiet = true;
				else {
					usage_mistake("invalid option -- '%c'", *p);
					return 1;
				}
			}
		}
	}
	int first = 0;
	if (modes != NULL) {
		mode_text = modes;
	} else if (n > 0) {
		mode_text = operands[first++];
	}
	if (mode_text == NULL || first >= n) {
		if (mode_text == NULL || modes != NULL) message("missing operand");
		else message("missing operand after %s", quote(mode_text));
		try_help();
		return 1;
	}
	umask_bits = umask(0);
	umask(umask_bits);
	if (parse_mode(mode_text, 0, false, umask_bits) < 0) {
		usage_mistake("invalid mode: %s", quote(mode_text));
		return 1;
	}
	bool ok = true;
	for (int i = first; i < n; i++) ok &= change(operands[i], true);
	free(operands);
	free(modes);
	return ok ? 0 : 1;
}
