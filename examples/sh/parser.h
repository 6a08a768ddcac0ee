/* sh: the parser's state, shared by the lexer (lex.c) and the grammar (parse.c) only. */
#ifndef SH_PARSER_H
#define SH_PARSER_H

#include "sh.h"

struct token {
  enum token_type type;
  char *text; /* TK_WORD, TK_IO_NUMBER: the raw word, quotes kept (expanded when it runs) */
  int line;
};

struct parser {
  char *text; size_t len, cap; /* all the input so far */
  size_t pos;
  int line;
  size_t cmd_pos; int cmd_line; /* where the command being parsed started: a retry starts there */
  int have_token; struct token token; /* one token of lookahead */
  struct redir **heredocs; int nheredocs, heredocs_cap; /* waiting for the next newline */
  char *error; int error_line;
  int hit_end;       /* the lexer reached the end of the text */
  int more_possible; /* the text may grow (standard input): the end is not the end of file */
  struct arena *arena;
};

void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);

void syntax_error(struct parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
struct token *peek_token(struct parser *p);
struct token next_token(struct parser *p);
void heredoc_pending(struct parser *p, struct redir *r);
const char *token_describe(const struct token *t, char *buf, size_t size);
/* $(...): the parser parses the command inside to find its end (parse.c). */
int parse_command_substitution(struct parser *p);

#endif
