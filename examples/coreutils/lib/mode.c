/* mode: file permission modes as text: parsing chmod's MODE (chmod, mkdir -m) and showing the
 * permission bits as "rwxr-xr-x" (chmod -v/-c, ls -l). */
#include "mode.h"
#include <sys/stat.h>

/* MODE (octal, or symbolic clauses) applied to OLD as GNU's mode_adjust does: a clause without
 * u/g/o/a is limited by UMASK. -1 when MODE is not a mode. */
long parse_mode(const char *mode, mode_t old, bool dir, mode_t umask_bits) {
	const mode_t all = 07777;
	if (*mode >= '0' && *mode <= '7') {
		unsigned long v = 0;
		const char *p = mode;
		for (; *p >= '0' && *p <= '7'; p++) {
			v = v * 8 + (unsigned long)(*p - '0');
			if (v > all) return -1;
		}
		if (*p != '\0') return -1;
		/* Up to four digits keep a directory's set-id bits unless they name them. */
		mode_t mentioned = p - mode < 5 ? (v & (S_ISUID | S_ISGID)) | S_ISVTX | 0777 : all;
		mode_t keep = (dir ? S_ISUID | S_ISGID : 0) & ~mentioned;
		return (old & keep) | (v & ~keep);
	}
	mode_t cur = old & all;
	const char *p = mode;
	for (;;) {
		mode_t who = 0;
		for (;; p++) {
			if (*p == 'u') who |= S_ISUID | S_IRWXU;
			else if (*p == 'g') who |= S_ISGID | S_IRWXG;
			else if (*p == 'o') who |= S_ISVTX | S_IRWXO;
			else if (*p == 'a') who |= all;
			else break;
		}
		if (*p != '=' && *p != '+' && *p != '-') return -1;
		while (*p == '=' || *p == '+' || *p == '-') {
			char op = *p++;
			mode_t value = 0, mentioned;
			if (*p == 'u' || *p == 'g' || *p == 'o') {
				/* Copy the permissions another class has now. */
				mode_t bits = *p == 'u' ? (cur & S_IRWXU) >> 6 : *p == 'g' ? (cur & S_IRWXG) >> 3 : cur & S_IRWXO;
				value = bits * 0111;
				mentioned = who ? who & value : value;
				p++;
			} else {
				bool x_if_any = false;
				for (;; p++) {
					if (*p == 'r') value |= 0444;
					else if (*p == 'w') value |= 0222;
					else if (*p == 'x') value |= 0111;
					else if (*p == 'X') x_if_any = true;
					else if (*p == 's') value |= S_ISUID | S_ISGID;
					else if (*p == 't') value |= S_ISVTX;
					else break;
				}
				mentioned = who ? who & value : value;
				if (x_if_any && ((cur & 0111) || dir)) value |= 0111;
			}
			mode_t omit = (dir ? S_ISUID | S_ISGID : 0) & ~mentioned;
			value &= (who ? who : ~umask_bits) & ~omit;
			if (op == '=') {
				mode_t preserved = (who ? ~who : 0) | omit;
				cur = (cur & preserved) | value;
			} else if (op == '+') {
				cur |= value;
			} else {
				cur &= ~value;
			}
		}
		if (*p == '\0') return cur;
		if (*p++ != ',') return -1;
	}
}

/* "rwxr-xr-x" for the permission bits of MODE, written to S (10 bytes). */
const char *permission_string(mode_t m, char *s) {
	s[0] = m & S_IRUSR ? 'r' : '-';
	s[1] = m & S_IWUSR ? 'w' : '-';
	s[2] = m & S_ISUID ? (m & S_IXUSR ? 's' : 'S') : (m & S_IXUSR ? 'x' : '-');
	s[3] = m & S_IRGRP ? 'r' : '-';
	s[4] = m & S_IWGRP ? 'w' : '-';
	s[5] = m & S_ISGID ? (m & S_IXGRP ? 's' : 'S') : (m & S_IXGRP ? 'x' : '-');
	s[6] = m & S_IROTH ? 'r' : '-';
	s[7] = m & S_IWOTH ? 'w' : '-';
	s[8] = m & S_ISVTX ? (m & S_IXOTH ? 't' : 'T') : (m & S_IXOTH ? 'x' : '-');
	s[9] = '\0';
	return s;
}
