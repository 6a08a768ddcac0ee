/* dlfcn: a wasm module cannot load another one into itself, so dynamic loading always fails
 * cleanly (NULL and a reason in dlerror) instead of failing to link. */
#include <dlfcn.h>
#include <stdio.h>

/* The pending error, reported once by dlerror (POSIX: a second call returns NULL). */
static const char *pending;
static char message[256];

static void fail(const char *what, const char *name) {
	snprintf(message, sizeof message, "%s%s%s", name ? name : "", name ? ": " : "", what);
	pending = message;
}

void *dlopen(const char *file, int mode) {
	(void)mode;
	fail(file ? "dynamic loading is not supported (l4wasm: programs are single wasm modules)"
	          : "no dynamic symbol table (l4wasm: programs are single wasm modules)", file);
	return NULL;
}

void *dlsym(void *restrict handle, const char *restrict name) {
	if (handle == RTLD_DEFAULT || handle == RTLD_NEXT) fail("symbol not found (l4wasm has no dynamic symbol table)", name);
	else fail("invalid handle", NULL);
	return NULL;
}

int dlclose(void *handle) {
	(void)handle;
	/* No handle was ever returned, so every handle is unknown. */
	fail("invalid handle", NULL);
	return -1;
}

char *dlerror(void) {
	const char *e = pending;
	pending = NULL;
	return (char *)e;
}
