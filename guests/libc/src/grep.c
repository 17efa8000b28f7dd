/* grep.wasm [-i] [-c] [-n] PATTERN INPUT... OUTPUT — the lines of each INPUT that contain
 * PATTERN, a fixed string, like `grep -F` in the C locale: -i compares ASCII letters without case,
 * -c prints the number of matching lines instead, -n puts "N:" before each line. With more than one
 * INPUT, each line (or count) starts with the input's name and a colon, as GNU grep prints it: the
 * host renders the pseudonym, the program never learns the name. Exit status as grep's: 0 if a line
 * matched, 1 if none, 2 on trouble (reported as "grep: NAME: ..."). Lines are read with getline
 * from a FILE over each input, so inputs are streamed, whatever their size. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "iotypes-libc.h"

IOT_MAIN("/// Search for PATTERN, a fixed string, in each INPUT, and print the lines that");
IOT_MAIN("/// contain it; with more than one INPUT, each line starts with the input's name.");
IOT_MAIN("/// Exit status: 0 if a line matched, 1 if none, 2 on trouble.");
IOT_MAIN("main: func(");
IOT_MAIN("  /// -i, --ignore-case: ignore case distinctions (ASCII letters)");
IOT_MAIN("  ignore-case: bool,");
IOT_MAIN("  /// -c, --count: print only a count of matching lines per INPUT");
IOT_MAIN("  count: bool,");
IOT_MAIN("  /// -n, --line-number: print the line number with each output line");
IOT_MAIN("  line-number: bool,");
IOT_MAIN("  /// the fixed string to look for");
IOT_MAIN("  /// positional");
IOT_MAIN("  pattern: string,");
IOT_MAIN("  /// the inputs to search");
IOT_MAIN("  inputs: list<input-stream>,");
IOT_MAIN("  /// where matching lines go");
IOT_MAIN("  output: output-stream");
IOT_MAIN(") -> u32");

#define MATCHED 0
#define NONE 1
#define TROUBLE 2

struct options {
    bool ignore_case, count, line_number, with_name;
    const char *pattern;
    size_t pattern_len;
};

/* Whether `line` (of `len` bytes) contains the pattern. */
static bool matches(const struct options *o, const char *line, size_t len) {
    if (o->pattern_len == 0) return true;
    if (!o->ignore_case) return memmem(line, len, o->pattern, o->pattern_len) != NULL;
    for (size_t i = 0; i + o->pattern_len <= len; i++) {
        size_t j = 0;
        while (j < o->pattern_len && tolower((unsigned char)line[i + j]) ==
                                         tolower((unsigned char)o->pattern[j]))
            j++;
        if (j == o->pattern_len) return true;
    }
    return false;
}

/* "NAME:" before a line of `in`'s, when several inputs are searched: the FILE's buffer is flushed
 * first, so that the name, which the host renders straight into the output, lands in order. */
static void name(const struct options *o, iot_input in, FILE *out, iot_output handle) {
    if (!o->with_name) return;
    fflush(out);
    iot_pseudonym pseudonym = iot_input_pseudonym(in);
    iot_render_pseudonym(handle, pseudonym);
    iot_pseudonym_drop(pseudonym);
    putc(':', out);
}

/* Greps one input into `out` (a FILE over `handle`); returns MATCHED, NONE or TROUBLE. */
static int grep_input(const struct options *o, iot_input in, FILE *out, iot_output handle) {
    FILE *file = iot_input_file(in);
    if (file == NULL) {
        iot_report("memory exhausted");
        return TROUBLE;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned long long number = 0, count = 0;
    while ((len = getline(&line, &cap, file)) >= 0) {
        number++;
        size_t text = (size_t)len - (len > 0 && line[len - 1] == '\n');
        if (!matches(o, line, text)) continue;
        count++;
        if (o->count) continue;
        name(o, in, out, handle);
        if (o->line_number) fprintf(out, "%llu:", number);
        fwrite(line, 1, text, out);
        putc('\n', out);
    }
    int failed = ferror(file);
    free(line);
    fclose(file);
    if (o->count) {
        name(o, in, out, handle);
        fprintf(out, "%llu\n", count);
    }
    if (failed) {
        iot_report_input(in, "read error");
        return TROUBLE;
    }
    return count > 0 ? MATCHED : NONE;
}

IOT_EXPORT("main") uint32_t grep_main(int32_t ignore_case, int32_t count, int32_t line_number,
                                      iot_input pattern, iot_input first, int32_t inputs,
                                      iot_output out) {
    struct options o = {ignore_case != 0, count != 0, line_number != 0, inputs > 1, NULL, 0};
    int32_t status;
    char *text = iot_read_all(pattern, &o.pattern_len, &status);
    iot_input_drop(pattern);
    if (text == NULL) {
        iot_report("cannot read the pattern");
        return TROUBLE;
    }
    if (memchr(text, '\n', o.pattern_len) != NULL) {
        iot_report("a pattern of several lines is not supported");
        free(text);
        return TROUBLE;
    }
    o.pattern = text;
    if (inputs == 0) {
        iot_report("no INPUT to search (give - for standard input)");
        free(text);
        return TROUBLE;
    }
    FILE *file = iot_output_file(out);
    if (file == NULL) {
        iot_report("memory exhausted");
        return TROUBLE;
    }
    int result = NONE;
    for (int32_t i = 0; i < inputs; i++) {
        int one = grep_input(&o, first + i, file, out);
        if (one == TROUBLE || (one == MATCHED && result == NONE)) result = one;
    }
    if (fflush(file) != 0 || ferror(file)) {
        iot_report_output(out, "write error");
        result = TROUBLE;
    }
    fclose(file);
    free(text);
    return (uint32_t)result;
}
