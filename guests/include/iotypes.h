/*
 * iotypes.h — the C SDK for iotypes guests.
 *
 * A guest is a freestanding WebAssembly module (no libc) whose typed main receives I/O handles:
 * input streams, output streams and arrays. This header declares every import of docs/abi.md
 * (import module "iotypes"), the status and advice constants, one handle typedef per kind, the
 * IOT_MAIN / IOT_EXPORT macros that declare a typed main, and a few inline helpers.
 *
 * Build (see guests/build.sh, which also explains why code generation runs at -O0):
 *   clang --target=wasm32 -ffreestanding -nostdlib -mmultivalue -mbulk-memory \
 *         -Xclang -target-abi -Xclang experimental-mv -O2 ...
 *
 * Multi-value imports return small structs (iot_rw32, iot_rw64, ...): with the experimental-mv
 * ABI clang lowers a returned struct of scalars to the core results, e.g. input-read is
 * (i32, i32, i32) -> (i32, i32).
 *
 * A minimal tool:
 *
 *   #include "iotypes.h"
 *   IOT_MAIN("main: func(output: output-stream) -> result");
 *   IOT_EXPORT("main") int32_t iot_main(iot_output out) {
 *       return iot_write_str(out, "hello, world\n") == IOT_OPEN ? IOT_OK : IOT_ERR;
 *   }
 *
 * Everything here also compiles natively (gcc/clang for the host) without the Wasm attributes,
 * so the tools can be tested against guests/test/shim.c; that shim is a test aid only.
 */
#ifndef IOTYPES_H
#define IOTYPES_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Handles ---------------------------------------------------------------------------- */

/* Handles are i32 indexes into the instance's own table; 0 is never a valid handle. A forged,
 * dropped or wrong-typed handle traps: it is a bug in the guest, not an I/O outcome. */
typedef int32_t iot_input;     /* input-stream */
typedef int32_t iot_output;    /* output-stream */
typedef int32_t iot_array;     /* array */
typedef int32_t iot_pseudonym; /* pseudonym: an opaque name only an output can render */
typedef int32_t iot_error;     /* error: an opaque failure only an output can render */
typedef int32_t iot_clock;     /* clock: monotonic and wall time, and deadlines */
typedef int32_t iot_random;    /* random: bytes */
typedef int32_t iot_pollable;  /* pollable: readiness of a stream or a deadline, for iot_poll */
typedef int32_t iot_directory; /* input-directory: a stream of lazy entries (docs/abi.md) */
typedef int32_t iot_output_directory; /* output-directory: where new named outputs are made */

#define IOT_NONE 0 /* "no handle": what input-error & co. return while nothing failed */

/* ---- Status and advice ------------------------------------------------------------------ */

/* Where a stream or array stands after a call. `ended` and `failed` are sticky on streams; on
 * arrays only `failed` is. A count comes with every status: a failed call may have done part. */
#define IOT_OPEN 0   /* more calls may do more work */
#define IOT_ENDED 1  /* an input has no more bytes; an array read reached the length */
#define IOT_FAILED 2 /* the backend failed; *-error gives the error handle */

/* Hints for iot_array_advise (the host may ignore them; any other value traps). */
#define IOT_ADVICE_NORMAL 0
#define IOT_ADVICE_SEQUENTIAL 1
#define IOT_ADVICE_RANDOM 2
#define IOT_ADVICE_WILL_NEED 3
#define IOT_ADVICE_DONT_NEED 4
#define IOT_ADVICE_NO_REUSE 5

/* Kinds of directory entry (directory-next). */
#define IOT_ENTRY_FILE 0
#define IOT_ENTRY_DIRECTORY 1

/* Core values of a WIT `result` return: 0 is ok (exit 0), anything else err (exit 1). */
#define IOT_OK 0
#define IOT_ERR 1

/* ---- Multi-value results ---------------------------------------------------------------- */

