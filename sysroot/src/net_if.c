/* Network interfaces (<net/if.h>, <ifaddrs.h>): the guest's one interface is its loopback, lo
 * (index 1, as on Linux), on which AF_INET and AF_INET6 sockets reach the machine's own
 * (src/libc/inet_address.ts): 127.0.0.1/8 and ::1/128. Another name has no index (ENODEV), another
 * index no name (ENXIO). */
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#define LO_INDEX 1
#define LO_FLAGS (IFF_UP | IFF_LOOPBACK | IFF_RUNNING)

unsigned int if_nametoindex(const char *name) {
	if (strcmp(name, "lo") == 0) return LO_INDEX;
	errno = ENODEV;
	return 0;
}

char *if_indextoname(unsigned int index, char *name) {
	if (index == LO_INDEX) return strcpy(name, "lo");
	errno = ENXIO;
	return NULL;
}

struct if_nameindex *if_nameindex(void) {
	/* One block: the entries, then the name (if_freenameindex frees it at once). */
	struct if_nameindex *list = calloc(1, 2 * sizeof *list + sizeof "lo");
	if (list == NULL) return NULL;
	char *name = (char *)(list + 2);
	strcpy(name, "lo");
	list[0].if_index = LO_INDEX;
	list[0].if_name = name;
	return list;
}

void if_freenameindex(struct if_nameindex *list) { free(list); }

/* One entry of getifaddrs with its name and addresses in the same allocation (freeifaddrs frees each entry once). */
struct entry {
	struct ifaddrs ifa;
	union { struct sockaddr_in v4; struct sockaddr_in6 v6; } addr, mask;
	char name[IF_NAMESIZE];
};

static struct entry *entry(int family) {
	struct entry *e = calloc(1, sizeof *e);
	if (e == NULL) return NULL;
	strcpy(e->name, "lo");
	e->ifa.ifa_name = e->name;
	e->ifa.ifa_flags = LO_FLAGS;
	e->ifa.ifa_addr = (struct sockaddr *)&e->addr;
	e->ifa.ifa_netmask = (struct sockaddr *)&e->mask;
	if (family == AF_INET) {
		e->addr.v4.sin_family = e->mask.v4.sin_family = AF_INET;
		e->addr.v4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		e->mask.v4.sin_addr.s_addr = htonl(0xff000000);
	} else {
		e->addr.v6.sin6_family = e->mask.v6.sin6_family = AF_INET6;
		e->addr.v6.sin6_addr = in6addr_loopback;
		memset(&e->mask.v6.sin6_addr, 0xff, sizeof e->mask.v6.sin6_addr);
	}
	return e;
}

/* lo's IPv4 address, then its IPv6 one, as Linux lists them (without its AF_PACKET entry: no such family here). */
int getifaddrs(struct ifaddrs **list) {
	struct entry *v4 = entry(AF_INET), *v6 = entry(AF_INET6);
	if (v4 == NULL || v6 == NULL) {
		free(v4);
		free(v6);
		errno = ENOMEM;
		return -1;
	}
	v4->ifa.ifa_next = &v6->ifa;
	*list = &v4->ifa;
	return 0;
}

/* Frees what getifaddrs gave: its entries are allocated one by one. */
void freeifaddrs(struct ifaddrs *list) {
	while (list) {
		struct ifaddrs *next = list->ifa_next;
		free(list);
		list = next;
	}
}
