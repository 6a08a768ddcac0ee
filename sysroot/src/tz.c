/* Time zones: TZ as Linux (glibc) reads it, for wasi-libc's localtime and strftime, and mktime.
 *
 * wasi-libc's musl time code asks three symbols about the zone: __secs_to_zone (localtime_r),
 * __tm_to_tzname (strftime's %Z) and __utc (gmtime_r, timegm). wasi-libc's own versions answer
 * UTC always; these replace them (libl4posix.a comes before libc.a, so its definitions are the
 * ones the linker takes), with mktime (whose choices in gaps and overlaps follow glibc's; also as
 * timelocal), tzset, tzname, timezone and daylight.
 *
 * TZ is read as glibc does: unset means /etc/localtime; "" is UTC; a leading ':' is dropped; the
 * value is first tried as a TZif file (an absolute path, or a name under $TZDIR, default
 * /usr/share/zoneinfo: l4wasm mounts the host's zone data there read-only), then as a POSIX TZ
 * string (std offset [dst [offset] [,start[/time],end[/time]]], names <quoted> or alphabetic,
 * rules Jn, n and Mm.w.d). A TZif file's POSIX footer gives the times after its last transition.
 * Leap-second ("right/") data is read as if it had no leap seconds.
 *
 * Zone abbreviations are interned and never freed, so a tm_zone that localtime handed out stays
 * valid after TZ changes. Offsets here are seconds east of UTC (tm_gmtoff's sign). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "civil.h"

#define DAY 86400LL
/* glibc's mktime looks this far (536 days) for a time of the other DST state to take its offset. */
#define OPPOSITE_SEARCH (536 * DAY)
/* A TZif file larger than this is not zone data. */
#define TZIF_MAX (1 << 20)

char *tzname[2] = { "UTC", "UTC" };
long timezone;
int daylight;
/* A TZif zone's last standard and daylight offsets (set_globals), which glibc's tzset and
 * localtime derive timezone and daylight from. */
static long rule_stdoff, rule_dstoff;
/* gmtime's zone name: "GMT", as glibc's gmtime reports it. */
const char __utc[] = "GMT";

/* A transition rule of a POSIX TZ string: day kind 'J' (1..365, no Feb 29), 'N' (0..365) or
 * 'M' (month, week 1..5, weekday), and the local time of day it happens at, in seconds. */
struct trule {
	char kind;
	int a, b, c;
	long time;
};

/* A POSIX TZ: standard time and, when has_dst, daylight time between the start and end rules. */
struct posix_tz {
	const char *std, *dst;
	long std_off, dst_off;
	int has_dst;
	struct trule start, end;
};

struct ttype {
	long off;
	int isdst;
	const char *abbr;
};

/* The zone in effect: a TZif file's transitions and types (plus its footer), or a POSIX TZ alone. */
static struct {
	int64_t *trans;
	unsigned char *trans_type;
	size_t ntrans;
	struct ttype *types;
	size_t ntypes;
	int has_rule;
	struct posix_tz rule;
} zone;

static char *loaded_tz; /* the TZ value the zone was loaded for (NULL: not yet loaded) */
static int loaded_unset;

/* ---- interned abbreviations ---- */

struct name {
	struct name *next;
	char text[];
};
static struct name *names;

static const char *intern(const char *s, size_t len) {
	for (struct name *n = names; n; n = n->next)
		if (strlen(n->text) == len && memcmp(n->text, s, len) == 0) return n->text;
	struct name *n = malloc(sizeof *n + len + 1);
	if (!n) return "UTC";
	memcpy(n->text, s, len);
	n->text[len] = 0;
	n->next = names;
	names = n;
	return n->text;
}

/* ---- calendar ---- */


/* The year of the day `days` after 1970-01-01. */
static long long year_of_days(long long days) {
	days += 719468;
	long long era = (days >= 0 ? days : days - 146096) / 146097;
	long long doe = days - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	return yoe + era * 400 + (mp >= 10);
}

