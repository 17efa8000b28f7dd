// cat for the benchmarks: stdin to stdout with a 64 KiB read/write loop, plain wasi-libc (the
// read/write calls are fd_read/fd_write). Status 1 on a read or write error.
#include <unistd.h>

static char buf[64 * 1024];

int main(void) {
    for (;;) {
        ssize_t n = read(0, buf, sizeof buf);
        if (n == 0) return 0;
        if (n < 0) return 1;
        for (ssize_t done = 0; done < n;) {
            ssize_t w = write(1, buf + done, (size_t)(n - done));
            if (w < 0) return 1;
            done += w;
        }
    }
}
