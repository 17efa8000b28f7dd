// cat with stdio: each argument is fopen'ed and copied to stdout ("-" is opened by name, like any
// other); no arguments copies stdin. Errors go to stderr, status 1.
#include <errno.h>
#include <stdio.h>
#include <string.h>

static int copy(FILE *in) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
        if (fwrite(buf, 1, n, stdout) != n) return -1;
    }
    return ferror(in) ? -1 : 0;
}

int main(int argc, char **argv) {
    int status = 0;
    if (argc < 2) return copy(stdin) ? 1 : 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
            status = 1;
            continue;
        }
        if (copy(f)) status = 1;
        if (f != stdin) fclose(f);
    }
    fprintf(stderr, "cat: done\n");
    return status;
}
