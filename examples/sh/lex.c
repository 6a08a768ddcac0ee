/* sh: the lexer. Operators and words; a word keeps its quotes and its $(...) ${...} `...` text,
 * which the expander reads when the command runs. Here-document bodies are read after the
 * newline that ends their command's line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parser.h"

static int at(struct parser *p, size_t k) { return p->pos + k < p->len ? (unsigned char)p->text[p->pos + k] : -1; }

static void note_end(struct parser *p) { p->hit_end = 1; }

static int scan_dollar(struct parser *p, struct strbuf *out, int in_dq);
static int scan_double_quoted(struct parser *p, struct strbuf *out);
static int scan_backquote(struct parser *p, struct strbuf *out);

/* A backslash at pos: a line continuation disappears; otherwise both characters are kept. */
static void scan_backslash(struct parser *p, struct strbuf *out) {
  if (at(p, 1) == '\n') { p->pos += 2; p->line++; return; }
  if (at(p, 1) < 0) { note_end(p); sb_putc(out, '\\'); p->pos++; return; }
  sb_put(out, p->text + p->pos, 2);
  p->pos += 2;
}

static int scan_single_quoted(struct parser *p, struct strbuf *out) {
  int line = p->line;
  size_t start = p->pos++;
  while (at(p, 0) != '\'') {
    if (at(p, 0) < 0) { note_end(p); p->line = line; syntax_error(p, "Unterminated quoted string"); return -1; }
    if (at(p, 0) == '\n') p->line++;
    p->pos++;
  }
  p->pos++;
  sb_put(out, p->text + start, p->pos - start);
  return 0;
}

static int scan_double_quoted(struct parser *p, struct strbuf *out) {
  int line = p->line;
  sb_putc(out, '"');
  p->pos++;
  for (;;) {
    int c = at(p, 0);
    if (c < 0) { note_end(p); p->line = line; syntax_error(p, "Unterminated quoted string"); return -1; }
    if (c == '"') { sb_putc(out, '"'); p->pos++; return 0; }
    if (c == '\\') scan_backslash(p, out);
    else if (c == '$') { if (scan_dollar(p, out, 1) < 0) return -1; }
    else if (c == '`') { if (scan_backquote(p, out) < 0) return -1; }
    else { if (c == '\n') p->line++; sb_putc(out, (char)c); p->pos++; }
  }
}

static int scan_backquote(struct parser *p, struct strbuf *out) {
  sb_putc(out, '`');
  p->pos++;
  for (;;) {
    int c = at(p, 0);
    if (c < 0) { note_end(p); syntax_error(p, "EOF in backquote substitution"); return -1; }
    if (c == '`') { sb_putc(out, '`'); p->pos++; return 0; }
    if (c == '\\' && at(p, 1) >= 0) { sb_put(out, p->text + p->pos, 2); if (at(p, 1) == '\n') p->line++; p->pos += 2; continue; }
    if (c == '\n') p->line++;
    sb_putc(out, (char)c);
    p->pos++;
  }
}

/* $((...)): up to the )) that closes it, counting parentheses. */
static int scan_arithmetic(struct parser *p, struct strbuf *out) {
  size_t start = p->pos;
  p->pos += 3;
  int depth = 0;
  for (;;) {
    int c = at(p, 0);
    if (c < 0) { note_end(p); syntax_error(p, "Missing '))'"); return -1; }
    if (c == '(') depth++;
    else if (c == ')') {
      if (depth == 0) {
        if (at(p, 1) != ')') { syntax_error(p, "Missing '))'"); return -1; }
        p->pos += 2;
        break;
      }
      depth--;
    } else if (c == '\n') p->line++;
    p->pos++;
  }
  sb_put(out, p->text + start, p->pos - start);
  return 0;
}

