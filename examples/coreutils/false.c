/* false: does nothing, unsuccessfully. */
#include "util.h"

int false_main(int argc, char **argv) {
	(void)argc;
	(void)argv;
	return 1;
}
