/* sh: the grammar of the POSIX shell language (XCU 2.10) as a recursive descent parser, one
 * complete command (a list ended by a newline) at a time, into a tree whose nodes live in an
 * arena per command. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parser.h"

/* ---- arenas ---- */

struct arena_block { struct arena_block *next; size_t used, cap; _Alignas(16) char data[]; };
struct arena { struct arena_block *blocks; int kept; };

static struct arena *arena_new(void) {
  struct arena *a = xmalloc(sizeof *a);
  a->blocks = 0;
  a->kept = 0;
  return a;
}

void *arena_alloc(struct arena *a, size_t n) {
  n = (n + 15) & ~(size_t)15;
  struct arena_block *b = a->blocks;
  if (!b || b->used + n > b->cap) {
    size_t cap = n > 4096 ? n : 4096;
    b = xmalloc(sizeof *b + cap);
    b->next = a->blocks;
    b->used = 0;
    b->cap = cap;
    a->blocks = b;
  }
  void *p = b->data + b->used;
  b->used += n;
  memset(p, 0, n);
  return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n) {
  char *d = arena_alloc(a, n + 1);
  memcpy(d, s, n);
  d[n] = 0;
  return d;
}

void arena_free(struct arena *a) {
  if (!a || a->kept) return;
  while (a->blocks) {
    struct arena_block *next = a->blocks->next;
    free(a->blocks);
    a->blocks = next;
  }
  free(a);
}

void arena_keep(struct arena *a) { if (a) a->kept = 1; }

/* ---- the parser object ---- */

struct parser *parser_new(const char *text, int first_line) {
  struct parser *p = xmalloc(sizeof *p);
  memset(p, 0, sizeof *p);
  p->len = strlen(text);
  p->cap = p->len + 1;
  p->text = xstrndup(text, p->len);
  p->line = p->cmd_line = first_line;
  return p;
}

void parser_free(struct parser *p) {
  free(p->text);
  free(p->heredocs);
  free(p->error);
  free(p);
}

void parser_append(struct parser *p, const char *more) {
  size_t n = strlen(more);
  if (p->len + n + 1 > p->cap) { p->cap = (p->len + n + 1) * 2; p->text = xrealloc(p->text, p->cap); }
  memcpy(p->text + p->len, more, n + 1);
  p->len += n;
}

void parser_restart(struct parser *p) {
  p->pos = p->cmd_pos;
  p->line = p->cmd_line;
  p->have_token = 0;
  p->nheredocs = 0;
  p->hit_end = 0;
  free(p->error);
  p->error = 0;
}

void parser_set_incremental(struct parser *p, int on) { p->more_possible = on; }

void parser_compact(struct parser *p) {
  memmove(p->text, p->text + p->pos, p->len - p->pos + 1);
  p->len -= p->pos;
  p->pos = p->cmd_pos = 0;
}

const char *parser_last_text(struct parser *p, size_t *n) {
  *n = p->pos - p->cmd_pos;
  return p->text + p->cmd_pos;
}

int parser_wants_more(struct parser *p) { return p->hit_end; }
const char *parser_error(struct parser *p) { return p->error; }
int parser_error_line(struct parser *p) { return p->error_line; }

void syntax_error(struct parser *p, const char *fmt, ...) {
  if (p->error) return; /* the first error is the one to report */
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  p->error = xstrdup(buf);
  p->error_line = p->line;
}

/* ---- grammar ---- */

static struct node *new_node(struct parser *p, enum node_type type, int line) {
  struct node *n = arena_alloc(p->arena, sizeof *n);
  n->type = type;
  n->line = line;
  return n;
}

static int is_keyword(const struct token *t, const char *kw) { return t->type == TK_WORD && !strcmp(t->text, kw); }

static const char *const keywords[] = { "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while",
  "until", "for", "{", "}", "!", "in", 0 };

int keyword_is(const char *word) {
  for (int i = 0; keywords[i]; i++) if (!strcmp(word, keywords[i])) return 1;
  return 0;
}

