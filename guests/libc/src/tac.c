/* tac.wasm IN OUT — the lines of IN in reverse order, like GNU `tac`, with wasi-libc: IN is read
 * into memory (so it may be a pipe), then written from the last line to the first. A line is the
 * bytes up to and including a '\n'; a last line without one is written as it is ("a\nb" becomes
 * "ba\n", as GNU tac does).
 *
 * One input today; to take several (`list<input-stream>`, GNU tac concatenates them), loop over
 * them and call tac() on each. */
#include <stdlib.h>
#include <string.h>

#include "iotypes-libc.h"

IOT_MAIN("main: func(input: input-stream, output: output-stream) -> result");

/* Writes the lines of text[0, len) in reverse order; returns IOT_OPEN or IOT_FAILED. */
static int32_t tac(iot_output out, const char *text, size_t len) {
    size_t end = len;
    while (end > 0) {
        size_t start = end - 1; /* the line ending at `end` includes its '\n' at end - 1 */
        while (start > 0 && text[start - 1] != '\n') start--;
        if (iot_write_bytes(out, text + start, end - start) != IOT_OPEN) return IOT_FAILED;
        end = start;
    }
    return IOT_OPEN;
}

IOT_EXPORT("main") int32_t tac_main(iot_input in, iot_output out) {
    size_t len;
    int32_t status;
    char *text = iot_read_all(in, &len, &status);
    if (text == NULL) {
        if (status == IOT_FAILED)
            iot_report_input(in, "read error");
        else
            iot_report_input(in, "memory exhausted");
        return IOT_ERR;
    }
    int32_t written = tac(out, text, len);
    free(text);
    if (written != IOT_OPEN || iot_output_flush(out) != IOT_OPEN) {
        iot_report_output(out, "write error");
        return IOT_ERR;
    }
    return IOT_OK;
}
