/* stamp.wasm [--bytes N] OUT — writes the run's wall-clock time (ISO-8601, UTC, nanoseconds)
 * and N random bytes in hex: `2024-01-01T00:00:00.000000000Z 1f0e...`. With `--clock fixed:...
 * --seed S` the line is the same on every run. */
#include "iotypes.h"

IOT_MAIN("/// Print the wall-clock time and random bytes in hex.");
IOT_MAIN("main: func(");
IOT_MAIN("  /// -n, --bytes: how many random bytes (at most 64)");
IOT_MAIN("  /// default: 16");
IOT_MAIN("  bytes: u8,");
IOT_MAIN("  clock: clock,");
IOT_MAIN("  random: random,");
IOT_MAIN("  output: output-stream) -> result");

static void put(char *line, uint32_t *at, uint64_t v, uint32_t width) {
    for (uint32_t i = width; i > 0; i--, v /= 10) line[*at + i - 1] = (char)('0' + v % 10);
    *at += width;
}

/* Days since 1970-01-01 to a civil date (Howard Hinnant's days_from_civil, inverted). */
static void civil(int64_t days, int64_t *y, uint32_t *m, uint32_t *d) {
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    uint32_t doe = (uint32_t)(days - era * 146097);
    uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    uint32_t mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

IOT_EXPORT("main") int32_t iot_main(uint32_t bytes, iot_clock clock, iot_random random,
                                    iot_output out) {
    static const char hex[] = "0123456789abcdef";
    char line[64 + 1 + 2 * 64 + 1];
    uint8_t noise[64];
    uint32_t at = 0;
    iot_wall_time now = iot_clock_wall_now(clock);
    int64_t days = now.secs >= 0 ? now.secs / 86400 : (now.secs - 86399) / 86400;
    int64_t rest = now.secs - days * 86400;
    int64_t year;
    uint32_t month, day;
    civil(days, &year, &month, &day);
    if (year < 0 || year > 9999) return IOT_ERR;
    put(line, &at, (uint64_t)year, 4);
    line[at++] = '-';
    put(line, &at, month, 2);
    line[at++] = '-';
    put(line, &at, day, 2);
    line[at++] = 'T';
    put(line, &at, (uint64_t)rest / 3600, 2);
    line[at++] = ':';
    put(line, &at, (uint64_t)rest / 60 % 60, 2);
    line[at++] = ':';
    put(line, &at, (uint64_t)rest % 60, 2);
    line[at++] = '.';
    put(line, &at, (uint64_t)now.nanos, 9);
    line[at++] = 'Z';
    if (bytes > sizeof noise) bytes = sizeof noise;
    iot_random_fill(random, noise, bytes);
    line[at++] = ' ';
    for (uint32_t i = 0; i < bytes; i++) {
        line[at++] = hex[noise[i] >> 4];
        line[at++] = hex[noise[i] & 15];
    }
    line[at++] = '\n';
    return iot_finish(out, iot_write_all(out, line, at) == IOT_OPEN);
}
