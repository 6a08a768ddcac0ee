/* Locales as glibc on a Linux system with only its built-in locales (C, POSIX and C.UTF-8, as a
 * minimal installation has): setlocale refuses any other name (NULL, nothing changed; musl's took
 * every name), "" takes each category's name from LC_ALL, LC_<category> or LANG and is "C"
 * without them (musl's was C.UTF-8), and the names it reports are glibc's: one name when every
 * category has it, else glibc's "LC_CTYPE=...;LC_NUMERIC=...;..." list of its twelve categories
 * (which setlocale(LC_ALL, ...) also accepts back). What a category does is still wasi-libc's
 * (musl's), told the name. MB_CUR_MAX is glibc's 6 for UTF-8, and nl_langinfo answers glibc's
 * strings where musl's differ. <locale.h>, <langinfo.h> and <stdlib.h> send calls here by name. */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

char *__musl_setlocale(int, const char *) __asm__("setlocale");
char *__musl_nl_langinfo(nl_item) __asm__("nl_langinfo");
/* musl's MB_CUR_MAX (<stdlib.h> sends the macro here). */
size_t __ctype_get_mb_cur_max(void);

/* musl's six categories, then what glibc has besides them (LC_PAPER ... LC_IDENTIFICATION):
 * only LC_ALL sets those here, so they share one name. */
#define CATEGORIES 6
#define REST CATEGORIES
static const char *const category_names[] = {
  "LC_CTYPE", "LC_NUMERIC", "LC_TIME", "LC_COLLATE", "LC_MONETARY", "LC_MESSAGES",
};
static const char *const rest_names[] = {
  "LC_PAPER", "LC_NAME", "LC_ADDRESS", "LC_TELEPHONE", "LC_MEASUREMENT", "LC_IDENTIFICATION",
};

/* A locale name is at most this long here (glibc's are short: "C.UTF-8"). */
#define NAME_MAX_LEN 64
static char current[CATEGORIES + 1][NAME_MAX_LEN] = { "C", "C", "C", "C", "C", "C", "C" };
static char composite[12 * (NAME_MAX_LEN + 20)];

/* The codeset part compared as glibc normalizes it: letters in lower case and digits only. */
static int is_utf8_codeset(const char *s) {
  char n[8];
  size_t k = 0;
  for (; *s && *s != '@'; s++) {
    char c = *s;
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) continue;
    if (k + 1 >= sizeof n) return 0;
    n[k++] = c;
  }
  n[k] = 0;
  return strcmp(n, "utf8") == 0;
}

/* A locale this system has: C, POSIX, or C with a UTF-8 codeset. */
static int available(const char *name) {
  if (strlen(name) >= NAME_MAX_LEN) return 0;
  if (!strcmp(name, "C") || !strcmp(name, "POSIX")) return 1;
  return name[0] == 'C' && name[1] == '.' && is_utf8_codeset(name + 2);
}

/* The name "" stands for in category `cat` (an index of category_names, or REST). */
static const char *from_environment(int cat) {
  const char *v = getenv("LC_ALL");
  if (v && *v) return v;
  v = getenv(cat == REST ? rest_names[0] : category_names[cat]);
  if (v && *v) return v;
  v = getenv("LANG");
  if (v && *v) return v;
  return "C";
}

/* The name glibc reports for an available locale: POSIX is another name of C. */
static const char *canonical(const char *name) {
  return strcmp(name, "POSIX") ? name : "C";
}

/* Tells musl: a UTF-8 name makes its category UTF-8, anything else is its C locale. */
static void apply(int cat, const char *name) {
  if (cat == REST) return;
  __musl_setlocale(cat, available(name) && strcmp(name, "C") && strcmp(name, "POSIX") ? "C.UTF-8" : "C");
}

static const char *query_all(void) {
  int same = 1;
  for (int c = 1; c <= CATEGORIES; c++) same &= strcmp(current[c], current[0]) == 0;
  if (same) return current[0];
  char *p = composite;
  for (int c = 0; c < CATEGORIES + 6; c++) {
    const char *label = c < CATEGORIES ? category_names[c] : rest_names[c - CATEGORIES];
    const char *name = current[c < CATEGORIES ? c : REST];
    p += strlen(strcpy(p, label));
    *p++ = '=';
    p += strlen(strcpy(p, name));
    *p++ = c + 1 < CATEGORIES + 6 ? ';' : 0;
  }
  return composite;
}

/* Sets every category from glibc's "LC_X=name;..." list (names of unknown categories are checked
 * and kept with the rest). 0, or -1 when the list is malformed or names a missing locale. */
static int set_composite(const char *list) {
  char names[CATEGORIES + 1][NAME_MAX_LEN];
  for (int c = 0; c <= CATEGORIES; c++) strcpy(names[c], current[c]);
  const char *p = list;
  while (*p) {
    const char *eq = strchr(p, '=');
    if (!eq) return -1;
    const char *end = strchr(eq, ';');
    if (!end) end = eq + strlen(eq);
    size_t llen = (size_t)(eq - p), nlen = (size_t)(end - eq - 1);
    if (nlen == 0 || nlen >= NAME_MAX_LEN) return -1;
    char name[NAME_MAX_LEN];
    memcpy(name, eq + 1, nlen);
    name[nlen] = 0;
    if (!available(name)) return -1;
    int slot = -1;
    for (int c = 0; c < CATEGORIES; c++)
      if (strlen(category_names[c]) == llen && !strncmp(p, category_names[c], llen)) slot = c;
    for (int c = 0; slot < 0 && c < 6; c++)
      if (strlen(rest_names[c]) == llen && !strncmp(p, rest_names[c], llen)) slot = REST;
    if (slot < 0) return -1;
    strcpy(names[slot], canonical(name));
    p = *end ? end + 1 : end;
  }
  for (int c = 0; c <= CATEGORIES; c++) {
    strcpy(current[c], names[c]);
    apply(c, names[c]);
  }
  return 0;
}

char *setlocale(int cat, const char *name) {
  if (cat < 0 || cat > LC_ALL) {
    errno = EINVAL;
    return NULL;
  }
  if (!name) return (char *)(cat == LC_ALL ? query_all() : current[cat]);
  if (cat != LC_ALL) {
    const char *n = *name ? name : from_environment(cat);
    if (!available(n)) return NULL;
    strcpy(current[cat], canonical(n));
    apply(cat, n);
    return current[cat];
  }
  if (strchr(name, ';')) return set_composite(name) == 0 ? (char *)query_all() : NULL;
  /* Every category's name first: if one is missing, nothing changes. */
  const char *names[CATEGORIES + 1];
  for (int c = 0; c <= CATEGORIES; c++) {
    names[c] = *name ? name : from_environment(c);
    if (!available(names[c])) return NULL;
  }
  for (int c = 0; c <= CATEGORIES; c++) {
    strcpy(current[c], canonical(names[c]));
    apply(c, names[c]);
  }
  return (char *)query_all();
}

size_t __l4wasm_mb_cur_max(void) {
  return __ctype_get_mb_cur_max() == 1 ? 1 : 6;
}

char *nl_langinfo(nl_item item) {
  switch (item) {
  case CODESET: return __ctype_get_mb_cur_max() == 1 ? "ANSI_X3.4-1968" : "UTF-8";
  case D_T_FMT: return "%a %b %e %H:%M:%S %Y";
  case ERA_D_FMT: case ALT_DIGITS: case ERA_D_T_FMT: case ERA_T_FMT: return "";
  case CRNCYSTR: return "-";
  }
  return __musl_nl_langinfo(item);
}
