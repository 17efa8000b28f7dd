/* diagnostics.c — messages to the user in the words of GNU tools ("grep: notes.txt: ..."), on
 * the host's diagnostic output, naming streams through their pseudonyms. */
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#include "iotypes-libc.h"

static char program[64];
static iot_output diagnostics;

const char *iot_program(void) {
    if (program[0] != '\0') return program;
    size_t argc = 0, size = 0;
    char *argv0 = NULL;
    if (__wasi_args_sizes_get(&argc, &size) == 0 && argc > 0) {
        char **argv = malloc(argc * sizeof *argv);
        char *strings = malloc(size);
        if (argv != NULL && strings != NULL && __wasi_args_get((uint8_t **)argv, (uint8_t *)strings) == 0)
            argv0 = argv[0];
        const char *base = argv0 == NULL ? "" : argv0;
        const char *slash = strrchr(base, '/');
        base = slash != NULL ? slash + 1 : base;
        size_t n = strlen(base);
        if (n > 5 && strcmp(base + n - 5, ".wasm") == 0) n -= 5;
        if (n >= sizeof program) n = sizeof program - 1;
        memcpy(program, base, n);
        program[n] = '\0';
        free(argv);
        free(strings);
    }
    if (program[0] == '\0') strcpy(program, "main");
    return program;
}

iot_output iot_diagnostics(void) {
    if (diagnostics == IOT_NONE) diagnostics = iot_diagnostic_output();
    return diagnostics;
}

static void text(const char *s) {
    iot_write_bytes(iot_diagnostics(), s, strlen(s));
}

static void message(const char *fmt, va_list args) {
    char line[1024];
    vsnprintf(line, sizeof line, fmt, args);
    text(line);
}

void iot_report(const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    text(iot_program());
    text(": ");
    message(fmt, args);
    va_end(args);
    text("\n");
    iot_output_flush(iot_diagnostics());
}

/* PROGRAM: NAME: MESSAGE[: ERROR] */
static void named(iot_pseudonym name, iot_error err, const char *fmt, va_list args) {
    iot_output out = iot_diagnostics();
    text(iot_program());
    text(": ");
    iot_render_pseudonym(out, name);
    iot_pseudonym_drop(name);
    text(": ");
    message(fmt, args);
    if (err != IOT_NONE) {
        text(": ");
        iot_render_error(out, err);
        iot_error_drop(err);
    }
    text("\n");
    iot_output_flush(out);
}

void iot_report_input(iot_input in, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    named(iot_input_pseudonym(in), iot_input_error(in), fmt, args);
    va_end(args);
}

void iot_report_output(iot_output out, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    named(iot_output_pseudonym(out), iot_output_error(out), fmt, args);
    va_end(args);
}

void iot_report_array(iot_array arr, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    named(iot_array_pseudonym(arr), iot_array_error(arr), fmt, args);
    va_end(args);
}
