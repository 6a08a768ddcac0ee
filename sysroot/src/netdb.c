/* <netdb.h> without a resolver: the guest has no network and no DNS, so a host name resolves only
 * when it is a numeric address, "localhost", or the machine's own name (the loopback address);
 * services and protocols come from a built-in table of the common ones (Linux reads
 * /etc/services and /etc/protocols). The rest fails as on a Linux host whose resolver finds
 * nothing: EAI_NONAME, HOST_NOT_FOUND. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

int h_errno;

struct service { const char *name; int port; const char *proto; };
static const struct service services[] = {
	{ "echo", 7, "tcp" }, { "echo", 7, "udp" }, { "ftp-data", 20, "tcp" }, { "ftp", 21, "tcp" },
	{ "ssh", 22, "tcp" }, { "telnet", 23, "tcp" }, { "smtp", 25, "tcp" }, { "domain", 53, "tcp" },
	{ "domain", 53, "udp" }, { "tftp", 69, "udp" }, { "http", 80, "tcp" }, { "pop3", 110, "tcp" },
	{ "ntp", 123, "udp" }, { "imap", 143, "tcp" }, { "snmp", 161, "udp" }, { "ldap", 389, "tcp" },
	{ "https", 443, "tcp" }, { "submission", 587, "tcp" }, { "imaps", 993, "tcp" }, { "pop3s", 995, "tcp" },
};
#define NSERVICES (sizeof services / sizeof services[0])

struct protocol { const char *name; int number; };
static const struct protocol protocols[] = {
	{ "ip", 0 }, { "icmp", 1 }, { "tcp", 6 }, { "udp", 17 }, { "ipv6", 41 }, { "ipv6-icmp", 58 },
};
#define NPROTOCOLS (sizeof protocols / sizeof protocols[0])

/* ---- names ---- */

/* Whether `name` is the loopback host's: "localhost" (any case, a trailing dot) or our host name. */
static int is_local_name(const char *name) {
	if (strcasecmp(name, "localhost") == 0 || strcasecmp(name, "localhost.") == 0) return 1;
	char own[256];
	return gethostname(own, sizeof own) == 0 && strcasecmp(name, own) == 0;
}

/* ---- getaddrinfo ---- */

/* A service's port (host order) for `socktype` (0: any), or -1 when unknown. */
static int service_port(const char *service, int socktype, int numeric_only) {
	char *end;
	long n = strtol(service, &end, 10);
	if (*service != '\0' && *end == '\0') return n >= 0 && n <= 65535 ? (int)n : -1;
	if (numeric_only) return -1;
	for (size_t i = 0; i < NSERVICES; i++) {
		if (strcmp(services[i].name, service) != 0) continue;
		if (socktype == SOCK_DGRAM ? strcmp(services[i].proto, "udp") == 0 : socktype == SOCK_STREAM ? strcmp(services[i].proto, "tcp") == 0 : 1)
			return services[i].port;
	}
	return -1;
}

/* Appends one result (address, socket type) to the list at *tail; 0 or EAI_MEMORY. */
static int add_result(struct addrinfo ***tail, int family, const void *addr, int port, int socktype, const char *canon) {
	size_t salen = family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
	size_t canonlen = canon != NULL ? strlen(canon) + 1 : 0;
	struct addrinfo *ai = calloc(1, sizeof *ai + salen + canonlen);
	if (ai == NULL) return EAI_MEMORY;
	ai->ai_family = family;
	ai->ai_socktype = socktype;
	ai->ai_protocol = socktype == SOCK_DGRAM ? IPPROTO_UDP : IPPROTO_TCP;
	ai->ai_addrlen = salen;
	ai->ai_addr = (struct sockaddr *)(ai + 1);
	if (family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)ai->ai_addr;
		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		memcpy(&sin->sin_addr, addr, sizeof sin->sin_addr);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ai->ai_addr;
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		memcpy(&sin6->sin6_addr, addr, sizeof sin6->sin6_addr);
	}
	if (canon != NULL) ai->ai_canonname = memcpy((char *)ai->ai_addr + salen, canon, canonlen);
	**tail = ai;
	*tail = &ai->ai_next;
	return 0;
}

