/* sh: arithmetic expansion $((...)) (XCU 2.6.4): intmax_t integers, C's operators and their
 * precedence (no ++ --, as dash), variables by name, assignments = += -= *= /= %= <<= >>= &= ^= |=. */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct arith {
  const char *expr, *s;
  int noeval; /* inside the branch && || ?: does not take: no division errors, no assignments */
  const char *error;
};

static void skip_blanks(struct arith *a) { while (isspace((unsigned char)*a->s)) a->s++; }

static int accept(struct arith *a, const char *op) {
  skip_blanks(a);
  size_t n = strlen(op);
  if (strncmp(a->s, op, n)) return 0;
  /* "<" must not take the start of "<<" or "<=", "=" not of "==", and so on */
  if (n == 1 && strchr("<>=&|", op[0]) && a->s[1] == op[0]) return 0;
  if (n == 1 && strchr("<>!=", op[0]) && a->s[1] == '=') return 0;
  if (n == 2 && (!strcmp(op, "<<") || !strcmp(op, ">>")) && a->s[2] == '=') return 0;
  if (n == 1 && strchr("+-*/%&^|", op[0]) && a->s[1] == '=') return 0;
  a->s += n;
  return 1;
}

static int parse_number(const char *s, intmax_t *out) {
  while (isspace((unsigned char)*s)) s++;
  if (!*s) { *out = 0; return 0; }
  char *end;
  *out = strtoimax(s, &end, 0);
  while (isspace((unsigned char)*end)) end++;
  return *end ? -1 : 0;
}

static intmax_t assignment(struct arith *a);

static intmax_t primary(struct arith *a) {
  skip_blanks(a);
  if (a->error) return 0;
  if (*a->s == '(') {
    a->s++;
    intmax_t v = assignment(a);
    if (!accept(a, ")")) { if (!a->error) a->error = "expecting ')'"; }
    return v;
  }
  if (isdigit((unsigned char)*a->s)) {
    char *end;
    intmax_t v = strtoimax(a->s, &end, 0);
    if (isalnum((unsigned char)*end) || *end == '_') { a->error = "expecting primary"; return 0; }
    a->s = end;
    return v;
  }
  size_t n = 0;
  while (is_name(a->s, n + 1)) n++;
  if (n) {
    char *name = xstrndup(a->s, n);
    a->s += n;
    const char *v = var_get(name);
    intmax_t r = 0;
    if (!v && sh.nounset) { sh_error_at(sh.line, "%s: parameter not set", name); a->error = ""; }
    else if (v && parse_number(v, &r) < 0) { sh_error_at(sh.line, "Illegal number: %s", v); a->error = ""; }
    free(name);
    return r;
  }
  a->error = "expecting primary";
  return 0;
}

static intmax_t unary(struct arith *a) {
  skip_blanks(a);
  if (*a->s == '+' && a->s[1] != '+') { a->s++; return unary(a); }
  if (*a->s == '-' && a->s[1] != '-') { a->s++; return -unary(a); }
  if (*a->s == '!' && a->s[1] != '=') { a->s++; return !unary(a); }
  if (*a->s == '~') { a->s++; return ~unary(a); }
  return primary(a);
}

static intmax_t divide(struct arith *a, intmax_t l, intmax_t r, int modulo) {
  if (a->noeval) return 0;
  if (r == 0) { if (!a->error) a->error = "division by zero"; return 0; }
  if (r == -1) return modulo ? 0 : -l; /* INTMAX_MIN / -1 must not trap */
  return modulo ? l % r : l / r;
}

static intmax_t multiplicative(struct arith *a) {
  intmax_t v = unary(a);
  for (;;) {
    if (accept(a, "*")) v *= unary(a);
    else if (accept(a, "/")) { intmax_t r = unary(a); v = divide(a, v, r, 0); }
    else if (accept(a, "%")) { intmax_t r = unary(a); v = divide(a, v, r, 1); }
    else return v;
  }
}

static intmax_t additive(struct arith *a) {
  intmax_t v = multiplicative(a);
  for (;;) {
    if (accept(a, "+")) v = (intmax_t)((uintmax_t)v + (uintmax_t)multiplicative(a));
    else if (accept(a, "-")) v = (intmax_t)((uintmax_t)v - (uintmax_t)multiplicative(a));
    else return v;
  }
}