typedef struct { int32_t count; int32_t status; } iot_rw32; /* (count: i32, st) */
typedef struct { int64_t count; int32_t status; } iot_rw64; /* (count: i64, st) */
typedef struct { int64_t len; int32_t status; } iot_len64;  /* array-len: (len: i64, st) */
typedef struct { iot_input in; iot_output out; } iot_pipe_ends;      /* pipe: (in, out) */
typedef struct { iot_array array; int32_t status; } iot_array_status; /* from-stream */
typedef struct { int64_t secs; int32_t nanos; } iot_wall_time; /* clock-wall-now: since 1970 UTC */
/* directory-next: (name-full-len: i32, kind: i32, size: i64, st) */
typedef struct { int32_t name_len; int32_t kind; int64_t size; int32_t status; } iot_entry;

/* ---- Imports ---------------------------------------------------------------------------- */

#if defined(__wasm__)
#define IOT_IMPORT(name) __attribute__((import_module("iotypes"), import_name(name)))
#else
#define IOT_IMPORT(name) /* native test builds: guests/test/shim.c defines these */
#endif

/* An import with several results needs clang's experimental multi-value ABI (-mmultivalue
 * -Xclang -target-abi -Xclang experimental-mv); compiled without it, clang would pass the result
 * struct through memory and the import would not link. Such a build (wasi-libc in one clang
 * step) calls the out-parameter functions of iotypes-libc.h instead, so these are errors there. */
#if defined(__wasm__) && !defined(__wasm_multivalue__)
#define IOT_MV __attribute__((unavailable("needs -mmultivalue; with libc, use iotypes-libc.h")))
#else
#define IOT_MV
#endif

/* Buffers are (ptr, len) in guest memory, len unsigned; the whole range must be inside memory
 * or the call traps. i64 lengths and offsets must not be negative or the call traps. */

/* input-stream */
IOT_IMPORT("input-read") IOT_MV iot_rw32 iot_input_read(iot_input in, void *ptr, uint32_t len);
IOT_IMPORT("input-skip") IOT_MV iot_rw64 iot_input_skip(iot_input in, int64_t len);
IOT_IMPORT("input-forward") IOT_MV iot_rw64 iot_input_forward(iot_input in, iot_output out, int64_t len);
IOT_IMPORT("input-media-type") int32_t iot_input_media_type(iot_input in, void *ptr, uint32_t len);
IOT_IMPORT("input-pseudonym") iot_pseudonym iot_input_pseudonym(iot_input in);
IOT_IMPORT("input-error") iot_error iot_input_error(iot_input in);
IOT_IMPORT("input-drop") void iot_input_drop(iot_input in);

/* output-stream (a write takes everything or fails: status is open or failed, never ended) */
IOT_IMPORT("output-write") IOT_MV iot_rw32 iot_output_write(iot_output out, const void *ptr, uint32_t len);
IOT_IMPORT("output-write-zeros") IOT_MV iot_rw64 iot_output_write_zeros(iot_output out, int64_t len);
IOT_IMPORT("output-flush") int32_t iot_output_flush(iot_output out);
IOT_IMPORT("output-media-type") int32_t iot_output_media_type(iot_output out, void *ptr, uint32_t len);
/* Declares the media type of out's bytes before the first of them: 1 if taken, 0 (nothing
 * changed) once bytes were written. The string must be UTF-8, at most 1024 bytes, and a media
 * type ("type/subtype[; k=v]", no control characters), or the call traps. */
IOT_IMPORT("output-set-media-type") int32_t iot_output_set_media_type(iot_output out, const void *ptr, uint32_t len);
IOT_IMPORT("output-pseudonym") iot_pseudonym iot_output_pseudonym(iot_output out);
IOT_IMPORT("output-write-pseudonym") IOT_MV iot_rw32 iot_output_write_pseudonym(iot_output out, iot_pseudonym name);
IOT_IMPORT("output-write-error") IOT_MV iot_rw32 iot_output_write_error(iot_output out, iot_error err);
IOT_IMPORT("output-error") iot_error iot_output_error(iot_output out);
IOT_IMPORT("output-drop") void iot_output_drop(iot_output out);