/* A token that ends a compound list (the word after it belongs to the enclosing construct). */
static int ends_list(const struct token *t) {
  static const char *const enders[] = { "then", "else", "elif", "fi", "do", "done", "esac", "}", 0 };
  if (t->type == TK_RPAREN || t->type == TK_DSEMI || t->type == TK_EOF) return 1;
  if (t->type != TK_WORD) return 0;
  for (int i = 0; enders[i]; i++) if (!strcmp(t->text, enders[i])) return 1;
  return 0;
}

static void unexpected(struct parser *p, const struct token *t) {
  char buf[256];
  if (t->type == TK_ERROR) return; /* the lexer said why */
  syntax_error(p, "%s unexpected", token_describe(t, buf, sizeof buf));
}

static int expect_keyword(struct parser *p, const char *kw) {
  struct token t = next_token(p);
  if (is_keyword(&t, kw)) return 0;
  char buf[256];
  if (t.type != TK_ERROR) syntax_error(p, "%s unexpected (expecting \"%s\")", token_describe(&t, buf, sizeof buf), kw);
  return -1;
}

static void skip_newlines(struct parser *p) {
  while (peek_token(p)->type == TK_NEWLINE) next_token(p);
}

static char **copy_words(struct parser *p, struct strlist *l) {
  char **v = arena_alloc(p->arena, (l->n + 1) * sizeof *v);
  for (int i = 0; i < l->n; i++) v[i] = l->v[i];
  free(l->v);
  l->v = 0;
  l->n = l->cap = 0;
  return v;
}

static int is_redirection(const struct token *t) {
  return t->type == TK_IO_NUMBER || (t->type >= TK_LESS && t->type <= TK_CLOBBER);
}

/* [n]op word: appended at *tail. */
static int parse_redirection(struct parser *p, struct redir ***tail) {
  int fd = -1;
  struct token t = next_token(p);
  if (t.type == TK_IO_NUMBER) { fd = atoi(t.text); t = next_token(p); }
  struct redir *r = arena_alloc(p->arena, sizeof *r);
  switch (t.type) {
  case TK_LESS: r->kind = R_IN; break;
  case TK_GREAT: r->kind = R_OUT; break;
  case TK_CLOBBER: r->kind = R_CLOBBER; break;
  case TK_DGREAT: r->kind = R_APPEND; break;
  case TK_LESSGREAT: r->kind = R_RDWR; break;
  case TK_LESSAND: r->kind = R_DUPIN; break;
  case TK_GREATAND: r->kind = R_DUPOUT; break;
  case TK_DLESS: r->kind = R_HEREDOC; break;
  case TK_DLESSDASH: r->kind = R_HEREDOC; r->strip_tabs = 1; break;
  default: unexpected(p, &t); return -1;
  }
  int reads = r->kind == R_IN || r->kind == R_RDWR || r->kind == R_DUPIN || r->kind == R_HEREDOC;
  r->fd = fd >= 0 ? fd : reads ? 0 : 1;
  struct token w = next_token(p);
  if (w.type != TK_WORD) { unexpected(p, &w); return -1; }
  r->target = w.text;
  if (r->kind == R_HEREDOC) heredoc_pending(p, r);
  **tail = r;
  *tail = &r->next;
  return 0;
}

static int parse_redirections(struct parser *p, struct node *n) {
  struct redir **tail = &n->redirs;
  while (*tail) tail = &(*tail)->next;
  while (is_redirection(peek_token(p))) if (parse_redirection(p, &tail) < 0) return -1;
  return 0;
}

static struct node *parse_and_or(struct parser *p);
static struct node *parse_command(struct parser *p);

/* A compound list: and-or lists separated by ; & or newlines, up to a word that ends it. */
/* `list ; n` (or n alone), n run in the background when it ended with &. */
static struct node *append_command(struct parser *p, struct node *list, struct node *n, int background) {
  if (background) {
    struct node *bg = new_node(p, N_BACKGROUND, n->line);
    bg->left = n;
    n = bg;
  }
  if (!list) return n;
  struct node *seq = new_node(p, N_SEQ, list->line);
  seq->left = list;
  seq->right = n;
  return seq;
}

