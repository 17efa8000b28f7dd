/* sort.wasm INPUT... OUTPUT — the lines of all INPUTs sorted together by bytes, like `LC_ALL=C
 * sort`: each INPUT is read into memory and split into one line table (a last line without '\n'
 * is a line), sorted with qsort (memcmp order, a shorter line first when it is a prefix), and
 * every line written with a '\n', the last one too. Equal lines stay equal, so the instability of
 * qsort cannot show. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "iotypes-libc.h"

IOT_MAIN("/// Write the lines of all INPUTs to OUTPUT, sorted by their bytes (as sort in the C");
IOT_MAIN("/// locale).");
IOT_MAIN("main: func(");
IOT_MAIN("  /// the inputs, whose lines are sorted together");
IOT_MAIN("  inputs: list<input-stream>,");
IOT_MAIN("  /// where the sorted lines go");
IOT_MAIN("  output: output-stream");
IOT_MAIN(") -> result");

struct line {
    const char *start;
    size_t len; /* without the '\n' */
};

static int compare(const void *a, const void *b) {
    const struct line *x = a, *y = b;
    int c = memcmp(x->start, y->start, x->len < y->len ? x->len : y->len);
    if (c != 0) return c;
    return x->len < y->len ? -1 : x->len > y->len;
}

struct table {
    struct line *lines;
    size_t count, capacity;
};

/* Adds the lines of text[0, len) to `t`; false if memory ran out. */
static bool split(const char *text, size_t len, struct table *t) {
    for (const char *p = text, *end = text + len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
        if (t->count == t->capacity) {
            size_t capacity = t->capacity ? t->capacity * 2 : 1024;
            struct line *grown = realloc(t->lines, capacity * sizeof *grown);
            if (grown == NULL) return false;
            t->lines = grown;
            t->capacity = capacity;
        }
        t->lines[t->count++] = (struct line){p, l};
        p += l + 1;
    }
    return true;
}

IOT_EXPORT("main") int32_t sort_main(iot_input first, int32_t inputs, iot_output out) {
    struct table t = {NULL, 0, 0};
    char **texts = calloc(inputs > 0 ? (size_t)inputs : 1, sizeof *texts);
    if (texts == NULL) {
        iot_report("memory exhausted");
        return IOT_ERR;
    }
    for (int32_t i = 0; i < inputs; i++) {
        size_t len;
        int32_t status;
        texts[i] = iot_read_all(first + i, &len, &status);
        if (texts[i] == NULL) {
            iot_report_input(first + i, status == IOT_FAILED ? "read failed" : "memory exhausted");
            return IOT_ERR;
        }
        if (!split(texts[i], len, &t)) {
            iot_report_input(first + i, "memory exhausted");
            return IOT_ERR;
        }
    }
    qsort(t.lines, t.count, sizeof *t.lines, compare);
    FILE *file = iot_output_file(out);
    if (file == NULL) {
        iot_report("memory exhausted");
        return IOT_ERR;
    }
    for (size_t i = 0; i < t.count; i++) {
        fwrite(t.lines[i].start, 1, t.lines[i].len, file);
        putc('\n', file);
    }
    int failed = fflush(file) != 0 || ferror(file);
    fclose(file);
    free(t.lines);
    for (int32_t i = 0; i < inputs; i++) free(texts[i]);
    free(texts);
    if (failed) {
        iot_report_output(out, "write failed");
        return IOT_ERR;
    }
    return IOT_OK;
}