/* array */
IOT_IMPORT("array-read-at") IOT_MV iot_rw32 iot_array_read_at(iot_array arr, void *ptr, uint32_t len, int64_t offset);
IOT_IMPORT("array-write-at") IOT_MV iot_rw32 iot_array_write_at(iot_array arr, const void *ptr, uint32_t len, int64_t offset);
IOT_IMPORT("array-len") IOT_MV iot_len64 iot_array_len(iot_array arr);
IOT_IMPORT("array-set-len") int32_t iot_array_set_len(iot_array arr, int64_t len);
IOT_IMPORT("array-advise") void iot_array_advise(iot_array arr, int64_t offset, int64_t len, int32_t advice);
IOT_IMPORT("array-flush") int32_t iot_array_flush(iot_array arr);
IOT_IMPORT("array-media-type") int32_t iot_array_media_type(iot_array arr, void *ptr, uint32_t len);
IOT_IMPORT("array-pseudonym") iot_pseudonym iot_array_pseudonym(iot_array arr);
IOT_IMPORT("array-copy") IOT_MV iot_rw64 iot_array_copy(iot_array src, int64_t offset, iot_array dst, int64_t dst_offset, int64_t len);
IOT_IMPORT("array-error") iot_error iot_array_error(iot_array arr);
IOT_IMPORT("array-drop") void iot_array_drop(iot_array arr);

/* pseudonym, error */
IOT_IMPORT("pseudonym-drop") void iot_pseudonym_drop(iot_pseudonym name);
IOT_IMPORT("error-drop") void iot_error_drop(iot_error err);

/* constructors */
IOT_IMPORT("pipe") IOT_MV iot_pipe_ends iot_pipe(void);
IOT_IMPORT("null-output") iot_output iot_null_output(void);
IOT_IMPORT("input-from-array") iot_input iot_input_from_array(iot_array arr, int64_t offset);
IOT_IMPORT("output-from-array") iot_output iot_output_from_array(iot_array arr, int64_t offset);
IOT_IMPORT("anonymous") iot_array iot_anonymous(void);
IOT_IMPORT("from-stream") IOT_MV iot_array_status iot_from_stream(iot_input in);

/* diagnostics: an output the host renders to the user (standard error by default), where names
 * and errors are rendered; each call returns a new handle to it */
IOT_IMPORT("diagnostic-output") iot_output iot_diagnostic_output(void);

/* clock: a typed-main parameter `clock`, bound from the run's clock (--clock), nanoseconds */
IOT_IMPORT("clock-monotonic-now") int64_t iot_clock_monotonic_now(iot_clock c);
IOT_IMPORT("clock-wall-now") IOT_MV iot_wall_time iot_clock_wall_now(iot_clock c);
IOT_IMPORT("clock-resolution") int64_t iot_clock_resolution(iot_clock c);
/* ready once clock-monotonic-now reaches `at` */
IOT_IMPORT("clock-deadline") iot_pollable iot_clock_deadline(iot_clock c, int64_t at);
IOT_IMPORT("clock-drop") void iot_clock_drop(iot_clock c);
/* random: a typed-main parameter `random`, bound from the run's (--seed); always IOT_OPEN */
IOT_IMPORT("random-fill") int32_t iot_random_fill(iot_random r, void *ptr, uint32_t len);
IOT_IMPORT("random-drop") void iot_random_drop(iot_random r);
/* pollables: whether a read of `in` / a write to `out` would not wait */
IOT_IMPORT("input-pollable") iot_pollable iot_input_pollable(iot_input in);
IOT_IMPORT("output-pollable") iot_pollable iot_output_pollable(iot_output out);
IOT_IMPORT("pollable-ready") int32_t iot_pollable_ready(iot_pollable p);
IOT_IMPORT("pollable-drop") void iot_pollable_drop(iot_pollable p);
/* Blocks until at least one of the `count` (>= 1) pollables is ready; sets ready[i] to 1 or 0
 * for each and returns how many are ready. */
