// hello for the start-up benchmark: the libc twin of guests/src/hello.c.
#include <stdio.h>

int main(void) {
    fputs("hello, world\n", stdout);
    return 0;
}
