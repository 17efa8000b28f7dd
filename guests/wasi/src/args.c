// argv, environ and exit codes: prints every argument and environment entry, checks getenv,
// then exits with the status given as "exit=N" (default 0).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv) {
    int status = 0;
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++) {
        printf("argv[%d]=%s\n", i, argv[i]);
        if (strncmp(argv[i], "exit=", 5) == 0) status = atoi(argv[i] + 5);
    }
    int n = 0;
    for (char **e = environ; *e; e++) printf("env[%d]=%s\n", n++, *e);
    printf("envc=%d\n", n);
    const char *greeting = getenv("GREETING");
    printf("GREETING=%s\n", greeting ? greeting : "(unset)");
    printf("HOME=%s\n", getenv("HOME") ? getenv("HOME") : "(unset)");
    printf("PATH=%s\n", getenv("PATH") ? getenv("PATH") : "(unset)");
    fflush(stdout);
    if (status == 99) __builtin_trap();
    exit(status);
}
