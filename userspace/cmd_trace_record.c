#include "commands.h"
int cmd_trace_record(int argc, char **argv) { (void)argc; (void)argv; return EXIT_FAIL; }
