// Clocks, sleeping, poll timeouts, random bytes, sched_yield: prints only what every correct
// runtime agrees on (checks, not values).
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

static long long ns(clockid_t c) {
    struct timespec t;
    if (clock_gettime(c, &t)) return -1;
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int failures;
static void check(const char *what, int ok) {
    printf("%s: %s\n", what, ok ? "ok" : "FAILED");
    if (!ok) failures++;
}

int main(void) {
    long long real = ns(CLOCK_REALTIME);
    check("realtime after 2020", real > 1577836800LL * 1000000000LL);
    long long m1 = ns(CLOCK_MONOTONIC);
    struct timespec d = {0, 20 * 1000000};
    check("nanosleep", nanosleep(&d, NULL) == 0);
    long long m2 = ns(CLOCK_MONOTONIC);
    check("monotonic advanced >= 20ms", m2 - m1 >= 20000000LL);
    check("monotonic advanced < 5s", m2 - m1 < 5000000000LL);
    long long c1 = ns(CLOCK_PROCESS_CPUTIME_ID);
    volatile double x = 0;
    for (int i = 0; i < 2000000; i++) x += i * 0.5;
    long long c2 = ns(CLOCK_PROCESS_CPUTIME_ID);
    if (x < 0) printf("impossible\n");
    check("process cputime readable", c1 >= 0 && c2 >= c1);
    check("thread cputime readable", ns(CLOCK_THREAD_CPUTIME_ID) >= 0);
    struct timespec res;
    check("clock_getres realtime", clock_getres(CLOCK_REALTIME, &res) == 0 && res.tv_sec == 0 && res.tv_nsec > 0);
    check("clock_getres monotonic", clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_nsec > 0);
    long long p1 = ns(CLOCK_MONOTONIC);
    check("poll timeout", poll(NULL, 0, 15) == 0);
    check("poll waited >= 15ms", ns(CLOCK_MONOTONIC) - p1 >= 15000000LL);
    check("time()", time(NULL) > 1577836800);
    unsigned char a[64] = {0}, b[64] = {0};
    check("getentropy", getentropy(a, sizeof a) == 0 && getentropy(b, sizeof b) == 0);
    check("random bytes differ", memcmp(a, b, sizeof a) != 0);
    int nonzero = 0;
    for (size_t i = 0; i < sizeof a; i++) nonzero += a[i] != 0;
    check("random bytes not zero", nonzero > 32);
    check("arc4random", arc4random() != arc4random() || arc4random() != arc4random());
    check("sched_yield", sched_yield() == 0);
    printf("failures=%d\n", failures);
    return failures;
}