static long long floor_div(long long a, long long b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

static int month_days(long long y, int m) {
	static const unsigned char len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 ? 28 + is_leap(y) : len[m - 1];
}

/* The local time (seconds, counted as if UTC) at which a rule takes effect in year y. */
static long long rule_time(const struct trule *r, long long y) {
	long long day;
	if (r->kind == 'J') {
		day = days_from_civil(y, 1, 1) + r->a - 1 + (is_leap(y) && r->a >= 60);
	} else if (r->kind == 'N') {
		day = days_from_civil(y, 1, 1) + r->a;
	} else {
		long long first = days_from_civil(y, r->a, 1);
		int wday_first = (int)((first % 7 + 11) % 7); /* 1970-01-01 was a Thursday (4) */
		int mday = 1 + (r->c - wday_first + 7) % 7 + 7 * (r->b - 1);
		while (mday > month_days(y, r->a)) mday -= 7;
		day = first + mday - 1;
	}
	return day * DAY + r->time;
}

/* ---- POSIX TZ strings ---- */

/* A zone name: <...> quoted, or at least three letters. Returns the end, or NULL. */
static const char *parse_name(const char *s, const char **name) {
	const char *start = s, *end;
	if (*s == '<') {
		start = ++s;
		while (*s && *s != '>') s++;
		if (*s != '>') return NULL;
		end = s++;
	} else {
		while ((*s | 32) >= 'a' && (*s | 32) <= 'z') s++;
		end = s;
	}
	if (end - start < 3) return NULL;
	*name = intern(start, end - start);
	return s;
}

static const char *parse_num(const char *s, int *out, int max) {
	if (*s < '0' || *s > '9') return NULL;
	long v = 0;
	while (*s >= '0' && *s <= '9') {
		v = v * 10 + (*s++ - '0');
		if (v > max) return NULL;
	}
	*out = (int)v;
	return s;
}

/* [+|-]hh[:mm[:ss]] in seconds, positive as written. */
static const char *parse_hms(const char *s, long *out, int max_hours) {
	int neg = *s == '-';
	if (*s == '+' || *s == '-') s++;
	int h, m = 0, sec = 0;
	if (!(s = parse_num(s, &h, max_hours))) return NULL;
	if (*s == ':') {
		if (!(s = parse_num(s + 1, &m, 59))) return NULL;
		if (*s == ':' && !(s = parse_num(s + 1, &sec, 59))) return NULL;
	}
	long v = h * 3600L + m * 60L + sec;
	*out = neg ? -v : v;
	return s;
}

static const char *parse_rule(const char *s, struct trule *r) {
	if (*s == 'M') {
		r->kind = 'M';
		if (!(s = parse_num(s + 1, &r->a, 12)) || r->a < 1 || *s != '.') return NULL;
		if (!(s = parse_num(s + 1, &r->b, 5)) || r->b < 1 || *s != '.') return NULL;
		if (!(s = parse_num(s + 1, &r->c, 6))) return NULL;
	} else if (*s == 'J') {
		r->kind = 'J';
		if (!(s = parse_num(s + 1, &r->a, 365)) || r->a < 1) return NULL;
	} else {
		r->kind = 'N';
		if (!(s = parse_num(s, &r->a, 365))) return NULL;
	}
	r->time = 7200;
	if (*s == '/' && !(s = parse_hms(s + 1, &r->time, 167))) return NULL;
	return s;
}

/* Parses a POSIX TZ string into *p. Returns 0, or -1 when it has no valid standard-time name. A
 * name without a valid offset is that name at UTC (as glibc), with no daylight time. */
static int parse_posix(const char *s, struct posix_tz *p) {
	memset(p, 0, sizeof *p);
	long off;
	if (!(s = parse_name(s, &p->std))) return -1;
	if (!(s = parse_hms(s, &off, 24))) {
		p->dst = "";
		return 0;
	}
	p->std_off = -off;
	p->dst = p->std;
	p->dst_off = p->std_off;
	const char *dst;
	const char *rest = parse_name(s, &dst);
	if (!rest) return 0;
	s = rest;
	p->dst = dst;
	p->has_dst = 1;
	p->dst_off = p->std_off + 3600;
	if (*s && *s != ',') {
		const char *t = parse_hms(s, &off, 24);
		if (t) {
			p->dst_off = -off;
			s = t;
		}
	}
	/* Without rules, the US rules (glibc's default when no posixrules file says otherwise). */
	struct trule start = { 'M', 3, 2, 0, 7200 }, end = { 'M', 11, 1, 0, 7200 };
	if (*s == ',') {
		const char *t = parse_rule(s + 1, &start);
		if (t && *t == ',' && (t = parse_rule(t + 1, &end))) s = t;
		else start = (struct trule){ 'M', 3, 2, 0, 7200 }, end = (struct trule){ 'M', 11, 1, 0, 7200 };
	}
	p->start = start;
	p->end = end;
	return 0;
}

/* Daylight time under a POSIX TZ at UTC time t? */
static int posix_is_dst(const struct posix_tz *p, long long t) {
	if (!p->has_dst) return 0;
	/* As glibc: the rules of t's year in UTC; for years before 1970 glibc counts the rule's day
	 * from 1970-01-01 (so daylight time never starts before 1970 in the north, and never ends
	 * in the south), and programs on Linux see that. */
	long long y = year_of_days(floor_div(t, DAY));
	long long shift = y < 1970 ? -days_from_civil(y, 1, 1) * DAY : 0;
	long long start = rule_time(&p->start, y) + shift - p->std_off;
	long long end = rule_time(&p->end, y) + shift - p->dst_off;
	if (start <= end) return t >= start && t < end;
	return !(t >= end && t < start);
}

/* ---- TZif files ---- */

static void free_zone(void) {
	free(zone.trans);
	free(zone.trans_type);
	free(zone.types);
	memset(&zone, 0, sizeof zone);
}

static uint32_t be32(const unsigned char *p) {
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned char *read_file(const char *path, size_t *size) {
	int fd = open(path, O_RDONLY);
	if (fd < 0) return NULL;
	size_t cap = 4096, len = 0;
	unsigned char *buf = malloc(cap);
	while (buf) {
		if (len == cap) {
			unsigned char *b = cap >= TZIF_MAX ? NULL : realloc(buf, cap * 2);
			if (!b) { free(buf); buf = NULL; break; }
			buf = b;
			cap *= 2;
		}
		ssize_t n = read(fd, buf + len, cap - len);
		if (n < 0) { free(buf); buf = NULL; break; }
		if (n == 0) break;
		len += (size_t)n;
	}
	close(fd);
	*size = len;
	return buf;
}

/* Loads a TZif file (RFC 8536, versions 1 to 4) into `zone`. Returns 0, or -1 if it is not one. */
static int load_tzif(const unsigned char *f, size_t size) {
	if (size < 44 || memcmp(f, "TZif", 4) != 0) return -1;
	int version = f[4];
	const unsigned char *h = f;
	int wide = 0;
	size_t counts[6];
	for (;;) {
		for (int i = 0; i < 6; i++) counts[i] = be32(h + 20 + 4 * i);
		size_t isut = counts[0], isstd = counts[1], leap = counts[2], ntrans = counts[3], ntypes = counts[4], nchars = counts[5];
		size_t tsize = wide ? 8 : 4;
		if (ntrans > TZIF_MAX || ntypes > 256 || nchars > TZIF_MAX || leap > TZIF_MAX || isut > 256 || isstd > 256) return -1;
		size_t body = ntrans * tsize + ntrans + ntypes * 6 + nchars + leap * (tsize + 4) + isstd + isut;
		if ((size_t)(h - f) + 44 + body > size) return -1;
		if (wide || version < '2') break;
		/* Version 2 and later repeat the data with 64-bit times: skip the version 1 block. */
		h += 44 + body;
		if ((size_t)(h - f) + 44 > size || memcmp(h, "TZif", 4) != 0) return -1;
		wide = 1;
	}
	size_t ntrans = counts[3], ntypes = counts[4], nchars = counts[5], tsize = wide ? 8 : 4;
	if (ntypes == 0) return -1;
	const unsigned char *p = h + 44;
	const unsigned char *idx = p + ntrans * tsize;
	const unsigned char *types = idx + ntrans;
	const unsigned char *chars = types + ntypes * 6;
	free_zone();
	zone.trans = malloc((ntrans ? ntrans : 1) * sizeof *zone.trans);
	zone.trans_type = malloc(ntrans ? ntrans : 1);
	zone.types = malloc(ntypes * sizeof *zone.types);
	if (!zone.trans || !zone.trans_type || !zone.types) { free_zone(); return -1; }
	for (size_t i = 0; i < ntrans; i++) {
		const unsigned char *t = p + i * tsize;
		zone.trans[i] = wide ? (int64_t)((uint64_t)be32(t) << 32 | be32(t + 4)) : (int32_t)be32(t);
		if (idx[i] >= ntypes || (i > 0 && zone.trans[i] <= zone.trans[i - 1])) { free_zone(); return -1; }
		zone.trans_type[i] = idx[i];
	}
	for (size_t i = 0; i < ntypes; i++) {
		const unsigned char *t = types + 6 * i;
		size_t a = t[5];
		if (a >= nchars || !memchr(chars + a, 0, nchars - a)) { free_zone(); return -1; }
		zone.types[i] = (struct ttype){ (int32_t)be32(t), t[4] != 0, intern((const char *)chars + a, strlen((const char *)chars + a)) };
	}
	zone.ntrans = ntrans;
	zone.ntypes = ntypes;
	/* The footer: "\n" POSIX-TZ "\n" after the 64-bit data. */
	const unsigned char *end = f + size;
	const unsigned char *foot = chars + nchars + counts[2] * (tsize + 4) + counts[1] + counts[0];
	if (wide && foot < end && *foot == '\n') {
		const unsigned char *nl = memchr(foot + 1, '\n', end - foot - 1);
		if (nl && nl - foot - 1 < 256) {
			char spec[256];
			memcpy(spec, foot + 1, nl - foot - 1);
			spec[nl - foot - 1] = 0;
			zone.has_rule = spec[0] && parse_posix(spec, &zone.rule) == 0;
		}
	}
	return 0;
}

static int load_file(const char *name) {
	char path[PATH_MAX];
	if (name[0] == '/') {
		if (strlen(name) >= sizeof path) return -1;
		strcpy(path, name);
	} else {
		const char *dir = getenv("TZDIR");
		if (!dir || !*dir) dir = "/usr/share/zoneinfo";
		if (strlen(dir) + 1 + strlen(name) >= sizeof path) return -1;
		strcpy(path, dir);
		strcat(path, "/");
		strcat(path, name);
	}
	size_t size;
	unsigned char *f = read_file(path, &size);
	if (!f) return -1;
	int r = load_tzif(f, size);
	free(f);
	return r;
}

/* ---- the zone in effect ---- */

static void set_globals(void) {
	if (zone.ntypes == 0) {
		struct posix_tz *p = &zone.rule;
		tzname[0] = (char *)p->std;
		tzname[1] = (char *)p->dst;
		timezone = -p->std_off;
		daylight = p->has_dst;
		return;
	}
	/* As glibc: the most recent standard and daylight types of the transitions name the zone. */
	const struct ttype *std = NULL, *dst = NULL;
	for (size_t i = zone.ntrans; i > 0 && !(std && dst); i--) {
		const struct ttype *t = &zone.types[zone.trans_type[i - 1]];
		if (t->isdst && !dst) dst = t;
		if (!t->isdst && !std) std = t;
	}
	if (zone.ntrans == 0) std = &zone.types[0];
	tzname[0] = (char *)(std ? std->abbr : dst->abbr);
	tzname[1] = (char *)(dst ? dst->abbr : tzname[0]);
	/* glibc's "rule" offsets: the last standard and daylight ones (daylight's is standard's if
	 * there is none); daylight says whether they differ. */
	rule_stdoff = std ? std->off : 0;
	rule_dstoff = dst ? dst->off : rule_stdoff;
	timezone = -rule_stdoff;
	daylight = rule_stdoff != rule_dstoff;
}

/* What glibc's localtime (and mktime, which converts with it) leaves in tzname, timezone and
 * daylight for a TZif zone and UTC time t: before the first transition, the first standard and
 * daylight types; after the last one, where the footer rules, the footer's names and offsets;
 * else the type in effect and the next ones of the other kind, with the "rule" offsets. A zone
 * from a POSIX TZ string alone keeps what tzset set. */
static void localtime_globals(long long t) {
	if (zone.ntypes == 0) return;
	size_t n = zone.ntrans;
	const char *name[2] = { NULL, NULL };
	if (n == 0 || t < zone.trans[0]) {
		size_t i = 0;
		while (i < zone.ntypes && zone.types[i].isdst) {
			if (!name[1]) name[1] = zone.types[i].abbr;
			i++;
		}
		if (i == zone.ntypes) i = 0;
		name[0] = zone.types[i].abbr;
		for (size_t j = i; !name[1] && j < zone.ntypes; j++)
			if (zone.types[j].isdst) name[1] = zone.types[j].abbr;
	} else if (t >= zone.trans[n - 1] && zone.has_rule) {
		const struct posix_tz *p = &zone.rule;
		tzname[0] = (char *)p->std;
		tzname[1] = (char *)(p->has_dst ? p->dst : p->std);
		timezone = -p->std_off;
		daylight = p->has_dst && p->dst_off != p->std_off;
		return;
	} else {
		size_t i = 1; /* the first transition after t (n when t is past the last) */
		while (i < n && zone.trans[i] <= t) i++;
		const struct ttype *now = &zone.types[zone.trans_type[i - 1]];
		name[now->isdst] = now->abbr;
		for (size_t j = i; j < n; j++) {
			const struct ttype *o = &zone.types[zone.trans_type[j]];
			if (!name[o->isdst]) {
				name[o->isdst] = o->abbr;
				if (name[!o->isdst]) break;
			}
		}
		if (!name[0]) name[0] = name[1];
	}
	if (!name[1]) name[1] = name[0];
	tzname[0] = (char *)name[0];
	tzname[1] = (char *)name[1];
	timezone = -rule_stdoff;
	daylight = rule_stdoff != rule_dstoff;
}

static void load_utc(const char *name) {
	free_zone();
	zone.rule = (struct posix_tz){ .std = name, .dst = name };
	zone.has_rule = 1;
}

void tzset(void) {
	const char *tz = getenv("TZ");
	if (loaded_tz && (tz ? !loaded_unset && strcmp(tz, loaded_tz) == 0 : loaded_unset)) return;
	free(loaded_tz);
	loaded_tz = strdup(tz ? tz : "");
	loaded_unset = tz == NULL;
	const char *name = tz ? tz : "/etc/localtime";
	if (*name == ':') name++;
	if (!*name) {
		load_utc("UTC");
	} else if (load_file(name) != 0) {
		free_zone();
		if (!tz) load_utc("UTC"); /* no /etc/localtime */
		else if (parse_posix(name, &zone.rule) == 0) zone.has_rule = 1;
		else load_utc(""); /* no zone name at all: glibc's nameless UTC */
	}
	set_globals();
}

/* The type in effect at UTC time t, and the offset of the nearest time of the other DST state
 * within glibc's search range (else an hour away, as glibc assumes). */
static struct ttype zone_at(long long t, long *opposite) {
	struct ttype r;
	long opp = 0;
	int have_opp = 0;
	size_t n = zone.ntrans;
	if (zone.ntypes == 0 || (n == 0 && zone.has_rule) || (n > 0 && t >= zone.trans[n - 1] && zone.has_rule)) {
		const struct posix_tz *p = &zone.rule;
		int dst = posix_is_dst(p, t);
		r = (struct ttype){ dst ? p->dst_off : p->std_off, dst, dst ? p->dst : p->std };
		if (p->has_dst && p->dst_off != p->std_off) opp = dst ? p->std_off : p->dst_off, have_opp = 1;
		/* A footer without daylight time: the file's last daylight type, if recent enough. */
		for (size_t j = n; !have_opp && j > 0 && t - zone.trans[j - 1] < OPPOSITE_SEARCH; j--) {
			const struct ttype *o = &zone.types[zone.trans_type[j - 1]];
			if (o->isdst != r.isdst) opp = o->off, have_opp = 1;
		}
	} else if (n == 0 || t < zone.trans[0]) {
		size_t i = 0;
		while (i < zone.ntypes && zone.types[i].isdst) i++;
		r = zone.types[i < zone.ntypes ? i : 0];
		for (size_t j = 0; !have_opp && j < n && zone.trans[j] - t < OPPOSITE_SEARCH; j++) {
			const struct ttype *o = &zone.types[zone.trans_type[j]];
			if (o->isdst != r.isdst) opp = o->off, have_opp = 1;
		}
	} else {
		size_t lo = 0, hi = n; /* the last transition at or before t */
		while (hi - lo > 1) {
			size_t mid = lo + (hi - lo) / 2;
			if (zone.trans[mid] <= t) lo = mid;
			else hi = mid;
		}
		r = zone.types[zone.trans_type[lo]];
		/* The nearer of the closest other-state types before and after. */
		long long best = OPPOSITE_SEARCH;
		for (size_t j = lo; j > 0 && t - zone.trans[j] < best; j--) {
			const struct ttype *o = &zone.types[zone.trans_type[j - 1]];
			if (o->isdst != r.isdst) { opp = o->off; have_opp = 1; best = t - zone.trans[j]; break; }
		}
		for (size_t j = lo + 1; j < n && zone.trans[j] - t < best; j++) {
			const struct ttype *o = &zone.types[zone.trans_type[j]];
			if (o->isdst != r.isdst) { opp = o->off; have_opp = 1; break; }
		}
	}
	if (opposite) *opposite = have_opp ? opp : r.off + (r.isdst ? -3600 : 3600);
	return r;
}

/* The UTC time of local time L (seconds, counted as if UTC) with tm_isdst `want`, found as glibc's
 * mktime finds it, so that the same calls give the same answers: start from the offset the last
 * conversion used (*guess), and follow t -> L - offset(t) to a fixed point. In an overlap (clocks
 * moved back) that picks the side the guess is on. Oscillating between two times is a gap (clocks
 * moved forward): the time on the daylight side, or for a given tm_isdst the reading in that
 * state. A tm_isdst the result does not have takes the offset of the nearest time in that state
 * (within 536 days), else an hour's difference. */
static long long local_to_utc(long long L, int want, long *guess) {
	long long t = L - *guess, prev = t, prev2 = t;
	struct ttype z;
	long opp;
	for (int probes = 0;; probes++) {
		z = zone_at(t, &opp);
		long long next = L - z.off;
		if (next == t) break;
		if (probes >= 2 && next == prev && t == prev2) {
			/* A gap between t and next: the two readings of L, one per side. */
			struct ttype zn = zone_at(next, NULL);
			long long later = z.isdst == zn.isdst ? (t > next ? t : next) : z.isdst ? t : next;
			long long other = later == t ? next : t;
			if (want >= 0 && (zone_at(later, NULL).isdst != 0) != (want != 0)
			    && (zone_at(other, NULL).isdst != 0) == (want != 0))
				later = other; /* reads in the asked state */
			t = later;
			z = zone_at(t, &opp);
			if (want >= 0 && z.isdst != (want != 0)) {
				/* L read in the asked state: with the other side's offset. */
				t = L - zone_at(other, NULL).off;
				z = zone_at(t, &opp);
			}
			want = -1;
			break;
		}
		if (probes == 8) break; /* no fixed point: the last reading */
		prev2 = prev;
		prev = t;
		t = next;
	}
	if (want >= 0 && z.isdst != (want != 0)) t = L - opp;
	*guess = (long)(L - t);
	return t;
}

/* musl's interface (localtime_r, and local times): the zone at time t, which is UTC, or local
 * time when `local` is set (read as mktime reads it, with no tm_isdst asked); *oppoff is the
 * offset of the other DST state. */
void __secs_to_zone(long long t, int local, int *isdst, long *offset, long *oppoff, const char **zonename) {
	tzset();
	long opp;
	if (local) {
		long guess = 0;
		t = local_to_utc(t, -1, &guess);
	}
	struct ttype r = zone_at(t, &opp);
	if (!local) localtime_globals(t);
	if (isdst) *isdst = r.isdst;
	if (offset) *offset = r.off;
	if (oppoff) *oppoff = opp;
	if (zonename) *zonename = r.abbr;
}

/* wasi-libc's (musl's) calendar arithmetic: seconds of a broken-down time (fields may be out of
 * range), and back. */
long long __tm_to_secs(const struct tm *);
int __secs_to_tm(long long, struct tm *);

/* Where the next mktime starts looking: the offset the last one used (glibc keeps the same). */
static long mktime_guess;

/* mktime: the local time in *tm (fields normalized, tm_isdst < 0: whatever is in effect) as a
 * time_t, with *tm rewritten to what it is. EOVERFLOW when it does not fit. */
time_t mktime(struct tm *tm) {
	tzset();
	long long L = __tm_to_secs(tm);
	long long t = local_to_utc(L, tm->tm_isdst, &mktime_guess);
	struct tm out;
	struct ttype z = zone_at(t, NULL);
	if ((time_t)t != t || __secs_to_tm(t + z.off, &out) < 0) {
		errno = EOVERFLOW;
		return -1;
	}
	localtime_globals(t);
	out.tm_isdst = z.isdst;
	out.__tm_gmtoff = z.off;
	out.__tm_zone = z.abbr;
	*tm = out;
	return (time_t)t;
}

/* BSD's name for mktime. */
time_t timelocal(struct tm *tm) { return mktime(tm); }

/* strftime's %Z: the tm's own zone name, else the zone's name for its tm_isdst. */
const char *__tm_to_tzname(const struct tm *tm) {
	if (tm->__tm_zone) return tm->__tm_zone;
	if (tm->tm_isdst < 0) return "";
	tzset();
	return tzname[tm->tm_isdst > 0];
}
