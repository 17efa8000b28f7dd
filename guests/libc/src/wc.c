/* wc.wasm [-l] [-w] [-c] [--total=WHEN] INPUT... OUTPUT — newline, word and byte counts of each
 * INPUT, as GNU wc prints them in the C locale, with wasi-libc (the freestanding SDK's guests/src/wc.c
 * is the same program without libc). A word is a run of bytes other than white space holding at
 * least one printable byte; each line ends with the input's name, which the host renders (the
 * program never learns it). Counts are right-aligned to the width of the total byte count, as GNU
 * wc aligns them when every input is a regular file. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "iotypes-libc.h"

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

struct counts {
    uint64_t lines, words, bytes;
    bool ok;
};

/* Counts one input to its end; false if it failed. */
static bool count(iot_input in, struct counts *c) {
    static unsigned char buf[64 * 1024];
    FILE *file = iot_input_file(in);
    if (file == NULL) return false;
    bool in_word = false, printable = false;
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, file)) > 0) {
        c->bytes += n;
        for (size_t i = 0; i < n; i++) {
            unsigned char b = buf[i];
            if (b == ' ' || (b >= '\t' && b <= '\r')) {
                c->lines += b == '\n';
                if (in_word && printable) c->words++;
                in_word = printable = false;
            } else {
                in_word = true;
                printable |= b > ' ' && b < 0x7f;
            }
        }
    }
    if (in_word && printable) c->words++;
    c->ok = !ferror(file);
    fclose(file);
    return c->ok;
}

/* The counts asked for, " "-separated, each right-aligned in `width` columns. */
static void print(FILE *out, const struct counts *c, const bool shown[3], int width) {
    const uint64_t values[3] = {c->lines, c->words, c->bytes};
    const char *sep = "";
    for (int i = 0; i < 3; i++) {
        if (!shown[i]) continue;
        fprintf(out, "%s%*llu", sep, width, (unsigned long long)values[i]);
        sep = " ";
    }
}

IOT_EXPORT("main") int32_t wc_main(int32_t bytes, int32_t lines, int32_t words, int32_t total,
                                   iot_input first, int32_t inputs, iot_output out) {
    bool shown[3] = {lines != 0, words != 0, bytes != 0};
    if (!shown[0] && !shown[1] && !shown[2]) shown[0] = shown[1] = shown[2] = true;
    struct counts *each = calloc(inputs > 0 ? (size_t)inputs : 1, sizeof *each);
    FILE *file = iot_output_file(out);
    if (each == NULL || file == NULL) {
        iot_report("memory exhausted");
        return IOT_ERR;
    }
    bool ok = true;
    struct counts sum = {0, 0, 0, true};
    for (int32_t i = 0; i < inputs; i++) {
        if (!count(first + i, &each[i])) {
            iot_report_input(first + i, "read error");
            ok = false;
            continue;
        }
        sum.lines += each[i].lines;
        sum.words += each[i].words;
        sum.bytes += each[i].bytes;
    }
    int width = 1;
    if (!(inputs == 1 && shown[0] + shown[1] + shown[2] == 1)) {
        for (uint64_t rest = sum.bytes; rest >= 10; rest /= 10) width++;
    }
    for (int32_t i = 0; total != TOTAL_ONLY && i < inputs; i++) {
        if (!each[i].ok) continue;
        print(file, &each[i], shown, width);
        putc(' ', file);
        fflush(file); /* the name goes straight to the output, after what is buffered */
        iot_pseudonym name = iot_input_pseudonym(first + i);
        iot_render_pseudonym(out, name);
        iot_pseudonym_drop(name);
        putc('\n', file);
    }
    if (total == TOTAL_ALWAYS || total == TOTAL_ONLY || (total == TOTAL_AUTO && inputs > 1)) {
        print(file, &sum, shown, width);
        fputs(total == TOTAL_ONLY ? "\n" : " total\n", file);
    }
    if (fflush(file) != 0 || ferror(file)) {
        iot_report_output(out, "write error");
        ok = false;
    }
    fclose(file);
    free(each);
    return ok ? IOT_OK : IOT_ERR;
}