/* ${...}: to its closing brace, through quotes and nested substitutions. */
static int scan_braced(struct parser *p, struct strbuf *out, int in_dq) {
  sb_put(out, "${", 2);
  p->pos += 2;
  for (;;) {
    int c = at(p, 0);
    if (c < 0) { note_end(p); syntax_error(p, "Missing '}'"); return -1; }
    if (c == '}') { sb_putc(out, '}'); p->pos++; return 0; }
    int r = 0;
    if (c == '\\') scan_backslash(p, out);
    else if (c == '\'' && !in_dq) r = scan_single_quoted(p, out);
    else if (c == '"') r = scan_double_quoted(p, out);
    else if (c == '$') r = scan_dollar(p, out, in_dq);
    else if (c == '`') r = scan_backquote(p, out);
    else { if (c == '\n') p->line++; sb_putc(out, (char)c); p->pos++; }
    if (r < 0) return -1;
  }
}

static int scan_dollar(struct parser *p, struct strbuf *out, int in_dq) {
  if (at(p, 1) == '(' && at(p, 2) == '(') return scan_arithmetic(p, out);
  if (at(p, 1) == '(') {
    size_t start = p->pos;
    p->pos += 2;
    if (parse_command_substitution(p) < 0) return -1;
    sb_put(out, p->text + start, p->pos - start);
    return 0;
  }
  if (at(p, 1) == '{') return scan_braced(p, out, in_dq);
  sb_putc(out, '$');
  p->pos++;
  return 0;
}

static int is_word_end(int c) { return c < 0 || strchr(" \t\n;&|<>()", c); }

/* A word at pos into out (raw text); -1 on an unterminated quote or substitution. */
static int scan_word(struct parser *p, struct strbuf *out) {
  for (;;) {
    int c = at(p, 0);
    if (is_word_end(c)) { if (c < 0) note_end(p); return 0; }
    int r = 0;
    if (c == '\\') scan_backslash(p, out);
    else if (c == '\'') r = scan_single_quoted(p, out);
    else if (c == '"') r = scan_double_quoted(p, out);
    else if (c == '$') r = scan_dollar(p, out, 0);
    else if (c == '`') r = scan_backquote(p, out);
    else { sb_putc(out, (char)c); p->pos++; }
    if (r < 0) return -1;
  }
}

/* The delimiter of a here-document with quotes removed; *quoted when it had any. */
static char *heredoc_delimiter(const char *raw, int *quoted) {
  struct strbuf b = { 0 };
  *quoted = 0;
  for (const char *s = raw; *s; s++) {
    if (*s == '\\' && s[1]) { *quoted = 1; sb_putc(&b, *++s); }
    else if (*s == '\'' || *s == '"') *quoted = 1;
    else sb_putc(&b, *s);
  }
  return sb_finish(&b);
}

/* The bodies of the here-documents of the line just ended, each up to its delimiter line. */
static int read_heredocs(struct parser *p) {
  for (int i = 0; i < p->nheredocs; i++) {
    struct redir *r = p->heredocs[i];
    int quoted;
    char *delim = heredoc_delimiter(r->target, &quoted);
    struct strbuf body = { 0 };
    int found = 0;
    while (p->pos < p->len) {
      size_t start = p->pos;
      while (start < p->len && r->strip_tabs && p->text[start] == '\t') start++;
      char *nl = memchr(p->text + start, '\n', p->len - start);
      size_t end = nl ? (size_t)(nl - p->text) : p->len;
      if (!nl && p->more_possible) break; /* a line not complete yet */
      p->pos = nl ? end + 1 : end;
      p->line++;
      if (end - start == strlen(delim) && !memcmp(p->text + start, delim, end - start)) { found = 1; break; }
      sb_put(&body, p->text + start, end - start);
      if (nl) sb_putc(&body, '\n');
    }
    free(delim);
    if (!found && p->more_possible) {
      free(body.p);
      note_end(p);
      syntax_error(p, "end of file unexpected (expecting here-document end)");
      return -1;
    }
    r->heredoc = arena_strndup(p->arena, body.p ? body.p : "", body.n);
    r->heredoc_quoted = quoted;
    free(body.p);
  }
  p->nheredocs = 0;
  return 0;
}

static struct token make(struct parser *p, enum token_type type, size_t len) {
  p->pos += len;
  return (struct token){ type, 0, p->line };
}