int getaddrinfo(const char *restrict node, const char *restrict service, const struct addrinfo *restrict hints, struct addrinfo **restrict res) {
	int flags = hints ? hints->ai_flags : AI_V4MAPPED | AI_ADDRCONFIG;
	int family = hints ? hints->ai_family : AF_UNSPEC;
	int socktype = hints ? hints->ai_socktype : 0;
	const int known = AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_V4MAPPED | AI_ALL | AI_ADDRCONFIG | AI_NUMERICSERV;
	if ((flags & ~known) != 0 || ((flags & AI_CANONNAME) && node == NULL)) return EAI_BADFLAGS;
	if (family != AF_UNSPEC && family != AF_INET && family != AF_INET6) return EAI_FAMILY;
	if (socktype != 0 && socktype != SOCK_STREAM && socktype != SOCK_DGRAM) return EAI_SOCKTYPE;
	if (node == NULL && service == NULL) return EAI_NONAME;

	int port = 0;
	if (service != NULL) {
		port = service_port(service, socktype, (flags & AI_NUMERICSERV) != 0);
		if (port < 0) return (flags & AI_NUMERICSERV) ? EAI_NONAME : EAI_SERVICE;
	}

	/* The addresses: (family, bytes) pairs, at most one of each family. */
	struct in_addr v4;
	struct in6_addr v6;
	int have4 = 0, have6 = 0;
	if (node == NULL) {
		int passive = (flags & AI_PASSIVE) != 0;
		v4.s_addr = htonl(passive ? INADDR_ANY : INADDR_LOOPBACK);
		v6 = passive ? in6addr_any : in6addr_loopback;
		have4 = have6 = 1;
	} else if (inet_pton(AF_INET, node, &v4) == 1) {
		have4 = 1;
	} else if (inet_pton(AF_INET6, node, &v6) == 1) {
		have6 = 1;
	} else if ((flags & AI_NUMERICHOST) == 0 && is_local_name(node)) {
		v4.s_addr = htonl(INADDR_LOOPBACK);
		v6 = in6addr_loopback;
		have4 = have6 = 1;
	} else {
		return EAI_NONAME;
	}
	if (family == AF_INET) have6 = 0;
	if (family == AF_INET6) {
		if (!have6 && have4 && (flags & AI_V4MAPPED)) {
			/* ::ffff:a.b.c.d */
			memset(&v6, 0, sizeof v6);
			v6.s6_addr[10] = v6.s6_addr[11] = 0xff;
			memcpy(&v6.s6_addr[12], &v4, 4);
			have6 = 1;
		}
		have4 = 0;
	}
	if (!have4 && !have6) return node != NULL && (inet_pton(AF_INET, node, &v4) == 1 || inet_pton(AF_INET6, node, &v6) == 1) ? EAI_ADDRFAMILY : EAI_NONAME;

	const char *canon = (flags & AI_CANONNAME) ? node : NULL;
	struct addrinfo *head = NULL, **tail = &head;
	const int types[] = { SOCK_STREAM, SOCK_DGRAM };
	for (int fam = 0; fam < 2; fam++) {
		if (fam == 0 ? !have4 : !have6) continue;
		for (int t = 0; t < 2; t++) {
			if (socktype != 0 && socktype != types[t]) continue;
			int r = add_result(&tail, fam == 0 ? AF_INET : AF_INET6, fam == 0 ? (const void *)&v4 : (const void *)&v6, port, types[t],
				head == NULL ? canon : NULL);
			if (r != 0) {
				freeaddrinfo(head);
				return r;
			}
		}
	}
	*res = head;
	return 0;
}

void freeaddrinfo(struct addrinfo *ai) {
	while (ai != NULL) {
		struct addrinfo *next = ai->ai_next;
		free(ai);
		ai = next;
	}
}

