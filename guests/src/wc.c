/* wc.wasm [-lwc] [--total=WHEN] [INPUT]... OUTPUT — one line per input, "LINES WORDS BYTES NAME",
 * then a total line when there is more than one input, as GNU wc (coreutils 9.1) prints them in
 * the C locale: NAME is the input's pseudonym (the argument as the user typed it); the counts
 * are right-aligned to the width of the total byte count, which is GNU's width when every input
 * is a regular file (it widens to 7 for pipes, which a guest cannot tell apart); one count of
 * one input is not padded. Lines are '\n' bytes; a word is a run of bytes other than space, \t,
 * \n, \v, \f, \r that holds at least one printable byte (0x21..0x7E). --total=WHEN is GNU wc
 * 9.2's. An input that fails is left out, and the result is err. */
#include "iotypes.h"
#include "wordcount.h"

IOT_MAIN("enum when { auto, always, only, never }");
IOT_MAIN("/// Print newline, word, and byte counts for each INPUT, and a total line if more than");
IOT_MAIN("/// one INPUT is given. A word is a nonempty sequence of printable characters delimited");
IOT_MAIN("/// by white space. With no option, print lines, words and bytes, in that order.");
IOT_MAIN("main: func(");
IOT_MAIN("  /// -c, --bytes: print the byte counts");
IOT_MAIN("  bytes: bool,");
IOT_MAIN("  /// -l, --lines: print the newline counts");
IOT_MAIN("  lines: bool,");
IOT_MAIN("  /// -w, --words: print the word counts");
IOT_MAIN("  words: bool,");
IOT_MAIN("  /// when to print a line with total counts: with more than one INPUT (auto),");
IOT_MAIN("  /// always, only (without the word total), or never");
IOT_MAIN("  /// default: auto");
IOT_MAIN("  total: when,");
IOT_MAIN("  /// the inputs to count, each named in its line");
IOT_MAIN("  inputs: list<input-stream>,");
IOT_MAIN("  /// where the counts go");
IOT_MAIN("  output: output-stream");
IOT_MAIN(") -> result");

enum { TOTAL_AUTO, TOTAL_ALWAYS, TOTAL_ONLY, TOTAL_NEVER };

#define MAX_INPUTS 16384

typedef struct {
    uint64_t lines, words, bytes;
    int ok;
} counts;

static counts each[MAX_INPUTS];
static uint8_t buf[64 * 1024];

static int count(iot_input in, counts *c) {
    iot_wordcount state = {0, 0, 0};
    uint64_t bytes = 0;
    iot_rw32 r;
    do {
        r = iot_input_read(in, buf, sizeof buf);
        bytes += (uint32_t)r.count;
        iot_wordcount_add(&state, buf, (uint32_t)r.count);
    } while (r.status == IOT_OPEN);
    c->lines = state.lines;
    c->words = state.words;
    c->bytes = bytes;
    c->ok = r.status == IOT_ENDED;
    return c->ok;
}

/* " %*llu" for every count but the first, as GNU's write_counts. */
static int write_counts(iot_output out, const counts *c, int l, int w, int b, uint32_t width) {
    int first = 1;
    uint64_t values[3] = {c->lines, c->words, c->bytes};
    int shown[3] = {l, w, b};
    for (int i = 0; i < 3; i++) {
        if (!shown[i]) continue;
        if (!first && iot_write_str(out, " ") != IOT_OPEN) return 0;
        if (iot_write_u64_width(out, values[i], width) != IOT_OPEN) return 0;
        first = 0;
    }
    return 1;
}

IOT_EXPORT("main") int32_t iot_main(int32_t bytes, int32_t lines, int32_t words, int32_t total,
                                    iot_input first, int32_t n, iot_output out) {
    iot_inputs inputs = {first, n};
    if (!bytes && !lines && !words) bytes = lines = words = 1;
    if (inputs.count > MAX_INPUTS) return iot_finish(out, 0);

    int ok = 1;
    counts sum = {0, 0, 0, 1};
    for (int32_t i = 0; i < inputs.count; i++) {
        if (!count(iot_inputs_at(inputs, i), &each[i])) {
            ok = 0;
            continue;
        }
        sum.lines += each[i].lines;
        sum.words += each[i].words;
        sum.bytes += each[i].bytes;
    }

    uint32_t width = 1;
    if (!(inputs.count == 1 && lines + words + bytes == 1)) {
        for (uint64_t rest = sum.bytes; rest >= 10; rest /= 10) width++;
    }
    int totals = total == TOTAL_ALWAYS || total == TOTAL_ONLY ||
                 (total == TOTAL_AUTO && inputs.count > 1);
    int written = 1;
    for (int32_t i = 0; written && total != TOTAL_ONLY && i < inputs.count; i++) {
        if (!each[i].ok) continue;
        written = write_counts(out, &each[i], lines, words, bytes, width) &&
                  iot_write_str(out, " ") == IOT_OPEN &&
                  iot_write_input_name(out, iot_inputs_at(inputs, i)) == IOT_OPEN &&
                  iot_write_str(out, "\n") == IOT_OPEN;
    }
    if (written && totals) {
        written = write_counts(out, &sum, lines, words, bytes, width) &&
                  iot_write_str(out, total == TOTAL_ONLY ? "\n" : " total\n") == IOT_OPEN;
    }
    return iot_finish(out, ok && written);
}