static struct token lex(struct parser *p) {
  for (;;) {
    int c = at(p, 0);
    if (c == ' ' || c == '\t' || c == '\r') p->pos++;
    else if (c == '\\' && at(p, 1) == '\n') { p->pos += 2; p->line++; }
    else if (c == '#') { while (at(p, 0) >= 0 && at(p, 0) != '\n') p->pos++; }
    else break;
  }
  int c = at(p, 0), d = at(p, 1);
  if (c < 0) {
    note_end(p);
    /* here-documents at the end of the text: empty, or (standard input) wait for more */
    if (p->nheredocs && read_heredocs(p) < 0) return (struct token){ TK_ERROR, 0, p->line };
    return (struct token){ TK_EOF, 0, p->line };
  }
  if (c == '\n') {
    struct token t = make(p, TK_NEWLINE, 1);
    p->line++;
    if (p->nheredocs && read_heredocs(p) < 0) return (struct token){ TK_ERROR, 0, p->line };
    return t;
  }
  switch (c) {
  case '&': return d == '&' ? make(p, TK_AND_IF, 2) : make(p, TK_AMP, 1);
  case '|': return d == '|' ? make(p, TK_OR_IF, 2) : make(p, TK_PIPE, 1);
  case ';': return d == ';' ? make(p, TK_DSEMI, 2) : make(p, TK_SEMI, 1);
  case '(': return make(p, TK_LPAREN, 1);
  case ')': return make(p, TK_RPAREN, 1);
  case '<':
    if (d == '<') return at(p, 2) == '-' ? make(p, TK_DLESSDASH, 3) : make(p, TK_DLESS, 2);
    if (d == '&') return make(p, TK_LESSAND, 2);
    if (d == '>') return make(p, TK_LESSGREAT, 2);
    return make(p, TK_LESS, 1);
  case '>':
    if (d == '>') return make(p, TK_DGREAT, 2);
    if (d == '&') return make(p, TK_GREATAND, 2);
    if (d == '|') return make(p, TK_CLOBBER, 2);
    return make(p, TK_GREAT, 1);
  }
  struct token t = { TK_WORD, 0, p->line };
  struct strbuf b = { 0 };
  if (scan_word(p, &b) < 0) { free(b.p); return (struct token){ TK_ERROR, 0, p->line }; }
  /* digits right before < or > name the descriptor a redirection is for */
  int digits = b.n > 0 && strspn(b.p, "0123456789") == b.n;
  if (digits && (at(p, 0) == '<' || at(p, 0) == '>')) t.type = TK_IO_NUMBER;
  t.text = arena_strndup(p->arena, b.p, b.n);
  free(b.p);
  return t;
}

struct token *peek_token(struct parser *p) {
  if (!p->have_token) { p->token = lex(p); p->have_token = 1; }
  return &p->token;
}

struct token next_token(struct parser *p) {
  peek_token(p);
  p->have_token = 0;
  return p->token;
}

/* Register a here-document whose body the next newline brings. */
void heredoc_pending(struct parser *p, struct redir *r) {
  if (p->nheredocs == p->heredocs_cap) {
    p->heredocs_cap = p->heredocs_cap * 2 + 4;
    p->heredocs = xrealloc(p->heredocs, p->heredocs_cap * sizeof *p->heredocs);
  }
  p->heredocs[p->nheredocs++] = r;
}

const char *token_describe(const struct token *t, char *buf, size_t size) {
  static const char *const ops[] = { 0, 0, "newline", "end of file", "\"&&\"", "\"||\"", "\";;\"", "\";\"", "\"&\"",
    "\"|\"", "\"(\"", "\")\"", "\"<\"", "\">\"", "\"<<\"", "\"<<-\"", "\">>\"", "\"<&\"", "\">&\"", "\"<>\"", "\">|\"", "error" };
  if (t->type == TK_WORD || t->type == TK_IO_NUMBER) { snprintf(buf, size, "\"%s\"", t->text); return buf; }
  return ops[t->type];
}