IOT_IMPORT("poll") int32_t iot_poll(const iot_pollable *pollables, uint32_t count, uint8_t *ready);

/* input-directory: a cursor on the entry directory-next last returned; the other calls name that
 * entry (and trap before the first or after IOT_ENDED). Names are portable: UTF-8, '/' between
 * segments, never '.', '..', empty, absolute or with a backslash; entries come sorted by their
 * bytes, a directory before its contents. Nothing is opened until iot_directory_open. */
IOT_IMPORT("directory-next") IOT_MV iot_entry iot_directory_next(iot_directory dir, void *ptr, uint32_t len);
IOT_IMPORT("directory-name") int32_t iot_directory_name(iot_directory dir, void *ptr, uint32_t len);
IOT_IMPORT("directory-media-type") int32_t iot_directory_media_type(iot_directory dir, void *ptr, uint32_t len);
IOT_IMPORT("directory-pseudonym") iot_pseudonym iot_directory_pseudonym(iot_directory dir);
IOT_IMPORT("directory-open") iot_input iot_directory_open(iot_directory dir);
IOT_IMPORT("directory-drop") void iot_directory_drop(iot_directory dir);

/* output-directory: a new output named (ptr, len) beneath it, parents made; a name that is not
 * portable traps, one that exists already gives an output that fails on its first write. */
IOT_IMPORT("output-directory-create") iot_output iot_output_directory_create(iot_output_directory dir, const void *ptr, uint32_t len);
IOT_IMPORT("output-directory-drop") void iot_output_directory_drop(iot_output_directory dir);

/* ---- Typed main ------------------------------------------------------------------------- */

/*
 * IOT_MAIN("...") appends one line to the custom section `iotypes-main` (docs/abi.md), which
 * declares the typed main in WIT: "NAME: func(...) -> ...", NAME being the export implementing
 * it (mark that function with IOT_EXPORT("NAME")), with the enums it uses and `///` doc comments
 * that become its --help. Use it at file scope, once per line, in order. The text must not
 * contain '"' or '\'.
 *
 *   IOT_MAIN("main: func(lines: u32, input: input-stream, output: output-stream) -> result");
 *   IOT_EXPORT("main") int32_t iot_main(uint32_t lines, iot_input in, iot_output out) { ... }
 *
 * or, documented:
 *
 *   IOT_MAIN("/// Print the first lines of INPUT.");
 *   IOT_MAIN("main: func(");
 *   IOT_MAIN("  /// -n, --lines: print the first N lines");
 *   IOT_MAIN("  /// default: 10");
 *   IOT_MAIN("  lines: u32,");
 *   IOT_MAIN("  input: input-stream, output: output-stream) -> result");
 *
 * Parameters lower in declaration order: a handle, bool, u8..u32, s8..s32, an enum (its case's
 * index) and a string (an input-stream handle) as one i32; u64/s64 as i64; f64 as double;
 * option<T> as an i32 (1: some) then T (zero when none); list<input-stream> (and of the other
 * handle kinds) as two i32s, the first handle and the count (iot_inputs below).
 *
 * (The section name is quoted in the assembly because of its '-'; clang 14 drops
 * __attribute__((section)) for custom sections, file-scope assembly works.)
 */
#if defined(__wasm__)
#define IOT_MAIN(decl)                                                                         \
    __asm__(".section \".custom_section.iotypes-main\",\"\",@\n"                               \
            ".ascii \"" decl "\\n\"\n"                                                         \
            ".text")
#define IOT_EXPORT(name) __attribute__((export_name(name)))
#else
/* Native test builds: each line goes to section iotypes_main, in order (build with gcc
 * -fno-toplevel-reorder), where the shim reads it between __start_ and __stop_iotypes_main. */
#define IOT_LINE_NAME2(line) iot_main_line_##line
#define IOT_LINE_NAME(line) IOT_LINE_NAME2(line)
#define IOT_MAIN(decl)                                                                         \
    __attribute__((used, section("iotypes_main"))) static const char IOT_LINE_NAME(__LINE__)[] = \
        decl "\n"
