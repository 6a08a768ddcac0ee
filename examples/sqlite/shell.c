/* A small SQLite shell: SQL from stdin or from a file, rows printed as `sqlite3 -list` prints them
 * (columns joined by '|', NULL as an empty field, values as sqlite3_column_text gives them).
 * Dot commands: .read FILE, .tables [LIKE], .schema [LIKE], .timer on|off, .bail on|off, .quit.
 *
 *   sqlite [-bail] [DATABASE [SQL-FILE]]      DATABASE defaults to :memory:, SQL to stdin
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/resource.h>
#include <time.h>
#include "sqlite3.h"

static sqlite3 *db;
static int timer;
static int bail;
static int failed;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double cpu(struct timeval tv) { return (double)tv.tv_sec + (double)tv.tv_usec * 1e-6; }

/* Runs every statement of `sql`, printing the rows; 0 on success. */
static int run_sql(const char *sql) {
  struct rusage r0, r1;
  double t0 = now();
  if (timer) getrusage(RUSAGE_SELF, &r0);
  int rc = SQLITE_OK;
  while (sql != NULL && *sql != '\0') {
    sqlite3_stmt *stmt = NULL;
    const char *tail = NULL;
    rc = sqlite3_prepare_v2(db, sql, -1, &stmt, &tail);
    if (rc != SQLITE_OK) {
      fprintf(stderr, "Error: %s\n", sqlite3_errmsg(db));
      break;
    }
    sql = tail;
    if (stmt == NULL) continue; /* whitespace or a comment */
    int n = sqlite3_column_count(stmt);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      for (int i = 0; i < n; i++) {
        const unsigned char *v = sqlite3_column_text(stmt, i);
        if (i > 0) fputc('|', stdout);
        if (v != NULL) fputs((const char *)v, stdout);
      }
      fputc('\n', stdout);
    }
    if (rc != SQLITE_DONE) {
      fprintf(stderr, "Error: %s\n", sqlite3_errmsg(db));
      sqlite3_finalize(stmt);
      break;
    }
    rc = sqlite3_finalize(stmt);
  }
  if (timer) {
    getrusage(RUSAGE_SELF, &r1);
    printf("Run Time: real %.3f user %.6f sys %.6f\n", now() - t0,
           cpu(r1.ru_utime) - cpu(r0.ru_utime), cpu(r1.ru_stime) - cpu(r0.ru_stime));
  }
  fflush(stdout);
  return rc == SQLITE_OK || rc == SQLITE_DONE ? 0 : 1;
}

/* Prints the names of the tables (.tables) or their CREATE statements (.schema). */
static int list_schema(int schema, const char *like) {
  char *sql = sqlite3_mprintf(
      schema ? "SELECT sql || ';' FROM sqlite_schema WHERE sql IS NOT NULL AND tbl_name LIKE %Q"
               " AND name NOT LIKE 'sqlite_%%' ORDER BY tbl_name, type DESC, name"
             : "SELECT name FROM sqlite_schema WHERE type IN ('table','view') AND name LIKE %Q"
               " AND name NOT LIKE 'sqlite_%%' ORDER BY name",
      like != NULL ? like : "%");
  int saved = timer;
  timer = 0;
  int rc = run_sql(sql);
  timer = saved;
  sqlite3_free(sql);
  return rc;
}

static int run_file(FILE *in);

/* A line starting with '.': returns 0, 1 on error, 2 for .quit. */
static int dot_command(char *line) {
  char *argv[3] = {NULL, NULL, NULL};
  int argc = 0;
  for (char *p = strtok(line + 1, " \t\r\n"); p != NULL && argc < 3; p = strtok(NULL, " \t\r\n"))
    argv[argc++] = p;
  if (argc == 0) return 0;
  if (strcmp(argv[0], "read") == 0 && argc >= 2) {
    FILE *f = fopen(argv[1], "r");
    if (f == NULL) {
      fprintf(stderr, "Error: cannot open \"%s\"\n", argv[1]);
      return 1;
    }
    int rc = run_file(f);
    fclose(f);
    return rc;
  }
  if (strcmp(argv[0], "tables") == 0) return list_schema(0, argv[1]);
  if (strcmp(argv[0], "schema") == 0) return list_schema(1, argv[1]);
  if (strcmp(argv[0], "timer") == 0 && argc >= 2) {
    timer = strcmp(argv[1], "on") == 0 || strcmp(argv[1], "1") == 0;
    return 0;
  }
  if (strcmp(argv[0], "bail") == 0 && argc >= 2) {
    bail = strcmp(argv[1], "on") == 0 || strcmp(argv[1], "1") == 0;
    return 0;
  }
  if (strcmp(argv[0], "quit") == 0 || strcmp(argv[0], "exit") == 0) return 2;
  fprintf(stderr, "Error: unknown command or invalid arguments: \"%s\"\n", argv[0]);
  return 1;
}

/* Reads lines, collecting them until they form complete statements (sqlite3_complete). */
static int run_file(FILE *in) {
  size_t cap = 4096, len = 0;
  char *buf = malloc(cap);
  static char line[65536];
  int rc = 0;
  buf[0] = '\0';
  while (fgets(line, sizeof line, in) != NULL) {
    if (len == 0 && line[0] == '.') {
      int r = dot_command(line);
      if (r == 2) { rc = 2; break; }
      if (r != 0) { failed = 1; if (bail) { rc = 1; break; } }
      continue;
    }
    size_t n = strlen(line);
    if (len + n + 1 > cap) {
      while (len + n + 1 > cap) cap *= 2;
      buf = realloc(buf, cap);
    }
    memcpy(buf + len, line, n + 1);
    len += n;
    if (sqlite3_complete(buf)) {
      if (run_sql(buf) != 0) { failed = 1; if (bail) { rc = 1; break; } }
      len = 0;
      buf[0] = '\0';
    }
  }
  if (rc == 0 && len > 0 && strspn(buf, " \t\r\n") < len) {
    if (run_sql(buf) != 0) { failed = 1; if (bail) rc = 1; }
  }
  free(buf);
  return rc;
}

int main(int argc, char **argv) {
  int i = 1;
  if (i < argc && strcmp(argv[i], "-bail") == 0) { bail = 1; i++; }
  const char *path = i < argc ? argv[i++] : ":memory:";
  if (sqlite3_open(path, &db) != SQLITE_OK) {
    fprintf(stderr, "Error: unable to open database \"%s\": %s\n", path, sqlite3_errmsg(db));
    return 1;
  }
  FILE *in = stdin;
  if (i < argc && (in = fopen(argv[i], "r")) == NULL) {
    fprintf(stderr, "Error: cannot open \"%s\"\n", argv[i]);
    return 1;
  }
  int rc = run_file(in);
  if (in != stdin) fclose(in);
  if (sqlite3_close(db) != SQLITE_OK) {
    fprintf(stderr, "Error: %s\n", sqlite3_errmsg(db));
    return 1;
  }
  return rc == 1 || failed ? 1 : 0;
}
