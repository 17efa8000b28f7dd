/* sort.wasm IN OUT — the lines of IN sorted by bytes, like `LC_ALL=C sort`: IN is read into
 * memory, its lines sorted with qsort (memcmp order, a shorter line first when it is a prefix),
 * and every line written with a '\n', the last one too. Equal lines stay equal, so the
 * instability of qsort cannot show.
 *
 * One input today; to take several (`list<input-stream>`, GNU sort merges them), read each into
 * the same line table before sorting. */
#include <stdlib.h>
#include <string.h>

#include "iotypes-libc.h"

IOT_MAIN("main: func(input: input-stream, output: output-stream) -> result");

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

/* The lines of text[0, len), or NULL if memory ran out; *count is how many. */
static struct line *split(const char *text, size_t len, size_t *count) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += text[i] == '\n';
    if (len > 0 && text[len - 1] != '\n') n++;
    struct line *lines = malloc((n > 0 ? n : 1) * sizeof *lines);
    if (lines == NULL) return NULL;
    size_t k = 0;
    for (const char *p = text, *end = text + len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
        lines[k++] = (struct line){p, l};
        p += l + 1;
    }
    *count = k;
    return lines;
}

IOT_EXPORT("main") int32_t sort_main(iot_input in, iot_output out) {
    size_t len, count;
    int32_t status;
    char *text = iot_read_all(in, &len, &status);
    if (text == NULL) {
        iot_report_input(in, status == IOT_FAILED ? "read failed" : "memory exhausted");
        return IOT_ERR;
    }
    struct line *lines = split(text, len, &count);
    if (lines == NULL) {
        iot_report_input(in, "memory exhausted");
        return IOT_ERR;
    }
    qsort(lines, count, sizeof *lines, compare);
    FILE *file = iot_output_file(out);
    if (file == NULL) {
        iot_report("memory exhausted");
        return IOT_ERR;
    }
    for (size_t i = 0; i < count; i++) {
        fwrite(lines[i].start, 1, lines[i].len, file);
        putc('\n', file);
    }
    int failed = fflush(file) != 0 || ferror(file);
    fclose(file);
    free(lines);
    free(text);
    if (failed) {
        iot_report_output(out, "write failed");
        return IOT_ERR;
    }
    return IOT_OK;
}
