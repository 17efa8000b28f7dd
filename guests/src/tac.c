/* tac.wasm ARRAY OUT — the lines of ARRAY in reverse order, like GNU `tac`: a line is the bytes
 * up to and including a '\n'; a last line without '\n' is printed as it is (so "a\nb" becomes
 * "ba\n", as GNU tac does). The array is read backwards in 64 KiB windows with array-read-at,
 * so it need not fit in memory; a line longer than a window is moved by the host with
 * input-from-array + input-forward, never through this instance. */
#include "iotypes.h"

IOT_MAIN("/// Write the lines of INPUT to OUTPUT, last line first. INPUT may be any input: a stream is");
IOT_MAIN("/// read to its end first.");
IOT_MAIN("main: func(");
IOT_MAIN("  /// the lines to reverse");
IOT_MAIN("  input: array,");
IOT_MAIN("  /// where they go");
IOT_MAIN("  output: output-stream");
IOT_MAIN(") -> result");

#define WINDOW (64 * 1024)
static uint8_t buf[WINDOW];

/* Reads exactly [off, off + len) into buf. */
static int read_window(iot_array arr, int64_t off, uint32_t len) {
    uint32_t got = 0;
    while (got < len) {
        iot_rw32 r = iot_array_read_at(arr, buf + got, len - got, off + got);
        got += (uint32_t)r.count;
        if (r.status == IOT_FAILED || (r.status == IOT_ENDED && got < len)) return 0;
        if (r.count == 0 && got < len) return 0;
    }
    return 1;
}

/* Writes the bytes [start, end) of the array, held in buf if they lie in the window at wstart. */
static int emit(iot_array arr, iot_output out, int64_t wstart, int64_t wend, int64_t start,
                int64_t end) {
    if (end <= wend) return iot_write_all(out, buf + (start - wstart), (uint32_t)(end - start)) == IOT_OPEN;
    iot_input line = iot_input_from_array(arr, start);
    iot_rw64 r = iot_input_forward(line, out, end - start);
    iot_input_drop(line);
    return r.count == end - start && r.status != IOT_FAILED;
}

IOT_EXPORT("main") int32_t iot_main(iot_array arr, iot_output out) {
    iot_len64 len = iot_array_len(arr);
    if (len.status == IOT_FAILED) return iot_finish(out, 0);

    int64_t line_end = len.len; /* end of the line being looked for */
    int64_t wend = len.len, wstart = len.len;
    while (wstart > 0) {
        wstart = wend > WINDOW ? wend - WINDOW : 0;
        if (!read_window(arr, wstart, (uint32_t)(wend - wstart))) return iot_finish(out, 0);
        for (int64_t pos = wend - 1; pos >= wstart; pos--) {
            /* a '\n' ends the line before the one starting at pos + 1 */
            if (buf[pos - wstart] == '\n' && pos + 1 < line_end) {
                if (!emit(arr, out, wstart, wend, pos + 1, line_end)) return iot_finish(out, 0);
                line_end = pos + 1;
            }
        }
        if (wstart > 0) wend = wstart;
    }
    if (line_end > 0 && !emit(arr, out, 0, wend, 0, line_end)) return iot_finish(out, 0);
    return iot_finish(out, 1);
}
