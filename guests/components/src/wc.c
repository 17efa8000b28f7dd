/* wc as a component: "LINES WORDS BYTES NAME" for each input, then a total line when there is
 * more than one, as GNU wc (coreutils 9.1) prints them in the C locale: NAME is the input's
 * pseudonym (what the user typed, `-` for standard input), rendered by the host; the counts are
 * right-aligned to the width of the total byte count, which is GNU's width when every input is a
 * regular file (GNU widens to 7 for a pipe, which the guest cannot tell apart); one count of one
 * input is not padded. --bytes, --lines and --words pick counts, all three when none is given;
 * --total=WHEN is GNU wc 9.2's (auto: with more than one input; only: the total alone, unpadded,
 * without the word).
 * Words are guests/lib/wordcount.c's. An input that fails gets no line and is left out of the
 * total, and main returns err. */
#define GUEST_WORLD_COUNTS
#include "iotypes-component.h"
#include "wordcount.h"

typedef struct {
    uint64_t values[3]; /* lines, words, bytes */
    bool ok;
} counts;

static bool count(wasi_io_streams_borrow_input_stream_t in, counts *c) {
    iot_wordcount state = {0, 0, 0};
    uint64_t bytes = 0;
    guest_list_u8_t chunk;
    wasi_io_streams_stream_error_t err;
    while (wasi_io_streams_method_input_stream_blocking_read(in, 64 * 1024, &chunk, &err)) {
        iot_wordcount_add(&state, chunk.ptr, (uint32_t)chunk.len);
        bytes += chunk.len;
        guest_list_u8_free(&chunk);
    }
    c->values[0] = state.lines;
    c->values[1] = state.words;
    c->values[2] = bytes;
    c->ok = err.tag == WASI_IO_STREAMS_STREAM_ERROR_CLOSED;
    wasi_io_streams_stream_error_free(&err);
    return c->ok;
}

/* The output, a line's counts at a time: a name is rendered between two of them. */
static wasi_io_streams_borrow_output_stream_t out;
static uint8_t pending[128];
static size_t pending_len;

static bool flush(void) {
    guest_list_u8_t bytes = {pending, pending_len};
    wasi_io_streams_stream_error_t err;
    pending_len = 0;
    if (bytes.len == 0 || wasi_io_streams_method_output_stream_blocking_write_and_flush(out, &bytes, &err))
        return true;
    wasi_io_streams_stream_error_free(&err);
    return false;
}

static void put(const char *s) {
    while (*s) pending[pending_len++] = (uint8_t)*s++;
}

/* " %*llu" for every count but the first, as GNU's write_counts. */
static void put_counts(const counts *c, const bool shown[3], uint32_t width) {
    bool first = true;
    for (int i = 0; i < 3; i++) {
        if (!shown[i]) continue;
        char digits[20];
        int n = (int)sizeof digits;
        uint64_t v = c->values[i];
        do {
            digits[--n] = (char)('0' + v % 10);
            v /= 10;
        } while (v != 0);
        if (!first) put(" ");
        for (uint32_t w = (uint32_t)(sizeof digits - (size_t)n); w < width; w++) put(" ");
        while (n < (int)sizeof digits) pending[pending_len++] = (uint8_t)digits[n++];
        first = false;
    }
}

static bool put_name(wasi_io_streams_borrow_input_stream_t in) {
    if (!flush()) return false;
    iotypes_io_streams_own_pseudonym_t name = iotypes_io_streams_input_pseudonym(in);
    wasi_io_streams_stream_error_t err;
    bool ok = iotypes_io_streams_write_pseudonym(out, iotypes_io_streams_borrow_pseudonym(name), &err);
    if (!ok) wasi_io_streams_stream_error_free(&err);
    iotypes_io_streams_pseudonym_drop_own(name);
    return ok;
}

bool exports_counts_main(bool bytes, bool lines, bool words, counts_when_t *maybe_total,
                         guest_list_borrow_input_stream_t *inputs,
                         wasi_io_streams_borrow_output_stream_t output) {
    out = output;
    counts_when_t total = maybe_total ? *maybe_total : COUNTS_WHEN_AUTO;
    if (!bytes && !lines && !words) bytes = lines = words = true;
    bool shown[3] = {lines, words, bytes};
    if ((uint64_t)inputs->len * sizeof(counts) > SIZE_MAX / 2) return false;
    counts *each = cabi_realloc(NULL, 0, _Alignof(counts), inputs->len * sizeof(counts));

    bool ok = true;
    counts sum = {{0, 0, 0}, true};
    for (size_t i = 0; i < inputs->len; i++) {
        if (!count(inputs->ptr[i], &each[i])) {
            ok = false;
            continue;
        }
        for (int k = 0; k < 3; k++) sum.values[k] += each[i].values[k];
    }

    uint32_t width = 1; /* GNU 9.2 pads nothing when it prints the total alone */
    if (total != COUNTS_WHEN_ONLY && !(inputs->len == 1 && lines + words + bytes == 1)) {
        for (uint64_t rest = sum.values[2]; rest >= 10; rest /= 10) width++;
    }
    for (size_t i = 0; total != COUNTS_WHEN_ONLY && i < inputs->len; i++) {
        if (!each[i].ok) continue;
        put_counts(&each[i], shown, width);
        put(" ");
        if (!put_name(inputs->ptr[i])) return false;
        put("\n");
    }
    if (total == COUNTS_WHEN_ALWAYS || total == COUNTS_WHEN_ONLY ||
        (total == COUNTS_WHEN_AUTO && inputs->len > 1)) {
        put_counts(&sum, shown, width);
        put(total == COUNTS_WHEN_ONLY ? "\n" : " total\n");
    }
    return flush() && ok;
}
