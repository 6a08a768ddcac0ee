/* Network interfaces (<net/if.h>): the guest has none, so no name has an index (ENODEV, as Linux
 * answers for an unknown name), no index a name (ENXIO), and the list holds only its terminator. */
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>

unsigned int if_nametoindex(const char *name) {
	(void)name;
	errno = ENODEV;
	return 0;
}

char *if_indextoname(unsigned int index, char *name) {
	(void)index;
	(void)name;
	errno = ENXIO;
	return NULL;
}

struct if_nameindex *if_nameindex(void) {
	return calloc(1, sizeof(struct if_nameindex));
}

void if_freenameindex(struct if_nameindex *list) { free(list); }
