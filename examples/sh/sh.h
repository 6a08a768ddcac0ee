/* sh: the shell's shared types and the interfaces between its parts (lexer, parser, expander,
 * evaluator, variables, built-ins, traps). */
#ifndef SH_H
#define SH_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* ---- growing buffers (util.c) ---- */

struct strbuf { char *p; size_t n, cap; };

void sb_put(struct strbuf *b, const char *s, size_t n);
void sb_puts(struct strbuf *b, const char *s);
void sb_putc(struct strbuf *b, char c);
char *sb_finish(struct strbuf *b); /* the string (never NULL); the buffer is emptied */

/* A growing array of strings, NULL-terminated. */
struct strlist { char **v; int n, cap; };

void sl_add(struct strlist *l, char *s); /* takes ownership */
void sl_free(struct strlist *l);

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *read_file(const char *path); /* a whole file as a string; NULL (errno) when it cannot be opened */

/* "sh: " + message on stderr (stdout flushed first, so the two streams keep their order). */
void sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "sh: LINE: " + message, as dash words its errors in scripts. */
void sh_error_at(int line, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int is_name(const char *s, size_t n); /* a valid variable name: [A-Za-z_][A-Za-z0-9_]* */
int is_assignment(const char *word);   /* NAME=... (raw word text) */
char *quote_for_reuse(const char *s);  /* single-quoted when needed, as `set` and `export -p` print */

/* ---- syntax tree (parse.c) ---- */

enum node_type {
  N_SIMPLE,   /* assigns, words, redirs */
  N_PIPE,     /* cmds[0..ncmds), negate */
  N_AND, N_OR, N_SEQ, /* left ; right */
  N_BACKGROUND, /* left & */
  N_SUBSHELL, N_GROUP, /* ( body ) and { body; } */
  N_IF,       /* if cond then body else orelse (elif is a nested N_IF) */
  N_WHILE, N_UNTIL, /* cond, body */
  N_FOR,      /* name, words (NULL: "$@"), body */
  N_CASE,     /* word, items */
  N_FUNCDEF,  /* name, body */
  N_NOT       /* ! left (a pipeline of one command) */
};

enum redir_kind { R_IN, R_OUT, R_CLOBBER, R_APPEND, R_RDWR, R_DUPIN, R_DUPOUT, R_HEREDOC };

struct redir {
  struct redir *next;
  int fd;
  enum redir_kind kind;
  char *target;       /* raw word: file name or fd (for <& >&); the delimiter of a here-document */
  char *heredoc;      /* R_HEREDOC: the body's text */
  int heredoc_quoted; /* the delimiter was quoted: no expansion of the body */
  int strip_tabs;     /* <<- */
};

struct case_item {
  struct case_item *next;
  char **patterns; int npatterns;
  struct node *body; /* may be NULL: an empty item */
};

struct node {
  enum node_type type;
  int line;
  struct redir *redirs;
  struct node *left, *right;      /* N_AND N_OR N_SEQ N_BACKGROUND N_NOT */
  struct node *cond, *body, *orelse;
  struct node **cmds; int ncmds;  /* N_PIPE */
  int negate;
  char **words; int nwords;       /* N_SIMPLE arguments, N_FOR list, N_CASE word (words[0]) */
  int has_in;                     /* N_FOR: an `in` list was given */
  char **assigns; int nassigns;   /* N_SIMPLE */
  char *name;                     /* N_FOR variable, N_FUNCDEF name */
  struct case_item *items;
};

/* Where the text comes from: the whole of it (script, -c, eval), or standard input read as needed. */
struct parser;

struct arena; /* where a parsed command's nodes live; kept while a function defined there exists */

enum parse_status { P_OK, P_EOF, P_ERROR };

struct parser *parser_new(const char *text, int first_line);
void parser_free(struct parser *p);
/* The next complete command (a list up to a newline), in *out; its memory in *arena. */
enum parse_status parse_next(struct parser *p, struct node **out, struct arena **arena);
/* After P_ERROR: the parse stopped at the end of the text (more input could complete it). */
int parser_wants_more(struct parser *p);
const char *parser_error(struct parser *p); /* the message, printed by the caller */
int parser_error_line(struct parser *p);
void parser_append(struct parser *p, const char *more); /* standard input: another line */
void parser_restart(struct parser *p);                  /* retry from the last complete command */
void parser_set_incremental(struct parser *p, int on);  /* the text's end may not be the input's */
void parser_compact(struct parser *p);                  /* forget the text already run */
const char *parser_last_text(struct parser *p, size_t *n); /* the text of the last command parsed */
int set_option(char letter, const char *name, int on);    /* set -e ... and set -o NAME: -1 if none such */
/* The length of the text of $(...) at s (just after its parenthesis) up to and with the closing one. */
long command_subst_length(const char *s);
void arena_free(struct arena *a);
void arena_keep(struct arena *a); /* never freed: a function body lives there */
struct arena *current_arena(void);

/* lexer internals the parser uses (lex.c) */
enum token_type {
  TK_WORD, TK_IO_NUMBER, TK_NEWLINE, TK_EOF,
  TK_AND_IF, TK_OR_IF, TK_DSEMI, TK_SEMI, TK_AMP, TK_PIPE, TK_LPAREN, TK_RPAREN,
  TK_LESS, TK_GREAT, TK_DLESS, TK_DLESSDASH, TK_DGREAT, TK_LESSAND, TK_GREATAND, TK_LESSGREAT, TK_CLOBBER,
  TK_ERROR
};

/* ---- expansion (expand.c, arith.c) ---- */

/* The fields of words: parameters, commands, arithmetic, then field splitting and pathnames. */
int expand_fields(char **words, int n, struct strlist *out); /* -1: an expansion error */
/* One word without field splitting or pathname expansion (assignments, redirections, case word). */
char *expand_word(const char *word);
/* An assignment's value: ~ after = and : too. */
char *expand_assign_value(const char *value);
/* A pattern for fnmatch: quoted characters escaped (case, ${x%pat}). */
char *expand_pattern(const char *word);
/* A here-document's body: only $, ` and \ are special. */
char *expand_heredoc(const char *body);
/* $((expr)) after its expansions: 0 and *out, or -1 with the message printed. */
int arith_eval(const char *expr, intmax_t *out);
int expand_failed(void); /* set by an error in the last expansion */

/* ---- variables (vars.c) ---- */

enum { V_EXPORT = 1, V_READONLY = 2 };

void vars_init(char **environ);
const char *var_get(const char *name);                 /* NULL when unset */
int var_set(const char *name, const char *value, int flags); /* -1 when readonly (message printed) */
int var_unset(const char *name);
int var_flags(const char *name);
void var_add_flags(const char *name, int flags);
int var_assign(const char *assignment, int flags);      /* NAME=value */
char **vars_environ(struct strlist *extra);             /* exported variables, for a new program */
void vars_print(int only_flags, const char *prefix);     /* set, export -p, readonly -p */
/* Function-local variables: local NAME saves it in the innermost frame. */
void locals_push(void);
void locals_pop(void);
int local_declare(const char *name);

/* positional parameters */
struct params { char **v; int n; };
extern struct params params;
extern char *arg0;
void params_set(char **v, int n); /* copies */
struct params params_save(void);
void params_restore(struct params saved);

/* functions */
struct node *func_get(const char *name);
void func_set(const char *name, struct node *body);
int func_unset(const char *name);

/* ---- evaluation (exec.c) ---- */

enum jump_kind { J_NONE, J_BREAK, J_CONTINUE, J_RETURN, J_EXIT };

struct shell_state {
  int status;        /* $? */
  enum jump_kind jump; /* break/continue/return/exit in progress */
  int jump_count;    /* break N / continue N levels left */
  int loop_depth;
  int func_depth;    /* functions and dot scripts: where return stops */
  int errexit, xtrace, nounset, noglob, noexec, verbose;
  int errexit_off;   /* >0: in a condition, where set -e does not apply */
  int subst_status;  /* the status of the last command substitution (-1: none) */
  int subshell;      /* this process is a forked subshell */
  int fork_optional; /* a failing fork is not reported: the caller runs the command without one */
  pid_t last_bg;     /* $! */
  int line;          /* the current command's line */
};
extern struct shell_state sh;

int eval(struct node *n);
int eval_text(const char *text, int first_line); /* parse and run all of it: eval, ., $(...) */
/* Parses and runs one command after the other; `incremental`: standard input, read as needed.
 * At the shell's own input (not eval, . or $(...)), a break or continue with no loop ends there. */
enum run_level { RUN_NESTED, RUN_COMMAND_STRING, RUN_INPUT };
void run_parser(struct parser *p, int incremental, enum run_level level);
char *command_output(const char *text);           /* $(...): the output, trailing newlines removed */
_Noreturn void sh_exit(int status);               /* runs the EXIT trap, flushes */
void request_exit(int status);                     /* unwind to the top, then exit */
pid_t fork_subshell(void);                         /* fork; the child forgets what a subshell must */
int wait_pid(pid_t pid);                           /* its status as $? shows it */
char *find_in_path(const char *name);              /* NULL when not found */
char **script_argv(const char *path, char **argv, char **interp); /* how to run a script (ENOEXEC) */
int apply_redirs(struct redir *r, int save);       /* -1 on failure (message printed) */
void redirs_mark(int *mark);
void redirs_restore(int mark);
void redirs_forget(void);                          /* exec: the current command's redirections stay */

/* background jobs for wait */
void job_add(pid_t pid);
int job_wait_all(void);
int job_wait(pid_t pid);

/* ---- built-ins (builtins.c, test.c, trap.c) ---- */

typedef int builtin_fn(int argc, char **argv);
enum { B_SPECIAL = 1 };
builtin_fn *builtin_find(const char *name, int *flags);
int test_builtin(int argc, char **argv);
int kill_builtin(int argc, char **argv);
int trap_builtin(int argc, char **argv);
int signal_number(const char *s);
const char *signal_name(int sig);
void traps_run_pending(void);
void traps_reset_for_subshell(void);
void trap_run_exit(void);
int keyword_is(const char *word); /* a reserved word (type, command -v) */

#endif
