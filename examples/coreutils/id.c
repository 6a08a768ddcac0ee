/* id: writes a user's ids: id [-u|-g|-G [-n] [-r] [-z]] [USER]. Without options
 * "uid=N(name) gid=N(name) groups=N(name),..." (euid=/egid= when they differ); -u the user id,
 * -g the group id, -G every group id, -n names instead of numbers, -r real instead of effective
 * ids, -z NUL instead of newline. USER: that user's ids from the user database, not the
 * process's. */
#include "util.h"
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>

static bool use_name, all_ok = true;

static void put_user(uid_t uid) {
	struct passwd *pw = use_name ? getpwuid(uid) : NULL;
	if (use_name && pw == NULL) {
		message("cannot find name for user ID %u", (unsigned)uid);
		all_ok = false;
	}
	if (pw != NULL) fputs(pw->pw_name, stdout);
	else printf("%u", (unsigned)uid);
}

static void put_group(gid_t gid) {
	struct group *gr = use_name ? getgrgid(gid) : NULL;
	if (use_name && gr == NULL) {
		message("cannot find name for group ID %u", (unsigned)gid);
		all_ok = false;
	}
	if (gr != NULL) fputs(gr->gr_name, stdout);
	else printf("%u", (unsigned)gid);
}

/* "N(name)" as the default format writes an id. */
static void put_uid_named(const char *label, uid_t uid) {
	struct passwd *pw = getpwuid(uid);
	printf("%s%u", label, (unsigned)uid);
	if (pw != NULL) printf("(%s)", pw->pw_name);
}

static void put_gid_named(const char *label, gid_t gid) {
	struct group *gr = getgrgid(gid);
	printf("%s%u", label, (unsigned)gid);
	if (gr != NULL) printf("(%s)", gr->gr_name);
}

/* The group list: PRIMARY first, then the others (the user's from the database when USER is
 * given, else the process's supplementary groups), without repeating PRIMARY. */
static int group_list(const char *user, gid_t primary, gid_t **out) {
	int n = 0;
	gid_t *list = NULL;
	if (user != NULL) {
		int max = 0;
		getgrouplist(user, primary, NULL, &max);
		if (max < 1) max = 1;
		list = malloc((size_t)max * sizeof *list);
		if (list == NULL || getgrouplist(user, primary, list, &max) < 0) fail(1, "memory exhausted");
		n = max;
	} else {
		int count = getgroups(0, NULL);
		if (count < 0) count = 0;
		list = malloc(((size_t)count + 1) * sizeof *list);
		if (list == NULL) fail(1, "memory exhausted");
		list[0] = primary;
		count = getgroups(count, list + 1);
		n = 1 + (count > 0 ? count : 0);
	}
	int kept = 0;
	for (int i = 0; i < n; i++) {
		if (i > 0 && list[i] == primary) continue;
		if (kept > 0 && list[i] == list[kept - 1]) continue;
		list[kept++] = list[i];
	}
	*out = list;
	return kept;
}

static int usage_error(void) {
	try_help();
	return 1;
}

int id_main(int argc, char **argv) {
	static const struct option longs[] = {
		{ "user", no_argument, NULL, 'u' },
		{ "group", no_argument, NULL, 'g' },
		{ "groups", no_argument, NULL, 'G' },
		{ "name", no_argument, NULL, 'n' },
		{ "real", no_argument, NULL, 'r' },
		{ "zero", no_argument, NULL, 'z' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool just_user = false, just_group = false, just_groups = false, real = false;
	char end = '\n';
	int c;
	while ((c = getopt_long(argc, argv, "ugGnrz", longs, NULL)) != -1) {
		switch (c) {
		case 'u': just_user = true; break;
		case 'g': just_group = true; break;
		case 'G': just_groups = true; break;
		case 'n': use_name = true; break;
		case 'r': real = true; break;
		case 'z': end = '\0'; break;
		case 'h':
			printf("Usage: %s [OPTION]... [USER]...\n", applet);
			return 0;
		default: return usage_error();
		}
	}
	if (just_user + just_group + just_groups > 1) fail(1, "cannot print \"only\" of more than one choice");
	bool full = !(just_user || just_group || just_groups);
	if (full && (real || use_name)) fail(1, "cannot print only names or real IDs in default format");
	if (full && end == '\0') fail(1, "option --zero not permitted in default format");
	if (argc - optind > 1) {
		message("extra operand '%s'", argv[optind + 1]);
		return usage_error();
	}

	const char *user = optind < argc ? argv[optind] : NULL;
	uid_t ruid, euid;
	gid_t rgid, egid;
	if (user != NULL) {
		struct passwd *pw = getpwnam(user);
		if (pw == NULL) fail(1, "'%s': no such user", user);
		ruid = euid = pw->pw_uid;
		rgid = egid = pw->pw_gid;
	} else {
		ruid = getuid();
		euid = geteuid();
		rgid = getgid();
		egid = getegid();
	}

	if (just_user) {
		put_user(real ? ruid : euid);
	} else if (just_group) {
		put_group(real ? rgid : egid);
	} else {
		gid_t *groups;
		int n = group_list(user, real ? rgid : egid, &groups);
		for (int i = 0; i < n; i++) {
			if (just_groups) {
				if (i > 0) putchar(end == '\0' ? '\0' : ' ');
				put_group(groups[i]);
			} else {
				if (i == 0) {
					put_uid_named("uid=", ruid);
					put_gid_named(" gid=", rgid);
					if (euid != ruid) put_uid_named(" euid=", euid);
					if (egid != rgid) put_gid_named(" egid=", egid);
				}
				put_gid_named(i == 0 ? " groups=" : ",", groups[i]);
			}
		}
		free(groups);
	}
	putchar(end);
	return all_ok ? 0 : 1;
}
