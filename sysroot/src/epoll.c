/* epoll on top of the host's ppoll (src/libc/l4posix_ppoll.ts). An instance's descriptor is a
 * host object of its own (l4posix eventfd with EFD_L4_EPOLL: never ready, unreadable), so it is
 * closed, dup'ed and inherited like any descriptor; its interest list lives here, found by the
 * descriptor's inode, so a dup'ed descriptor reaches the same list. Limits: after fork each
 * process has its own copy of the list (Linux shares it); an entry whose descriptor was closed
 * is dropped when poll reports it invalid (Linux drops it when the file's last descriptor
 * closes); nested epoll instances are refused (EINVAL); EPOLLET is delivered level-triggered. */
#define _GNU_SOURCE
#include <sys/epoll.h>
#include <sys/stat.h>
#include <poll.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <l4posix.h>

L4POSIX_IMPORT(eventfd) int __l4posix_eventfd(unsigned initval, int flags);
L4POSIX_IMPORT(ppoll) int __l4posix_ppoll(struct pollfd *, unsigned, const struct timespec *, const sigset_t *);

/* src/libc/l4posix_eventfd.ts: the object is an epoll instance. */
#define EFD_L4_EPOLL 0x100

/* The events that mean the same for epoll and poll, and those reported whether asked for or not. */
#define EPOLL_POLLABLE (EPOLLIN | EPOLLPRI | EPOLLOUT | EPOLLRDNORM | EPOLLRDBAND | EPOLLWRNORM | EPOLLWRBAND | EPOLLRDHUP)
#define EPOLL_ALWAYS (EPOLLERR | EPOLLHUP)
#define EPOLL_FLAGS (EPOLLET | EPOLLONESHOT | EPOLLEXCLUSIVE | EPOLLWAKEUP)

struct interest {
	int fd;
	uint32_t events;
	epoll_data_t data;
	int disabled; /* EPOLLONESHOT reported, waiting for EPOLL_CTL_MOD */
};

struct instance {
	dev_t dev;
	ino_t ino;
	struct interest *items;
	size_t n, cap;
	size_t next; /* where the next wait starts looking, so no ready entry starves */
	struct instance *link;
};

static struct instance *instances;

/* The instance `epfd` names: NULL with EBADF for a closed descriptor, EINVAL for another kind. */
static struct instance *lookup(int epfd) {
	struct stat st;
	if (fstat(epfd, &st) != 0) return NULL;
	for (struct instance *i = instances; i != NULL; i = i->link) {
		if (i->dev == st.st_dev && i->ino == st.st_ino) return i;
	}
	errno = EINVAL;
	return NULL;
}

int epoll_create1(int flags) {
	if ((flags & ~EPOLL_CLOEXEC) != 0) {
		errno = EINVAL;
		return -1;
	}
	struct instance *i = calloc(1, sizeof *i);
	if (i == NULL) return -1;
	int fd = l4posix_ret(__l4posix_eventfd(0, EFD_L4_EPOLL | (flags & EPOLL_CLOEXEC)));
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		int e = errno;
		if (fd >= 0) close(fd);
		free(i);
		errno = e;
		return -1;
	}
	i->dev = st.st_dev;
	i->ino = st.st_ino;
	i->link = instances;
	instances = i;
	return fd;
}

int epoll_create(int size) {
	if (size <= 0) {
		errno = EINVAL;
		return -1;
	}
	return epoll_create1(0);
}

static struct interest *find(struct instance *i, int fd) {
	for (size_t k = 0; k < i->n; k++) {
		if (i->items[k].fd == fd) return &i->items[k];
	}
	return NULL;
}

int epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev) {
	struct instance *i = lookup(epfd);
	if (i == NULL) return -1;
	struct stat st;
	if (fstat(fd, &st) != 0) return -1;
	/* The same descriptor, another epoll instance (nesting is not supported) or a bad op. */
	if (fd == epfd || lookup(fd) != NULL || (op != EPOLL_CTL_ADD && op != EPOLL_CTL_DEL && op != EPOLL_CTL_MOD)) {
		errno = EINVAL;
		return -1;
	}
	/* Linux: regular files and directories are always ready, so epoll refuses them. */
	if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)) {
		errno = EPERM;
		return -1;
	}
	struct interest *it = find(i, fd);
	if (op == EPOLL_CTL_DEL) {
		if (it == NULL) {
			errno = ENOENT;
			return -1;
		}
		*it = i->items[--i->n];
		return 0;
	}
	if (ev == NULL) {
		errno = EFAULT;
		return -1;
	}
	if (op == EPOLL_CTL_ADD) {
		if (it != NULL) {
			errno = EEXIST;
			return -1;
		}
		if (i->n == i->cap) {
			size_t cap = i->cap ? i->cap * 2 : 8;
			struct interest *items = realloc(i->items, cap * sizeof *items);
			if (items == NULL) return -1;
			i->items = items;
			i->cap = cap;
		}
		it = &i->items[i->n++];
		it->fd = fd;
	} else {
		if (it == NULL) {
			errno = ENOENT;
			return -1;
		}
		/* Linux: EPOLLEXCLUSIVE is for EPOLL_CTL_ADD only. */
		if ((ev->events & EPOLLEXCLUSIVE) != 0) {
			errno = EINVAL;
			return -1;
		}
	}
	it->events = ev->events;
	it->data = ev->data;
	it->disabled = 0;
	return 0;
}

