/* The request posix_spawn and the exec family hand the host (l4posix_proc.ts readRequest). */
#ifndef _L4POSIX_SPAWN_REQ_H
#define _L4POSIX_SPAWN_REQ_H

struct spawn_req {
  const char *path;
  const char *search;
  char *const *argv;
  char *const *envp;
  const int *actions;
  int nactions;
  int flags;
  int pgroup;
  unsigned sigmask[2];
  unsigned sigdefault[2];
  const char *cwd;
};
_Static_assert(sizeof(struct spawn_req) == 52, "layout shared with l4posix_proc.ts");

#endif