static struct node *parse_compound_list(struct parser *p) {
  skip_newlines(p);
  struct node *list = 0;
  for (;;) {
    struct token *t = peek_token(p);
    if (ends_list(t)) break;
    struct node *n = parse_and_or(p);
    if (!n) return 0;
    t = peek_token(p);
    list = append_command(p, list, n, t->type == TK_AMP);
    t = peek_token(p);
    if (t->type == TK_SEMI || t->type == TK_AMP) { next_token(p); skip_newlines(p); }
    else if (t->type == TK_NEWLINE) skip_newlines(p);
    else break;
  }
  if (!list) unexpected(p, peek_token(p));
  return list;
}

static struct node *parse_if(struct parser *p, int line) {
  struct node *n = new_node(p, N_IF, line);
  if (!(n->cond = parse_compound_list(p)) || expect_keyword(p, "then") < 0) return 0;
  if (!(n->body = parse_compound_list(p))) return 0;
  struct token *t = peek_token(p);
  if (is_keyword(t, "elif")) {
    int elif_line = t->line;
    next_token(p);
    if (!(n->orelse = parse_if(p, elif_line))) return 0;
    return n; /* the nested if consumed the fi */
  }
  if (is_keyword(t, "else")) {
    next_token(p);
    if (!(n->orelse = parse_compound_list(p))) return 0;
  }
  return expect_keyword(p, "fi") < 0 ? 0 : n;
}

static struct node *parse_loop(struct parser *p, enum node_type type, int line) {
  struct node *n = new_node(p, type, line);
  if (!(n->cond = parse_compound_list(p)) || expect_keyword(p, "do") < 0) return 0;
  if (!(n->body = parse_compound_list(p)) || expect_keyword(p, "done") < 0) return 0;
  return n;
}

static struct node *parse_for(struct parser *p, int line) {
  struct node *n = new_node(p, N_FOR, line);
  struct token name = next_token(p);
  if (name.type != TK_WORD || !is_name(name.text, strlen(name.text))) {
    if (name.type != TK_ERROR) syntax_error(p, "Bad for loop variable");
    return 0;
  }
  n->name = name.text;
  skip_newlines(p);
  struct token *t = peek_token(p);
  if (is_keyword(t, "in")) {
    next_token(p);
    n->has_in = 1;
    struct strlist words = { 0 };
    while (peek_token(p)->type == TK_WORD) sl_add(&words, next_token(p).text);
    n->nwords = words.n;
    n->words = copy_words(p, &words);
    t = peek_token(p);
    if (t->type != TK_SEMI && t->type != TK_NEWLINE) { unexpected(p, t); return 0; }
    next_token(p);
  } else if (t->type == TK_SEMI) next_token(p);
  skip_newlines(p);
  if (expect_keyword(p, "do") < 0) return 0;
  if (!(n->body = parse_compound_list(p)) || expect_keyword(p, "done") < 0) return 0;
  return n;
}

static struct node *parse_case(struct parser *p, int line) {
  struct node *n = new_node(p, N_CASE, line);
  struct token w = next_token(p);
  if (w.type != TK_WORD) { unexpected(p, &w); return 0; }
  n->words = arena_alloc(p->arena, 2 * sizeof *n->words);
  n->words[0] = w.text;
  n->nwords = 1;
  skip_newlines(p);
  if (expect_keyword(p, "in") < 0) return 0;
  struct case_item **tail = &n->items;
  for (;;) {
    skip_newlines(p);
    struct token t = next_token(p);
    if (is_keyword(&t, "esac")) break;
    if (t.type == TK_LPAREN) t = next_token(p);
    struct case_item *item = arena_alloc(p->arena, sizeof *item);
    struct strlist pats = { 0 };
    for (;;) {
      if (t.type != TK_WORD) { free(pats.v); unexpected(p, &t); return 0; }
      sl_add(&pats, t.text);
      t = next_token(p);
      if (t.type == TK_RPAREN) break;
      if (t.type != TK_PIPE) { free(pats.v); unexpected(p, &t); return 0; }
      t = next_token(p);
    }
    item->npatterns = pats.n;
    item->patterns = copy_words(p, &pats);
    skip_newlines(p);
    struct token *after = peek_token(p);
    if (after->type != TK_DSEMI && !is_keyword(after, "esac") && !(item->body = parse_compound_list(p))) return 0;
    *tail = item;
    tail = &item->next;
    after = peek_token(p);
    if (after->type == TK_DSEMI) { next_token(p); continue; }
    if (expect_keyword(p, "esac") < 0) return 0;
    break;
  }
  return n;
}

