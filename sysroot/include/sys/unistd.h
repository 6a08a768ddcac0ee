/* glibc's <sys/unistd.h>: <unistd.h> by another name. */
#include <unistd.h>
