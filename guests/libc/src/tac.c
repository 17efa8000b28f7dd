/* tac.wasm INPUT... OUTPUT — the lines of each INPUT in reverse order, like GNU `tac`, with
 * wasi-libc: each INPUT is read into memory (so it may be a pipe), then written from its last line
 * to its first, INPUTs in the order given. A line is the bytes up to and including a '\n'; a last
 * line without one is written as it is ("a\nb" becomes "ba", as GNU tac does). */
#include <stdlib.h>
#include <string.h>

#include "iotypes-libc.h"

IOT_MAIN("/// Write each INPUT to OUTPUT, last line first.");
IOT_MAIN("main: func(");
IOT_MAIN("  /// the inputs, each reversed in turn");
IOT_MAIN("  inputs: list<input-stream>,");
IOT_MAIN("  /// where the lines go");
IOT_MAIN("  output: output-stream");
IOT_MAIN(") -> result");

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

/* Reverses one input into `out`; IOT_OK, or IOT_ERR once it said why. */
static int32_t tac_input(iot_input in, iot_output out) {
    size_t len;
    int32_t status;
    char *text = iot_read_all(in, &len, &status);
    if (text == NULL) {
        iot_report_input(in, status == IOT_FAILED ? "read error" : "memory exhausted");
        return IOT_ERR;
    }
    int32_t written = tac(out, text, len);
    free(text);
    if (written != IOT_OPEN) {
        iot_report_output(out, "write error");
        return IOT_ERR;
    }
    return IOT_OK;
}

IOT_EXPORT("main") int32_t tac_main(iot_input first, int32_t inputs, iot_output out) {
    int32_t result = IOT_OK;
    for (int32_t i = 0; i < inputs; i++) {
        if (tac_input(first + i, out) != IOT_OK) result = IOT_ERR;
    }
    if (iot_output_flush(out) != IOT_OPEN) {
        iot_report_output(out, "write error");
        return IOT_ERR;
    }
    return result;
}