static intmax_t shift(struct arith *a) {
  intmax_t v = additive(a);
  for (;;) {
    if (accept(a, "<<")) v = (intmax_t)((uintmax_t)v << (additive(a) & 63));
    else if (accept(a, ">>")) v >>= additive(a) & 63;
    else return v;
  }
}

static intmax_t relational(struct arith *a) {
  intmax_t v = shift(a);
  for (;;) {
    if (accept(a, "<=")) v = v <= shift(a);
    else if (accept(a, ">=")) v = v >= shift(a);
    else if (accept(a, "<")) v = v < shift(a);
    else if (accept(a, ">")) v = v > shift(a);
    else return v;
  }
}

static intmax_t equality(struct arith *a) {
  intmax_t v = relational(a);
  for (;;) {
    if (accept(a, "==")) v = v == relational(a);
    else if (accept(a, "!=")) v = v != relational(a);
    else return v;
  }
}

static intmax_t bit_and(struct arith *a) {
  intmax_t v = equality(a);
  while (accept(a, "&")) v &= equality(a);
  return v;
}

static intmax_t bit_xor(struct arith *a) {
  intmax_t v = bit_and(a);
  while (accept(a, "^")) v ^= bit_and(a);
  return v;
}

static intmax_t bit_or(struct arith *a) {
  intmax_t v = bit_xor(a);
  while (accept(a, "|")) v |= bit_xor(a);
  return v;
}

static intmax_t logical_and(struct arith *a) {
  intmax_t v = bit_or(a);
  while (accept(a, "&&")) {
    if (!v) a->noeval++;
    intmax_t r = bit_or(a);
    if (!v) a->noeval--;
    v = v && r;
  }
  return v;
}

static intmax_t logical_or(struct arith *a) {
  intmax_t v = logical_and(a);
  while (accept(a, "||")) {
    if (v) a->noeval++;
    intmax_t r = logical_and(a);
    if (v) a->noeval--;
    v = v || r;
  }
  return v;
}

static intmax_t conditional(struct arith *a) {
  intmax_t c = logical_or(a);
  if (!accept(a, "?")) return c;
  if (!c) a->noeval++;
  intmax_t yes = assignment(a);
  if (!c) a->noeval--;
  if (!accept(a, ":")) { if (!a->error) a->error = "expecting ':'"; return 0; }
  if (c) a->noeval++;
  intmax_t no = conditional(a);
  if (c) a->noeval--;
  return c ? yes : no;
}

static intmax_t assignment(struct arith *a) {
  skip_blanks(a);
  size_t n = 0;
  while (is_name(a->s, n + 1)) n++;
  static const char *const ops[] = { "=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|=", 0 };
  if (n) {
    const char *after = a->s + n;
    while (isspace((unsigned char)*after)) after++;
    for (int i = 0; ops[i]; i++) {
      size_t len = strlen(ops[i]);
      if (strncmp(after, ops[i], len) || (i == 0 && after[1] == '=')) continue;
      char *name = xstrndup(a->s, n);
      /* the variable's value, read as primary() reads a name */
      intmax_t old = i ? primary(&(struct arith){ name, name, 0, 0 }) : 0;
      a->s = after + len;
      intmax_t r = assignment(a), v = r;
      switch (ops[i][0]) {
      case '+': v = old + r; break;
      case '-': v = old - r; break;
      case '*': v = old * r; break;
      case '/': v = divide(a, old, r, 0); break;
      case '%': v = divide(a, old, r, 1); break;
      case '<': v = (intmax_t)((uintmax_t)old << (r & 63)); break;
      case '>': v = old >> (r & 63); break;
      case '&': v = old & r; break;
      case '^': v = old ^ r; break;
      case '|': v = old | r; break;
      }
      if (!a->noeval && !a->error) {
        char num[32];
        snprintf(num, sizeof num, "%" PRIdMAX, v);
        if (var_set(name, num, 0) < 0) a->error = "";
      }
      free(name);
      return v;
    }
  }
  return conditional(a);
}

int arith_eval(const char *expr, intmax_t *out) {
  struct arith a = { expr, expr, 0, 0 };
  *out = assignment(&a);
  skip_blanks(&a);
  if (!a.error && *a.s) a.error = "expecting EOF";
  if (a.error) {
    if (*a.error) sh_error_at(sh.line, "arithmetic expression: %s: \"%s\"", a.error, expr);
    return -1;
  }
  return 0;
}
