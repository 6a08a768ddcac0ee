/* glibc's <wait.h>: <sys/wait.h> by an older name. */
#include <sys/wait.h>
