/* true: does nothing, successfully (GNU's ignores its arguments, --help and --version aside). */
#include "util.h"

int true_main(int argc, char **argv) {
	(void)argc;
	(void)argv;
	return 0;
}
