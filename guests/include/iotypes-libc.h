/*
 * iotypes-libc.h — the C SDK for typed mains that use wasi-libc, built in one clang step.
 *
 *   clang --target=wasm32-wasi --sysroot=/usr -O2 -mexec-model=reactor \
 *         -I guests/include -o tool.wasm tool.c guests/lib/libiotypes.a
 *
 * The program uses libc as usual (malloc, qsort, snprintf, string functions, stdio on FILEs it
 * makes here) while its I/O goes through the handles its typed main receives. It has no files
 * but its input directories: a parameter `tree: input-directory` is a read-only directory named
 * "tree" for opendir, readdir, stat and fopen (a folder or an archive alike), and fopen of any
 * other name fails with an errno; fds 0 and 1 are closed; libc's stderr is the host's diagnostic
 * output (standard error by default). clock_gettime, time, nanosleep and poll's timeouts read the
 * typed main's `clock` parameter, getentropy its `random` one, when it has them: with
 * `iotypes run --clock fixed:... --seed N` libc's time and random bytes are the same on every run.
 *
 * Why out-parameters: clang 14 crashes on, or miscompiles, code that uses the results of
 * multi-value calls at -O1 and above (see guests/README.md). The calls below return one value and
 * store the status through a pointer; they live in libiotypes.a, which guests/build.sh compiles
 * the safe way, so code built with this header never makes a multi-value call itself. The imports
 * with a single result (drops, pseudonyms, flush, ...) are called directly, from iotypes.h.
 */
#ifndef IOTYPES_LIBC_H
#define IOTYPES_LIBC_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "iotypes.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- The multi-value imports, with the status through a pointer ------------------------ */

/* Each returns the count the import returned and stores its status (IOT_OPEN, IOT_ENDED,
 * IOT_FAILED) in *status; the rules are docs/abi.md's. */
int32_t iot_read(iot_input in, void *buf, uint32_t len, int32_t *status);
int64_t iot_skip(iot_input in, int64_t len, int32_t *status);
int64_t iot_forward(iot_input in, iot_output out, int64_t len, int32_t *status);
int32_t iot_write(iot_output out, const void *buf, uint32_t len, int32_t *status);
int64_t iot_write_zeros(iot_output out, int64_t len, int32_t *status);
int32_t iot_read_at(iot_array arr, void *buf, uint32_t len, int64_t offset, int32_t *status);
int32_t iot_write_at(iot_array arr, const void *buf, uint32_t len, int64_t offset,
                     int32_t *status);
int64_t iot_length(iot_array arr, int32_t *status);
int64_t iot_copy(iot_array src, int64_t offset, iot_array dst, int64_t dst_offset, int64_t len,
                 int32_t *status);

/* Render a name or an error into `out`; return the output's status (the count is always 0). */
int32_t iot_render_pseudonym(iot_output out, iot_pseudonym name);
int32_t iot_render_error(iot_output out, iot_error err);

/* pipe: returns the input end and stores the output end. */
iot_input iot_make_pipe(iot_output *out);
/* from-stream: the input read to its end into a new array; *status is the input's. */
iot_array iot_stream_array(iot_input in, int32_t *status);

/* ---- Whole buffers ----------------------------------------------------------------------- */

/* Writes all `len` bytes; returns IOT_OPEN or IOT_FAILED. */
int32_t iot_write_bytes(iot_output out, const void *buf, size_t len);

/* Reads `in` to its end into memory from malloc, NUL-terminated (so text can be searched);
 * stores the byte count (without the NUL) in *len. Returns NULL if the input failed (the status
 * is then IOT_FAILED) or memory ran out (IOT_OPEN); the caller frees the buffer. */
char *iot_read_all(iot_input in, size_t *len, int32_t *status);

/* ---- stdio over handles ------------------------------------------------------------------ */

/* A FILE reading `in` or writing `out` (fopencookie), fully buffered: getline, fread, fprintf,
 * fwrite work as on any FILE. fclose flushes and frees the FILE; the handle stays the caller's.
 * A failed stream sets the FILE's error indicator (ferror). NULL if memory ran out. */
FILE *iot_input_file(iot_input in);
FILE *iot_output_file(iot_output out);

/* ---- Diagnostics --------------------------------------------------------------------------- */

/* The program's name, as GNU tools print it before a message: the last component of argv[0]
 * without ".wasm" ("grep" for guests/wasm/grep.wasm). */
const char *iot_program(void);

/* The diagnostic output: one handle, made at first use (import diagnostic-output). libc's stderr
 * goes to the same place, but only this one renders names and errors. */
iot_output iot_diagnostics(void);

/* "PROGRAM: MESSAGE\n" on the diagnostic output, MESSAGE formatted as by printf. */
void iot_report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "PROGRAM: NAME: MESSAGE\n", NAME the pseudonym of the input (output, array) as the host
 * renders it, e.g. the argument as the user wrote it; if the stream has failed, ": ERROR"
 * (rendered by the host) follows MESSAGE. The program never learns the name. */
void iot_report_input(iot_input in, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void iot_report_output(iot_output out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void iot_report_array(iot_array arr, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#ifdef __cplusplus
}
#endif

#endif /* IOTYPES_LIBC_H */