#define IOT_EXPORT(name) __attribute__((used))
#endif

/*
 * A list of handles, as a typed main receives list<input-stream>, list<output-stream> or
 * list<array>: `count` consecutive handles from `first`. Take one with iot_inputs_at & co.
 *
 *   IOT_EXPORT("main") int32_t iot_main(iot_input first, int32_t count, iot_output out) {
 *       iot_inputs inputs = {first, count};
 *       for (int32_t i = 0; i < inputs.count; i++) use(iot_inputs_at(inputs, i));
 */
typedef struct { iot_input first; int32_t count; } iot_inputs;
typedef struct { iot_output first; int32_t count; } iot_outputs;
typedef struct { iot_array first; int32_t count; } iot_arrays;

/* The i-th handle of a list, 0 <= i < count. */
static inline iot_input iot_inputs_at(iot_inputs list, int32_t i) { return list.first + i; }
static inline iot_output iot_outputs_at(iot_outputs list, int32_t i) { return list.first + i; }
static inline iot_array iot_arrays_at(iot_arrays list, int32_t i) { return list.first + i; }

/* ---- Freestanding basics ---------------------------------------------------------------- */

#if defined(__wasm__) && !defined(__wasi__) /* wasi-libc has its own */
/* Compilers may emit calls to these for struct copies or recognised loops; with -mbulk-memory
 * the builtins become memory.copy / memory.fill, so these never recurse. Weak: a tool made of
 * several files gets one copy. */
__attribute__((weak)) void *memcpy(void *dst, const void *src, size_t n) {
    __builtin_memcpy(dst, src, n);
    return dst;
}
__attribute__((weak)) void *memmove(void *dst, const void *src, size_t n) {
    __builtin_memmove(dst, src, n);
    return dst;
}
__attribute__((weak)) void *memset(void *dst, int c, size_t n) {
    __builtin_memset(dst, c, n);
    return dst;
}
#endif

static inline uint32_t iot_strlen(const char *s) {
    uint32_t n = 0;
    while (s[n]) n++;
    return n;
}

/* ---- Helpers ---------------------------------------------------------------------------- */

/* Writes all `len` bytes; returns IOT_OPEN or IOT_FAILED. */
IOT_MV static inline int32_t iot_write_all(iot_output out, const void *ptr, uint32_t len) {
    const uint8_t *p = (const uint8_t *)ptr;
    while (len > 0) {
        iot_rw32 r = iot_output_write(out, p, len);
        if (r.status != IOT_OPEN) return IOT_FAILED;
        if (r.count <= 0 || (uint32_t)r.count > len) return IOT_FAILED; /* cannot happen */
        p += r.count;
        len -= (uint32_t)r.count;
    }
    return IOT_OPEN;
}

/* Writes a NUL-terminated string; returns IOT_OPEN or IOT_FAILED. */
IOT_MV static inline int32_t iot_write_str(iot_output out, const char *s) {
    return iot_write_all(out, s, iot_strlen(s));
}

/* Writes `v` in decimal; returns IOT_OPEN or IOT_FAILED. */
/* iot_output_set_media_type for a NUL-terminated string: iot_declare(out, "text/csv"). */
IOT_MV static inline int32_t iot_declare(iot_output out, const char *media_type) {
    return iot_output_set_media_type(out, media_type, iot_strlen(media_type));
}

