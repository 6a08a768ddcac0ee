/* l4wasm: <sys/vfs.h>, glibc's other name for <sys/statfs.h>. */
#include <sys/statfs.h>
