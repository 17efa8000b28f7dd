// The time and some random bytes as a WASI command sees them: with `iotypes run --clock
// fixed:2024-01-01T00:00:00Z --seed 42` every line is the same on every run (a sleep moves the
// stopped clock instead of waiting); without, the host's time and a secure random.
#include <poll.h>
#include <stdio.h>
#include <sys/random.h>
#include <time.h>

static void at(const char *what, clockid_t id) {
    struct timespec t;
    if (clock_gettime(id, &t) != 0) {
        printf("%s failed\n", what);
        return;
    }
    printf("%s %lld.%09ld\n", what, (long long)t.tv_sec, t.tv_nsec);
}

int main(void) {
    at("realtime", CLOCK_REALTIME);
    at("monotonic", CLOCK_MONOTONIC);
    at("process cputime", CLOCK_PROCESS_CPUTIME_ID);
    struct timespec nap = {2, 0};
    nanosleep(&nap, NULL);
    at("after nanosleep 2s", CLOCK_REALTIME);
    poll(NULL, 0, 100);
    at("after poll 100ms", CLOCK_MONOTONIC);
    unsigned char bytes[16];
    if (getentropy(bytes, sizeof bytes) != 0) return 1;
    printf("getentropy ");
    for (size_t i = 0; i < sizeof bytes; i++) printf("%02x", bytes[i]);
    printf("\n");
    return 0;
}
