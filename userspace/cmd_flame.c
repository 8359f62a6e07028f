#include "commands.h"
int cmd_flame(int argc, char **argv) { (void)argc; (void)argv; return EXIT_FAIL; }
