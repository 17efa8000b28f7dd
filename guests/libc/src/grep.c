/* grep.wasm [--ignore-case] [--count] [--line-number] --pattern PATTERN IN OUT — the lines of IN
 * that contain PATTERN, a fixed string, like `grep -F` in the C locale: --ignore-case compares
 * ASCII letters without case (-i), --count prints the number of matching lines instead (-c),
 * --line-number puts "N:" before each line (-n). Exit status as grep's: 0 if a line matched, 1 if
 * none, 2 on trouble (reported as "grep: NAME: ..."). Lines are read with getline from a FILE over
 * IN, so the input is streamed, whatever its size.
 *
 * One input today; for several (`list<input-stream>`), call grep_input() on each and put each
 * input's pseudonym before its lines ("NAME:"), as GNU grep does, with iot_render_pseudonym. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "iotypes-libc.h"

IOT_MAIN("main: func(ignore-case: bool, count: bool, line-number: bool, pattern: string, "
         "input: input-stream, output: output-stream) -> u32");

#define MATCHED 0
#define NONE 1
#define TROUBLE 2

struct options {
    bool ignore_case, count, line_number;
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

/* Greps one input into `out`; returns MATCHED, NONE or TROUBLE. */
static int grep_input(const struct options *o, iot_input in, FILE *out) {
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
        if (o->line_number) fprintf(out, "%llu:", number);
        fwrite(line, 1, text, out);
        putc('\n', out);
    }
    int failed = ferror(file);
    free(line);
    fclose(file);
    if (o->count) fprintf(out, "%llu\n", count);
    if (failed) {
        iot_report_input(in, "read error");
        return TROUBLE;
    }
    return count > 0 ? MATCHED : NONE;
}

IOT_EXPORT("main") uint32_t grep_main(int32_t ignore_case, int32_t count, int32_t line_number,
                                      iot_input pattern, iot_input in, iot_output out) {
    struct options o = {ignore_case != 0, count != 0, line_number != 0, NULL, 0};
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
    FILE *file = iot_output_file(out);
    if (file == NULL) {
        iot_report("memory exhausted");
        return TROUBLE;
    }
    int result = grep_input(&o, in, file);
    if (fflush(file) != 0 || ferror(file)) {
        iot_report_output(out, "write error");
        result = TROUBLE;
    }
    fclose(file);
    free(text);
    return (uint32_t)result;
}