static struct node *parse_compound(struct parser *p) {
  struct token t = next_token(p);
  struct node *n = 0;
  if (t.type == TK_LPAREN) {
    n = new_node(p, N_SUBSHELL, t.line);
    if (!(n->body = parse_compound_list(p))) return 0;
    struct token close = next_token(p);
    if (close.type != TK_RPAREN) {
      char buf[256];
      if (close.type != TK_ERROR) syntax_error(p, "%s unexpected (expecting \")\")", token_describe(&close, buf, sizeof buf));
      return 0;
    }
  } else if (is_keyword(&t, "{")) {
    n = new_node(p, N_GROUP, t.line);
    if (!(n->body = parse_compound_list(p)) || expect_keyword(p, "}") < 0) return 0;
  } else if (is_keyword(&t, "if")) n = parse_if(p, t.line);
  else if (is_keyword(&t, "while")) n = parse_loop(p, N_WHILE, t.line);
  else if (is_keyword(&t, "until")) n = parse_loop(p, N_UNTIL, t.line);
  else if (is_keyword(&t, "for")) n = parse_for(p, t.line);
  else if (is_keyword(&t, "case")) n = parse_case(p, t.line);
  if (!n || parse_redirections(p, n) < 0) return 0;
  return n;
}

static struct node *parse_function(struct parser *p, struct token name) {
  next_token(p); /* ( */
  struct token t = next_token(p);
  if (t.type != TK_RPAREN) { unexpected(p, &t); return 0; }
  if (!is_name(name.text, strlen(name.text))) { syntax_error(p, "Bad function name"); return 0; }
  skip_newlines(p);
  struct node *n = new_node(p, N_FUNCDEF, name.line);
  n->name = name.text;
  if (!(n->body = parse_command(p))) return 0;
  return n;
}

static struct node *parse_simple(struct parser *p) {
  struct node *n = new_node(p, N_SIMPLE, peek_token(p)->line);
  struct strlist words = { 0 }, assigns = { 0 };
  struct redir **tail = &n->redirs;
  for (;;) {
    struct token *t = peek_token(p);
    if (is_redirection(t)) {
      if (parse_redirection(p, &tail) < 0) goto fail;
    } else if (t->type == TK_WORD) {
      if (words.n == 0 && is_assignment(t->text)) { sl_add(&assigns, next_token(p).text); continue; }
      struct token w = next_token(p);
      if (words.n == 0 && assigns.n == 0 && !n->redirs && peek_token(p)->type == TK_LPAREN) return parse_function(p, w);
      sl_add(&words, w.text);
    } else break;
  }
  if (words.n == 0 && assigns.n == 0 && !n->redirs) { unexpected(p, peek_token(p)); goto fail; }
  n->nwords = words.n;
  n->words = copy_words(p, &words);
  n->nassigns = assigns.n;
  n->assigns = copy_words(p, &assigns);
  return n;
fail:
  free(words.v);
  free(assigns.v);
  return 0;
}

static struct node *parse_command(struct parser *p) {
  struct token *t = peek_token(p);
  if (t->type == TK_LPAREN) return parse_compound(p);
  if (t->type == TK_WORD) {
    static const char *const starts[] = { "{", "if", "while", "until", "for", "case", 0 };
    for (int i = 0; starts[i]; i++) if (!strcmp(t->text, starts[i])) return parse_compound(p);
    static const char *const misplaced[] = { "then", "else", "elif", "fi", "do", "done", "esac", "}", "in", 0 };
    for (int i = 0; misplaced[i]; i++) if (!strcmp(t->text, misplaced[i])) { unexpected(p, t); return 0; }
    return parse_simple(p);
  }
  if (is_redirection(t)) return parse_simple(p);
  unexpected(p, t);
  return 0;
}