IOT_MV static inline int32_t iot_write_u64(iot_output out, uint64_t v) {
    char digits[20];
    int i = (int)sizeof digits;
    do {
        digits[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    return iot_write_all(out, digits + i, (uint32_t)(sizeof digits - (size_t)i));
}

/* Writes `v` in decimal right-aligned in `width` columns (as printf "%*llu"). */
IOT_MV static inline int32_t iot_write_u64_width(iot_output out, uint64_t v, uint32_t width) {
    uint32_t digits = 1;
    for (uint64_t rest = v; rest >= 10; rest /= 10) digits++;
    for (; width > digits; width--) {
        if (iot_write_all(out, " ", 1) != IOT_OPEN) return IOT_FAILED;
    }
    return iot_write_u64(out, v);
}

/* Reads until `len` bytes are in `buf`, the input ended or it failed. The count is what was
 * read; the status is IOT_OPEN only when the buffer was filled. */
IOT_MV static inline iot_rw32 iot_read_full(iot_input in, void *buf, uint32_t len) {
    iot_rw32 total = {0, IOT_OPEN};
    uint8_t *p = (uint8_t *)buf;
    while ((uint32_t)total.count < len) {
        iot_rw32 r = iot_input_read(in, p + total.count, len - (uint32_t)total.count);
        total.count += r.count;
        if (r.status != IOT_OPEN) {
            total.status = r.status;
            break;
        }
    }
    return total;
}

/* Reads a `string` parameter (an input-stream over UTF-8 bytes) fully into `buf` and
 * NUL-terminates it. Returns its byte length, or -1 if it failed or needs more than cap - 1
 * bytes. Drops the handle either way. */
IOT_MV static inline int32_t iot_read_string(iot_input str, char *buf, uint32_t cap) {
    if (cap == 0) return -1;
    iot_rw32 r = iot_read_full(str, buf, cap - 1);
    int32_t n = r.count;
    if (r.status == IOT_OPEN) { /* filled: more than cap - 1 unless the next read ends */
        char extra;
        iot_rw32 more = iot_input_read(str, &extra, 1);
        if (more.count != 0 || more.status != IOT_ENDED) n = -1;
    } else if (r.status == IOT_FAILED) {
        n = -1;
    }
    iot_input_drop(str);
    buf[n < 0 ? 0 : n] = '\0';
    return n;
}

/* Renders the pseudonym of an input (the argument as the user wrote it) into `out`. */
IOT_MV static inline int32_t iot_write_input_name(iot_output out, iot_input in) {
    iot_pseudonym name = iot_input_pseudonym(in);
    iot_rw32 r = iot_output_write_pseudonym(out, name);
    iot_pseudonym_drop(name);
    return r.status == IOT_OPEN ? IOT_OPEN : IOT_FAILED;
}

/* Same for an array. */
IOT_MV static inline int32_t iot_write_array_name(iot_output out, iot_array arr) {
    iot_pseudonym name = iot_array_pseudonym(arr);
    iot_rw32 r = iot_output_write_pseudonym(out, name);
    iot_pseudonym_drop(name);
    return r.status == IOT_OPEN ? IOT_OPEN : IOT_FAILED;
}

/* Moves to the next entry of `dir` and puts its name in `name`, NUL-terminated. A name that
 * does not fit in cap - 1 bytes is cut short: then name_len >= cap, and iot_directory_name can
 * fetch it whole into a bigger buffer. At the end, status is IOT_ENDED. */
IOT_MV static inline iot_entry iot_next_entry(iot_directory dir, char *name, uint32_t cap) {
    iot_entry e = iot_directory_next(dir, name, cap == 0 ? 0 : cap - 1);
    if (cap > 0) {
        uint32_t n = e.status == IOT_OPEN ? (uint32_t)e.name_len : 0;
        name[n < cap - 1 ? n : cap - 1] = '\0';
    }
    return e;
}

/* Renders the pseudonym of the current entry of `dir` into `out`. */
IOT_MV static inline int32_t iot_write_entry_name(iot_output out, iot_directory dir) {
    iot_pseudonym name = iot_directory_pseudonym(dir);
    iot_rw32 r = iot_output_write_pseudonym(out, name);
    iot_pseudonym_drop(name);
    return r.status == IOT_OPEN ? IOT_OPEN : IOT_FAILED;
}

/* Flushes `out` and maps "everything went well" to a WIT result: IOT_OK or IOT_ERR. */
static inline int32_t iot_finish(iot_output out, int ok) {
    int32_t st = iot_output_flush(out);
    return ok && st == IOT_OPEN ? IOT_OK : IOT_ERR;
}

/* ---- Providers: a guest that implements an I/O type for another (docs/abi.md) ------------ */

/*
 * A provider's typed main is an initializer: it keeps the handles it is given (the file a
 * decompressor reads) and returns; the host then calls its exports each time the consumer reads,
 * writes or asks. Each macro below begins the definition of one export, with the ABI's name and
 * core signature; the body returns the struct its results are. A provider answers from its own
 * memory: the host copies the bytes out (or in) before the next call, so one buffer may serve
 * every call. Every answer is checked; a lie or a trap fails the consumer's handle for good.
 *
 *   static iot_input source;
 *   static uint8_t buf[65536];
 *   IOT_MAIN("main: func(input: input-stream) -> result");
 *   IOT_EXPORT("main") int32_t iot_main(iot_input in) { source = in; return IOT_OK; }
 *   IOT_PROVIDE_INPUT_READ(len) {
 *       iot_rw32 r = iot_input_read(source, buf, len < sizeof buf ? len : sizeof buf);
 *       return iot_provided_at(buf, r.count, r.status);
 *   }
 *
 * A consumer asks for the kind its parameter needs: an input (input-read), an output
 * (output-buffer, output-write, output-flush), an array (array-read-at, array-len, and for a
 * writable one all of array-buffer, array-write-at, array-set-len, array-flush). One module may
 * provide several kinds.
 */
typedef struct { const void *ptr; int32_t count; int32_t status; } iot_provided; /* (ptr, count, st) */
typedef struct { void *ptr; int32_t room; } iot_room;                           /* (ptr, room) */

static inline iot_provided iot_provided_at(const void *ptr, int32_t count, int32_t status) {
    iot_provided p = {ptr, count, status};
    return p;
}

/* input-provider: up to `len` bytes, where, how many, and the status (ended may come with the
 * last bytes; a count of 0 must come with ended or failed). */
#define IOT_PROVIDE_INPUT_READ(len) \
    IOT_EXPORT("input-read") iot_provided iot_provide_input_read(uint32_t len)
/* output-provider: room for up to `len` bytes (at least 1), then take `len` bytes of it (all,
 * or fewer with failed), then push them on. */
#define IOT_PROVIDE_OUTPUT_BUFFER(len) \
    IOT_EXPORT("output-buffer") iot_room iot_provide_output_buffer(uint32_t len)
#define IOT_PROVIDE_OUTPUT_WRITE(len) \
    IOT_EXPORT("output-write") iot_rw32 iot_provide_output_write(uint32_t len)
#define IOT_PROVIDE_OUTPUT_FLUSH() IOT_EXPORT("output-flush") int32_t iot_provide_output_flush(void)
/* array-provider: up to `len` bytes at `offset` (short only at the length, with ended), and the
 * length; a writable array also takes writes through a buffer, as an output does. */
#define IOT_PROVIDE_ARRAY_READ_AT(len, offset) \
    IOT_EXPORT("array-read-at") iot_provided iot_provide_array_read_at(uint32_t len, int64_t offset)
#define IOT_PROVIDE_ARRAY_LEN() IOT_EXPORT("array-len") iot_len64 iot_provide_array_len(void)
#define IOT_PROVIDE_ARRAY_BUFFER(len) \
    IOT_EXPORT("array-buffer") iot_room iot_provide_array_buffer(uint32_t len)
#define IOT_PROVIDE_ARRAY_WRITE_AT(len, offset) \
    IOT_EXPORT("array-write-at") iot_rw32 iot_provide_array_write_at(uint32_t len, int64_t offset)
#define IOT_PROVIDE_ARRAY_SET_LEN(len) \
    IOT_EXPORT("array-set-len") int32_t iot_provide_array_set_len(int64_t len)
#define IOT_PROVIDE_ARRAY_FLUSH() IOT_EXPORT("array-flush") int32_t iot_provide_array_flush(void)

#ifdef __cplusplus
}
#endif

#endif /* IOTYPES_H */