const char *gai_strerror(int e) {
	switch (e) {
	case EAI_BADFLAGS: return "Bad value for ai_flags";
	case EAI_NONAME: return "Name or service not known";
	case EAI_AGAIN: return "Temporary failure in name resolution";
	case EAI_FAIL: return "Non-recoverable failure in name resolution";
	case EAI_FAMILY: return "ai_family not supported";
	case EAI_SOCKTYPE: return "ai_socktype not supported";
	case EAI_SERVICE: return "Servname not supported for ai_socktype";
	case EAI_MEMORY: return "Memory allocation failure";
	case EAI_SYSTEM: return "System error";
	case EAI_OVERFLOW: return "Result too large for supplied buffer";
	case EAI_ADDRFAMILY: return "Address family for hostname not supported";
	case EAI_NODATA: return "No address associated with hostname";
	default: return "Unknown error";
	}
}

/* ---- getnameinfo ---- */

int getnameinfo(const struct sockaddr *restrict sa, socklen_t salen, char *restrict host, socklen_t hostlen, char *restrict serv,
	socklen_t servlen, int flags) {
	const void *addr;
	int port, family = sa != NULL ? sa->sa_family : AF_UNSPEC;
	if (family == AF_INET && salen >= sizeof(struct sockaddr_in)) {
		addr = &((const struct sockaddr_in *)sa)->sin_addr;
		port = ntohs(((const struct sockaddr_in *)sa)->sin_port);
	} else if (family == AF_INET6 && salen >= sizeof(struct sockaddr_in6)) {
		addr = &((const struct sockaddr_in6 *)sa)->sin6_addr;
		port = ntohs(((const struct sockaddr_in6 *)sa)->sin6_port);
	} else {
		return EAI_FAMILY;
	}
	if (host != NULL && hostlen > 0) {
		int loopback = family == AF_INET ? ((const struct in_addr *)addr)->s_addr == htonl(INADDR_LOOPBACK)
			: memcmp(addr, &in6addr_loopback, sizeof in6addr_loopback) == 0;
		if ((flags & NI_NUMERICHOST) == 0 && loopback) {
			if (hostlen < sizeof "localhost") return EAI_OVERFLOW;
			strcpy(host, "localhost");
		} else if ((flags & NI_NAMEREQD) != 0) {
			return EAI_NONAME;
		} else if (inet_ntop(family, addr, host, hostlen) == NULL) {
			return EAI_OVERFLOW;
		}
	}
	if (serv != NULL && servlen > 0) {
		const char *name = NULL;
		if ((flags & NI_NUMERICSERV) == 0) {
			struct servent *s = getservbyport(htons(port), (flags & NI_DGRAM) ? "udp" : "tcp");
			if (s != NULL) name = s->s_name;
		}
		int n = name != NULL ? snprintf(serv, servlen, "%s", name) : snprintf(serv, servlen, "%d", port);
		if (n < 0 || (socklen_t)n >= servlen) return EAI_OVERFLOW;
	}
	return 0;
}

/* ---- the old host calls ---- */

static struct hostent host_entry;
static char host_name[256];
static char *host_aliases[1];
static char host_addr[16];
static char *host_addrs[2];

static struct hostent *host_of(const char *name, int family, const void *addr) {
	snprintf(host_name, sizeof host_name, "%s", name);
	host_entry.h_name = host_name;
	host_entry.h_aliases = host_aliases;
	host_entry.h_addrtype = family;
	host_entry.h_length = family == AF_INET ? 4 : 16;
	memcpy(host_addr, addr, host_entry.h_length);
	host_addrs[0] = host_addr;
	host_addrs[1] = NULL;
	host_entry.h_addr_list = host_addrs;
	return &host_entry;
}

struct hostent *gethostbyname2(const char *name, int family) {
	struct in_addr v4;
	struct in6_addr v6;
	if (family != AF_INET && family != AF_INET6) {
		errno = EAFNOSUPPORT;
		h_errno = NO_RECOVERY;
		return NULL;
	}
	if (family == AF_INET && inet_pton(AF_INET, name, &v4) == 1) return host_of(name, AF_INET, &v4);
	if (family == AF_INET6 && inet_pton(AF_INET6, name, &v6) == 1) return host_of(name, AF_INET6, &v6);
	if (is_local_name(name)) {
		v4.s_addr = htonl(INADDR_LOOPBACK);
		return family == AF_INET ? host_of("localhost", AF_INET, &v4) : host_of("localhost", AF_INET6, &in6addr_loopback);
	}
	h_errno = HOST_NOT_FOUND;
	return NULL;
}

