/* confined.wasm --name NAME [--status N] IN — what a libc typed main can reach of the host, for
 * the host's tests: it tries to open NAME for reading and for writing, writes to stdout and reads
 * stdin, saying on libc's stderr what each attempt gave, and the variable GREETING; then reports an error about IN through
 * its pseudonym, and ends with exit(N) if N is not 0 (proc_exit), else returns err. Never succeeds:
 * a run that returns ok would mean it reached something. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "iotypes-libc.h"

IOT_MAIN("main: func(name: string, status: u32, input: input-stream) -> result");

static void attempt(const char *what, const char *name, const char *mode) {
    errno = 0;
    FILE *f = fopen(name, mode);
    if (f != NULL) {
        fprintf(stderr, "%s %s: opened\n", what, name);
        fclose(f);
    } else {
        fprintf(stderr, "%s %s: %s\n", what, name, strerror(errno));
    }
}

IOT_EXPORT("main") int32_t confined_main(iot_input name_stream, uint32_t status, iot_input in) {
    size_t len;
    int32_t st;
    char *name = iot_read_all(name_stream, &len, &st);
    if (name == NULL) return IOT_ERR;
    attempt("fopen", name, "r");
    attempt("create", name, "w");
    errno = 0;
    if (fputs("to stdout\n", stdout) == EOF || fflush(stdout) == EOF)
        fprintf(stderr, "stdout: %s\n", strerror(errno));
    errno = 0;
    if (getchar() == EOF) fprintf(stderr, "stdin: %s\n", ferror(stdin) ? strerror(errno) : "end");
    const char *greeting = getenv("GREETING");
    fprintf(stderr, "GREETING=%s\n", greeting != NULL ? greeting : "(unset)");
    iot_report_input(in, "cannot use this input");
    free(name);
    if (status != 0) exit((int)status);
    return IOT_ERR;
}