/* epoll's request bits as poll's (the values differ: wasi-libc's poll.h numbers its own). */
static short to_poll(uint32_t ev) {
	short p = 0;
	if (ev & (EPOLLIN | EPOLLRDNORM)) p |= POLLIN;
	if (ev & (EPOLLOUT | EPOLLWRNORM)) p |= POLLOUT;
	if (ev & (EPOLLPRI | EPOLLRDBAND)) p |= POLLPRI;
	return p;
}

/* What poll found, as the epoll bits the entry asked for (errors and hang-ups always). */
static uint32_t from_poll(short r, uint32_t asked) {
	uint32_t e = 0;
	if (r & POLLIN) e |= EPOLLIN | EPOLLRDNORM;
	if (r & POLLOUT) e |= EPOLLOUT | EPOLLWRNORM;
	if (r & POLLPRI) e |= EPOLLPRI | EPOLLRDBAND;
	if (r & POLLHUP) e |= EPOLLHUP | EPOLLRDHUP;
	if (r & POLLERR) e |= EPOLLERR;
	return e & ((asked & EPOLL_POLLABLE) | EPOLL_ALWAYS);
}

/* One ppoll over the enabled entries; the number of events written (0 when none was ready). */
static int collect(struct instance *i, struct epoll_event *out, int max, const struct timespec *timeout, const sigset_t *mask) {
	size_t n = i->n;
	struct pollfd *p = malloc((n ? n : 1) * sizeof *p);
	if (p == NULL) return -1;
	/* Entries in the order the wait looks at them, starting at i->next. */
	for (size_t k = 0; k < n; k++) {
		struct interest *it = &i->items[(i->next + k) % n];
		p[k].fd = it->disabled ? -1 : it->fd;
		p[k].events = to_poll(it->events);
		p[k].revents = 0;
	}
	int r = __l4posix_ppoll(p, (unsigned)n, timeout, mask);
	if (r < 0) {
		free(p);
		errno = -r;
		return -1;
	}
	int got = 0;
	size_t last = 0;
	int gone = 0;
	for (size_t k = 0; k < n && r > 0 && got < max; k++) {
		if (p[k].revents == 0) continue;
		r--;
		struct interest *it = &i->items[(i->next + k) % n];
		if (p[k].revents & POLLNVAL) {
			/* Closed behind epoll's back: Linux forgets such an entry, so does this list. */
			it->fd = -1;
			gone = 1;
			continue;
		}
		uint32_t e = from_poll(p[k].revents, it->events);
		if (e == 0) continue;
		out[got].events = e;
		out[got].data = it->data;
		got++;
		last = k;
		if (it->events & EPOLLONESHOT) it->disabled = 1;
	}
	if (got > 0 && n > 0) i->next = (i->next + last + 1) % n;
	free(p);
	if (gone) {
		size_t w = 0;
		for (size_t k = 0; k < i->n; k++) if (i->items[k].fd >= 0) i->items[w++] = i->items[k];
		i->n = w;
		i->next = 0;
	}
	return got;
}

static int64_t now_ms(void) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int epoll_pwait(int epfd, struct epoll_event *events, int maxevents, int timeout, const sigset_t *mask) {
	struct instance *i = lookup(epfd);
	if (i == NULL) return -1;
	if (maxevents <= 0 || events == NULL) {
		errno = maxevents <= 0 ? EINVAL : EFAULT;
		return -1;
	}
	int64_t deadline = timeout > 0 ? now_ms() + timeout : 0;
	for (;;) {
		struct timespec ts, *tp = NULL;
		if (timeout >= 0) {
			int64_t left = timeout == 0 ? 0 : deadline - now_ms();
			if (left < 0) left = 0;
			ts.tv_sec = left / 1000;
			ts.tv_nsec = (long)(left % 1000) * 1000000;
			tp = &ts;
		}
		int got = collect(i, events, maxevents, tp, mask);
		if (got != 0) return got;
		/* Nothing to report (only entries that vanished or answered with events not asked for): wait on. */
		if (timeout == 0 || (timeout > 0 && now_ms() >= deadline)) return 0;
	}
}

int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout) {
	return epoll_pwait(epfd, events, maxevents, timeout, NULL);
}
