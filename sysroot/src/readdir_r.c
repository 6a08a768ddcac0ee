/* readdir_r: readdir's next entry copied into the caller's; 0 with *result NULL at the end, the
 * error number (not -1) when reading fails, and errno left as it was, as glibc does. */
#include <dirent.h>
#include <errno.h>
#include <string.h>

int readdir_r(DIR *restrict dir, struct dirent *restrict entry, struct dirent **restrict result) {
	int saved = errno;
	errno = 0;
	struct dirent *e = readdir(dir);
	int error = errno;
	errno = saved;
	if (e == NULL) {
		*result = NULL;
		return error;
	}
	size_t len = strlen(e->d_name);
	if (len >= sizeof entry->d_name) {
		*result = NULL;
		return ENAMETOOLONG;
	}
	entry->d_ino = e->d_ino;
	entry->d_type = e->d_type;
	memcpy(entry->d_name, e->d_name, len + 1);
	*result = entry;
	return 0;
}