struct hostent *gethostbyname(const char *name) { return gethostbyname2(name, AF_INET); }

struct hostent *gethostbyaddr(const void *addr, socklen_t len, int family) {
	if ((family == AF_INET && len == 4 && ((const struct in_addr *)addr)->s_addr == htonl(INADDR_LOOPBACK)) ||
		(family == AF_INET6 && len == 16 && memcmp(addr, &in6addr_loopback, 16) == 0))
		return host_of("localhost", family, addr);
	h_errno = HOST_NOT_FOUND;
	return NULL;
}

struct hostent *gethostent(void) { return NULL; }
void sethostent(int stayopen) { (void)stayopen; }
void endhostent(void) {}

const char *hstrerror(int e) {
	switch (e) {
	case 0: return "Resolver Error 0 (no error)";
	case HOST_NOT_FOUND: return "Unknown host";
	case TRY_AGAIN: return "Host name lookup failure";
	case NO_RECOVERY: return "Unknown server error";
	case NO_DATA: return "No address associated with name";
	default: return "Unknown resolver error";
	}
}

void herror(const char *s) {
	if (s != NULL && *s != '\0') fprintf(stderr, "%s: %s\n", s, hstrerror(h_errno));
	else fprintf(stderr, "%s\n", hstrerror(h_errno));
}

/* ---- networks: none are known ---- */

struct netent *getnetbyname(const char *name) { (void)name; return NULL; }
struct netent *getnetbyaddr(uint32_t net, int type) { (void)net; (void)type; return NULL; }
struct netent *getnetent(void) { return NULL; }
void setnetent(int stayopen) { (void)stayopen; }
void endnetent(void) {}

/* ---- protocols and services, from the tables above ---- */

static struct protoent proto_entry;
static char *no_aliases[1];
static size_t proto_next;

static struct protoent *proto_of(const struct protocol *p) {
	proto_entry.p_name = (char *)p->name;
	proto_entry.p_aliases = no_aliases;
	proto_entry.p_proto = p->number;
	return &proto_entry;
}

struct protoent *getprotobyname(const char *name) {
	for (size_t i = 0; i < NPROTOCOLS; i++)
		if (strcmp(protocols[i].name, name) == 0) return proto_of(&protocols[i]);
	return NULL;
}

struct protoent *getprotobynumber(int number) {
	for (size_t i = 0; i < NPROTOCOLS; i++)
		if (protocols[i].number == number) return proto_of(&protocols[i]);
	return NULL;
}

struct protoent *getprotoent(void) { return proto_next < NPROTOCOLS ? proto_of(&protocols[proto_next++]) : NULL; }
void setprotoent(int stayopen) { (void)stayopen; proto_next = 0; }
void endprotoent(void) { proto_next = 0; }

static struct servent serv_entry;
static size_t serv_next;

static struct servent *serv_of(const struct service *s) {
	serv_entry.s_name = (char *)s->name;
	serv_entry.s_aliases = no_aliases;
	serv_entry.s_port = htons(s->port);
	serv_entry.s_proto = (char *)s->proto;
	return &serv_entry;
}

struct servent *getservbyname(const char *name, const char *proto) {
	for (size_t i = 0; i < NSERVICES; i++)
		if (strcmp(services[i].name, name) == 0 && (proto == NULL || strcmp(services[i].proto, proto) == 0)) return serv_of(&services[i]);
	return NULL;
}

/* `port` in network order, as POSIX passes it. */
struct servent *getservbyport(int port, const char *proto) {
	for (size_t i = 0; i < NSERVICES; i++)
		if (htons(services[i].port) == port && (proto == NULL || strcmp(services[i].proto, proto) == 0)) return serv_of(&services[i]);
	return NULL;
}

struct servent *getservent(void) { return serv_next < NSERVICES ? serv_of(&services[serv_next++]) : NULL; }
void setservent(int stayopen) { (void)stayopen; serv_next = 0; }
void endservent(void) { serv_next = 0; }
