/* stamp.wasm OUTPUT — the time and some random bytes, told through libc (clock_gettime, time,
 * nanosleep, poll, getentropy) in a typed main that was handed a clock and a random source: libc
 * reads those handles, so `iotypes run --clock fixed:2024-01-01T00:00:00Z --seed 42` prints the
 * same lines on every run, and the handles' own readings agree with libc's. */
#include <poll.h>
#include <stdio.h>
#include <sys/random.h>
#include <time.h>

#include "iotypes-libc.h"

IOT_MAIN("/// Print the time and random bytes as libc sees them, then as the handles do.");
IOT_MAIN("main: func(clock: clock, random: random, output: output-stream) -> result");

static void hex(FILE *f, const char *what, const unsigned char *bytes, size_t n) {
    fprintf(f, "%s ", what);
    for (size_t i = 0; i < n; i++) fprintf(f, "%02x", bytes[i]);
    fprintf(f, "\n");
}

static void at(FILE *f, const char *what, clockid_t id) {
    struct timespec t;
    if (clock_gettime(id, &t) != 0) {
        fprintf(f, "%s failed\n", what);
        return;
    }
    fprintf(f, "%s %lld.%09ld\n", what, (long long)t.tv_sec, t.tv_nsec);
}

IOT_EXPORT("main") int32_t stamp_main(iot_clock clock, iot_random random, iot_output out) {
    FILE *f = iot_output_file(out);
    if (f == NULL) return IOT_ERR;
    at(f, "realtime", CLOCK_REALTIME);
    at(f, "monotonic", CLOCK_MONOTONIC);
    fprintf(f, "time %lld\n", (long long)time(NULL));
    struct timespec nap = {1, 500000000};
    nanosleep(&nap, NULL);
    at(f, "after nanosleep 1.5s", CLOCK_REALTIME);
    poll(NULL, 0, 250);
    at(f, "after poll 250ms", CLOCK_MONOTONIC);
    fprintf(f, "handle monotonic %lld\n", (long long)iot_clock_monotonic_now(clock));
    unsigned char bytes[16];
    if (getentropy(bytes, sizeof bytes) != 0) return IOT_ERR;
    hex(f, "getentropy", bytes, sizeof bytes);
    iot_random_fill(random, bytes, sizeof bytes);
    hex(f, "random-fill", bytes, sizeof bytes);
    return fclose(f) == 0 ? IOT_OK : IOT_ERR;
}