static struct node *parse_pipeline(struct parser *p) {
  int line = peek_token(p)->line;
  int negate = 0;
  while (is_keyword(peek_token(p), "!")) { next_token(p); negate = !negate; }
  struct node *first = parse_command(p);
  if (!first) return 0;
  if (peek_token(p)->type != TK_PIPE) {
    if (!negate) return first;
    struct node *n = new_node(p, N_NOT, line);
    n->left = first;
    return n;
  }
  struct node **cmds = xmalloc(sizeof *cmds);
  int n = 0;
  cmds[n++] = first;
  while (peek_token(p)->type == TK_PIPE) {
    next_token(p);
    skip_newlines(p);
    struct node *c = parse_command(p);
    if (!c) { free(cmds); return 0; }
    cmds = xrealloc(cmds, (n + 1) * sizeof *cmds);
    cmds[n++] = c;
  }
  struct node *pipe = new_node(p, N_PIPE, line);
  pipe->cmds = arena_alloc(p->arena, n * sizeof *cmds);
  memcpy(pipe->cmds, cmds, n * sizeof *cmds);
  free(cmds);
  pipe->ncmds = n;
  pipe->negate = negate;
  return pipe;
}

static struct node *parse_and_or(struct parser *p) {
  struct node *left = parse_pipeline(p);
  while (left) {
    struct token *t = peek_token(p);
    if (t->type != TK_AND_IF && t->type != TK_OR_IF) break;
    struct node *n = new_node(p, t->type == TK_AND_IF ? N_AND : N_OR, left->line);
    next_token(p);
    skip_newlines(p);
    n->left = left;
    if (!(n->right = parse_pipeline(p))) return 0;
    left = n;
  }
  return left;
}

int parse_command_substitution(struct parser *p) {
  /* the lexer is inside a word: no token is waiting, and the ) is the last one read */
  struct token saved = p->token;
  int had = p->have_token;
  p->have_token = 0;
  skip_newlines(p);
  if (peek_token(p)->type != TK_RPAREN && !parse_compound_list(p)) return -1;
  struct token t = next_token(p);
  if (t.type != TK_RPAREN) {
    char buf[256];
    if (t.type != TK_ERROR) syntax_error(p, "%s unexpected (expecting \")\")", token_describe(&t, buf, sizeof buf));
    return -1;
  }
  p->token = saved;
  p->have_token = had;
  return 0;
}

long command_subst_length(const char *s) {
  struct parser *p = parser_new(s, 1);
  p->arena = arena_new();
  long n = parse_command_substitution(p) < 0 ? -1 : (long)p->pos;
  arena_free(p->arena);
  parser_free(p);
  return n;
}

enum parse_status parse_next(struct parser *p, struct node **out, struct arena **arena) {
  *out = 0;
  *arena = 0;
  p->cmd_pos = p->pos;
  p->cmd_line = p->line;
  p->hit_end = 0;
  p->have_token = 0;
  p->arena = arena_new();
  skip_newlines(p);
  struct token *t = peek_token(p);
  if (t->type == TK_EOF) { arena_free(p->arena); p->have_token = 0; return P_EOF; }
  struct node *list = 0;
  for (;;) {
    struct node *n = parse_and_or(p);
    if (!n) goto fail;
    t = peek_token(p);
    list = append_command(p, list, n, t->type == TK_AMP);
    int separated = t->type == TK_SEMI || t->type == TK_AMP;
    if (separated) {
      next_token(p);
      t = peek_token(p);
    }
    if (t->type == TK_NEWLINE) { next_token(p); break; }
    if (t->type == TK_EOF) { p->have_token = 0; break; }
    if (!separated) { unexpected(p, t); goto fail; }
  }
  if (p->error) goto fail;
  *out = list;
  *arena = p->arena;
  return P_OK;
fail:
  if (!p->error) unexpected(p, peek_token(p));
  arena_free(p->arena);
  p->arena = 0;
  return P_ERROR;
}
