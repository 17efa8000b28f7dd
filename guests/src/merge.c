/* merge.wasm INPUT... OUTPUT — copies the lines of every INPUT to OUTPUT as they arrive, whole
 * lines only, in the order they come: lines from one input keep their order, and a slow input
 * never holds back the others (like `cat a & cat b` into one terminal, without torn lines). It
 * polls all the inputs at once and reads only one that is ready, so it never blocks on an input
 * that has nothing to say. A last line without a newline is written as it is when its input
 * ends; a line longer than 64 KiB is written in pieces. Exit 1 if an input or the output fails. */
#include "iotypes.h"

IOT_MAIN("/// Copy the lines of every INPUT to OUTPUT as each line arrives, never waiting");
IOT_MAIN("/// on one input while another has a line.");
IOT_MAIN("main: func(");
IOT_MAIN("  /// the inputs, at most 64");
IOT_MAIN("  inputs: list<input-stream>,");
IOT_MAIN("  output: output-stream) -> result");

#define MAX_INPUTS 64
#define LINE (64 * 1024)

typedef struct {
    iot_input in;
    iot_pollable readable;
    uint32_t held;         /* bytes of a line not yet written */
    uint8_t line[LINE];
} source;

static source sources[MAX_INPUTS];

/* Writes the complete lines held by `s`, keeping the unfinished rest at the start. */
static int32_t write_lines(source *s, iot_output out) {
    uint32_t done = 0;
    for (uint32_t i = 0; i < s->held; i++) {
        if (s->line[i] == '\n') {
            if (iot_write_all(out, s->line + done, i + 1 - done) != IOT_OPEN) return IOT_FAILED;
            done = i + 1;
        }
    }
    if (done == 0 && s->held == LINE) { /* a line longer than the buffer: write what there is */
        done = LINE;
        if (iot_write_all(out, s->line, LINE) != IOT_OPEN) return IOT_FAILED;
    }
    __builtin_memmove(s->line, s->line + done, s->held - done);
    s->held -= done;
    return IOT_OPEN;
}

IOT_EXPORT("main") int32_t iot_main(iot_input first, int32_t count, iot_output out) {
    iot_inputs inputs = {first, count};
    if (inputs.count > MAX_INPUTS) return 1;
    int32_t open = 0;
    for (int32_t i = 0; i < inputs.count; i++) {
        sources[open].in = iot_inputs_at(inputs, i);
        sources[open].readable = iot_input_pollable(sources[open].in);
        sources[open].held = 0;
        open++;
    }
    iot_pollable waits[MAX_INPUTS];
    uint8_t ready[MAX_INPUTS];
    while (open > 0) {
        for (int32_t i = 0; i < open; i++) waits[i] = sources[i].readable;
        iot_poll(waits, (uint32_t)open, ready);
        for (int32_t i = 0; i < open; i++) {
            if (!ready[i]) continue;
            source *s = &sources[i];
            iot_rw32 r = iot_input_read(s->in, s->line + s->held, LINE - s->held);
            s->held += (uint32_t)r.count;
            if (write_lines(s, out) != IOT_OPEN) return 1;
            if (r.status == IOT_FAILED) return 1;
            if (r.status == IOT_ENDED) {
                if (s->held > 0 && iot_write_all(out, s->line, s->held) != IOT_OPEN) return 1;
                iot_pollable_drop(s->readable);
                /* the last source takes this one's place; its ready flag is stale, poll again */
                sources[i].in = sources[open - 1].in;
                sources[i].readable = sources[open - 1].readable;
                sources[i].held = sources[open - 1].held;
                __builtin_memmove(sources[i].line, sources[open - 1].line, sources[open - 1].held);
                open--;
                break;
            }
        }
    }
    return iot_output_flush(out) == IOT_OPEN ? 0 : 1;
}
