/*
 * iotypes-component.h — Canonical ABI bindings for C guests written as components.
 *
 * What wit-bindgen's C generator makes of the worlds in guests/components/wit/guests.wit, written
 * once by hand and kept to the functions the guests call, so that a C component needs neither
 * wit-bindgen nor libc: the same type names (wasi_io_streams_borrow_input_stream_t, ..._list_u8_t,
 * wasi_io_streams_stream_error_t), the same functions (a result<T, E> returns true for ok and
 * puts T in *ret, else E in *err), the same import names, return areas and `cabi_realloc`. Two
 * liberties, both to keep a guest short: the world-level types of every world are prefixed
 * `guest_` (the world they all include), and the export trampoline ends the borrows main was
 * lent (a guest must not drop them itself).
 *
 * Include it in the one C file that defines main, after defining which world it is:
 *
 *   #define GUEST_WORLD_INPUTS   // main: func(inputs: list<borrow<input-stream>>,
 *   #include "iotypes-component.h"   //            output: borrow<output-stream>) -> result
 *   bool exports_inputs_main(guest_list_borrow_input_stream_t *inputs,
 *                            wasi_io_streams_borrow_output_stream_t output) { ... }
 *
 * or GUEST_WORLD_COUNTS for wc's (three bools and an option<when> first). Build freestanding, no
 * wasi-libc, then embed the world and make the component (guests/components/build.sh; embed.mjs
 * is `jco embed --wit DIR --world-name WORLD`, which jco 1.35.0's command cannot do):
 *
 *   clang --target=wasm32 -ffreestanding -nostdlib -mbulk-memory -O2 -Wl,--no-entry ...
 *   node guests/components/embed.mjs "$JCO" guests/components/wit iotypes:guests/inputs \
 *       core.wasm e.wasm
 *   jco new e.wasm -o cat.wasm
 *
 * Memory: `cabi_realloc` bumps a pointer from __heap_base, growing memory as it goes, and
 * guest_free gives back only the latest block (a read's bytes once used); anything else stays
 * until the run ends, as a short-lived tool can afford. Every pointer and length handed to the
 * host is the guest's own; the host checks each against memory and traps a bad one.
 */
#ifndef IOTYPES_COMPONENT_H
#define IOTYPES_COMPONENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Types ------------------------------------------------------------------------------- */

/* A handle is an index into the component instance's handle table; an own one is the guest's to
 * drop, a borrow is lent for one call. */
typedef struct wasi_io_error_own_error_t { int32_t __handle; } wasi_io_error_own_error_t;
typedef wasi_io_error_own_error_t wasi_io_streams_own_error_t;

typedef struct wasi_io_streams_own_input_stream_t { int32_t __handle; } wasi_io_streams_own_input_stream_t;
typedef struct wasi_io_streams_borrow_input_stream_t { int32_t __handle; } wasi_io_streams_borrow_input_stream_t;
typedef struct wasi_io_streams_own_output_stream_t { int32_t __handle; } wasi_io_streams_own_output_stream_t;
typedef struct wasi_io_streams_borrow_output_stream_t { int32_t __handle; } wasi_io_streams_borrow_output_stream_t;

/* variant stream-error { last-operation-failed(error), closed }: `closed` is the end of an input. */
typedef struct wasi_io_streams_stream_error_t {
    uint8_t tag;
    union {
        wasi_io_streams_own_error_t last_operation_failed;
    } val;
} wasi_io_streams_stream_error_t;
#define WASI_IO_STREAMS_STREAM_ERROR_LAST_OPERATION_FAILED 0
#define WASI_IO_STREAMS_STREAM_ERROR_CLOSED 1

typedef struct iotypes_io_streams_own_pseudonym_t { int32_t __handle; } iotypes_io_streams_own_pseudonym_t;
typedef struct iotypes_io_streams_borrow_pseudonym_t { int32_t __handle; } iotypes_io_streams_borrow_pseudonym_t;
typedef wasi_io_streams_borrow_input_stream_t iotypes_io_streams_borrow_input_stream_t;
typedef wasi_io_streams_borrow_output_stream_t iotypes_io_streams_borrow_output_stream_t;
typedef wasi_io_streams_stream_error_t iotypes_io_streams_stream_error_t;

typedef struct guest_list_u8_t { uint8_t *ptr; size_t len; } guest_list_u8_t;
typedef struct guest_list_borrow_input_stream_t {
    wasi_io_streams_borrow_input_stream_t *ptr;
    size_t len;
} guest_list_borrow_input_stream_t;

/* ---- Memory ------------------------------------------------------------------------------ */

/* Compilers may emit calls to these; with -mbulk-memory the builtins are memory.copy and
 * memory.fill, so they never recurse. */
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

extern unsigned char __heap_base;
static uintptr_t guest_heap_top, guest_heap_last;

/* The host asks for the memory of every list it hands in (handles, read bytes) through this
 * export; so does the guest. A size memory cannot hold traps, as running out of memory does. */
__attribute__((__export_name__("cabi_realloc")))
void *cabi_realloc(void *ptr, size_t old_size, size_t align, size_t new_size) {
    if (align == 0 || (align & (align - 1)) != 0) __builtin_trap();
    if (ptr != NULL && new_size <= old_size) return ptr;
    if (guest_heap_top == 0) guest_heap_top = (uintptr_t)&__heap_base;
    uintptr_t at = (uintptr_t)ptr == guest_heap_last && ptr != NULL
                       ? guest_heap_last
                       : (guest_heap_top + align - 1) & ~(uintptr_t)(align - 1);
    uint64_t end = (uint64_t)at + new_size;
    uint64_t have = (uint64_t)__builtin_wasm_memory_size(0) * 65536;
    if ((at < guest_heap_top && at != guest_heap_last) || end >= ((uint64_t)1 << 32)) __builtin_trap();
    if (end > have && __builtin_wasm_memory_grow(0, (size_t)((end - have + 65535) / 65536)) == (size_t)-1)
        __builtin_trap();
    if (ptr != NULL && at != (uintptr_t)ptr) __builtin_memcpy((void *)at, ptr, old_size);
    guest_heap_last = at;
    guest_heap_top = (uintptr_t)end;
    return (void *)at;
}

/* Gives the block back if it is the latest; otherwise it stays until the run ends. */
static inline void guest_free(void *ptr) {
    if (ptr != NULL && (uintptr_t)ptr == guest_heap_last) {
        guest_heap_top = guest_heap_last;
        guest_heap_last = 0;
    }
}

static inline void guest_list_u8_free(guest_list_u8_t *list) {
    guest_free(list->ptr);
    list->ptr = NULL;
    list->len = 0;
}

/* ---- Imports ----------------------------------------------------------------------------- */

#define GUEST_IMPORT(module, name) \
    __attribute__((__import_module__(module), __import_name__(name))) extern

GUEST_IMPORT("wasi:io/error@0.2.0", "[resource-drop]error")
void __wasm_import_wasi_io_error_error_drop(int32_t handle);
GUEST_IMPORT("wasi:io/streams@0.2.0", "[resource-drop]input-stream")
void __wasm_import_wasi_io_streams_input_stream_drop(int32_t handle);
GUEST_IMPORT("wasi:io/streams@0.2.0", "[resource-drop]output-stream")
void __wasm_import_wasi_io_streams_output_stream_drop(int32_t handle);
GUEST_IMPORT("wasi:io/streams@0.2.0", "[method]input-stream.blocking-read")
void __wasm_import_wasi_io_streams_method_input_stream_blocking_read(int32_t self, int64_t len, uint8_t *ret);
GUEST_IMPORT("wasi:io/streams@0.2.0", "[method]output-stream.blocking-write-and-flush")
void __wasm_import_wasi_io_streams_method_output_stream_blocking_write_and_flush(
    int32_t self, uint8_t *ptr, size_t len, uint8_t *ret);
GUEST_IMPORT("wasi:io/streams@0.2.0", "[method]output-stream.blocking-flush")
void __wasm_import_wasi_io_streams_method_output_stream_blocking_flush(int32_t self, uint8_t *ret);
GUEST_IMPORT("wasi:io/streams@0.2.0", "[method]output-stream.blocking-splice")
void __wasm_import_wasi_io_streams_method_output_stream_blocking_splice(
    int32_t self, int32_t src, int64_t len, uint8_t *ret);
GUEST_IMPORT("iotypes:io/streams@0.2.0", "[resource-drop]pseudonym")
void __wasm_import_iotypes_io_streams_pseudonym_drop(int32_t handle);
GUEST_IMPORT("iotypes:io/streams@0.2.0", "input-pseudonym")
int32_t __wasm_import_iotypes_io_streams_input_pseudonym(int32_t stream);
GUEST_IMPORT("iotypes:io/streams@0.2.0", "write-pseudonym")
void __wasm_import_iotypes_io_streams_write_pseudonym(int32_t stream, int32_t name, uint8_t *ret);

static inline void wasi_io_error_error_drop_own(wasi_io_error_own_error_t handle) {
    __wasm_import_wasi_io_error_error_drop(handle.__handle);
}

static inline void wasi_io_streams_input_stream_drop_borrow(wasi_io_streams_borrow_input_stream_t h) {
    __wasm_import_wasi_io_streams_input_stream_drop(h.__handle);
}

static inline void wasi_io_streams_output_stream_drop_borrow(wasi_io_streams_borrow_output_stream_t h) {
    __wasm_import_wasi_io_streams_output_stream_drop(h.__handle);
}

/* Drops the error a failure carries, as wit-bindgen's _free of a variant owning a handle. */
static inline void wasi_io_streams_stream_error_free(wasi_io_streams_stream_error_t *err) {
    if (err->tag == WASI_IO_STREAMS_STREAM_ERROR_LAST_OPERATION_FAILED)
        wasi_io_error_error_drop_own(err->val.last_operation_failed);
}

/* result<_, stream-error> in a return area: the case at 0, stream-error's case at 4, its error
 * at 8. */
static inline bool guest_lift_result_void_stream_error(const uint8_t *ptr,
                                                       wasi_io_streams_stream_error_t *err) {
    if (ptr[0] == 0) return true;
    err->tag = ptr[4];
    if (err->tag == WASI_IO_STREAMS_STREAM_ERROR_LAST_OPERATION_FAILED)
        err->val.last_operation_failed = (wasi_io_error_own_error_t){*(const int32_t *)(ptr + 8)};
    return false;
}

/* Waits for at least one byte, then returns up to `len` of them in memory the host asked
 * cabi_realloc for (give it back with guest_list_u8_free); `closed` at the end. */
static inline bool wasi_io_streams_method_input_stream_blocking_read(
    wasi_io_streams_borrow_input_stream_t self, uint64_t len, guest_list_u8_t *ret,
    wasi_io_streams_stream_error_t *err) {
    __attribute__((__aligned__(4))) uint8_t ret_area[12];
    __wasm_import_wasi_io_streams_method_input_stream_blocking_read(self.__handle, (int64_t)len, ret_area);
    if (ret_area[0] == 0) {
        ret->ptr = *(uint8_t **)(ret_area + 4);
        ret->len = *(size_t *)(ret_area + 8);
        return true;
    }
    err->tag = ret_area[4];
    if (err->tag == WASI_IO_STREAMS_STREAM_ERROR_LAST_OPERATION_FAILED)
        err->val.last_operation_failed = (wasi_io_error_own_error_t){*(int32_t *)(ret_area + 8)};
    return false;
}

/* Writes all of `contents` and flushes (WASI allows at most 4096 bytes per call). */
static inline bool wasi_io_streams_method_output_stream_blocking_write_and_flush(
    wasi_io_streams_borrow_output_stream_t self, guest_list_u8_t *contents,
    wasi_io_streams_stream_error_t *err) {
    __attribute__((__aligned__(4))) uint8_t ret_area[12];
    __wasm_import_wasi_io_streams_method_output_stream_blocking_write_and_flush(
        self.__handle, contents->ptr, contents->len, ret_area);
    return guest_lift_result_void_stream_error(ret_area, err);
}

static inline bool wasi_io_streams_method_output_stream_blocking_flush(
    wasi_io_streams_borrow_output_stream_t self, wasi_io_streams_stream_error_t *err) {
    __attribute__((__aligned__(4))) uint8_t ret_area[12];
    __wasm_import_wasi_io_streams_method_output_stream_blocking_flush(self.__handle, ret_area);
    return guest_lift_result_void_stream_error(ret_area, err);
}

/* Moves up to `len` bytes from `src` to `self` without them entering the guest; *ret is how
 * many (0 only when none were ready); `closed` once `src` ended. */
static inline bool wasi_io_streams_method_output_stream_blocking_splice(
    wasi_io_streams_borrow_output_stream_t self, wasi_io_streams_borrow_input_stream_t src,
    uint64_t len, uint64_t *ret, wasi_io_streams_stream_error_t *err) {
    __attribute__((__aligned__(8))) uint8_t ret_area[16];
    __wasm_import_wasi_io_streams_method_output_stream_blocking_splice(
        self.__handle, src.__handle, (int64_t)len, ret_area);
    if (ret_area[0] == 0) {
        *ret = *(uint64_t *)(ret_area + 8);
        return true;
    }
    err->tag = ret_area[8];
    if (err->tag == WASI_IO_STREAMS_STREAM_ERROR_LAST_OPERATION_FAILED)
        err->val.last_operation_failed = (wasi_io_error_own_error_t){*(int32_t *)(ret_area + 12)};
    return false;
}

static inline void iotypes_io_streams_pseudonym_drop_own(iotypes_io_streams_own_pseudonym_t h) {
    __wasm_import_iotypes_io_streams_pseudonym_drop(h.__handle);
}

static inline iotypes_io_streams_borrow_pseudonym_t iotypes_io_streams_borrow_pseudonym(
    iotypes_io_streams_own_pseudonym_t h) {
    return (iotypes_io_streams_borrow_pseudonym_t){h.__handle};
}

/* The name the user gave the input (a path, `-`, a URL), which the guest can pass on to an
 * output but never read. */
static inline iotypes_io_streams_own_pseudonym_t iotypes_io_streams_input_pseudonym(
    iotypes_io_streams_borrow_input_stream_t stream) {
    return (iotypes_io_streams_own_pseudonym_t){
        __wasm_import_iotypes_io_streams_input_pseudonym(stream.__handle)};
}

/* Renders the name into an output the host handed in (only `<pseudonym>` into one the guest
 * made); how many bytes that took is not said. */
static inline bool iotypes_io_streams_write_pseudonym(iotypes_io_streams_borrow_output_stream_t stream,
                                                      iotypes_io_streams_borrow_pseudonym_t name,
                                                      iotypes_io_streams_stream_error_t *err) {
    __attribute__((__aligned__(4))) uint8_t ret_area[12];
    __wasm_import_iotypes_io_streams_write_pseudonym(stream.__handle, name.__handle, ret_area);
    return guest_lift_result_void_stream_error(ret_area, err);
}

/* ---- Exports ----------------------------------------------------------------------------- */

/* Ends the borrows of a call: every input of the list, then the output; then frees the list. */
static inline void guest_end_borrows(guest_list_borrow_input_stream_t *inputs,
                                     wasi_io_streams_borrow_output_stream_t output) {
    for (size_t i = 0; i < inputs->len; i++) wasi_io_streams_input_stream_drop_borrow(inputs->ptr[i]);
    wasi_io_streams_output_stream_drop_borrow(output);
    guest_free(inputs->ptr);
}

#if defined(GUEST_WORLD_INPUTS)
/* world inputs: cat, sha256sum. */
bool exports_inputs_main(guest_list_borrow_input_stream_t *inputs,
                         wasi_io_streams_borrow_output_stream_t output);

/* main: func(inputs: list<borrow<input-stream>>, output: borrow<output-stream>) -> result, flat:
 * (list pointer, list length, output handle) -> 0 for ok, 1 for err. */
__attribute__((__export_name__("main")))
int32_t __wasm_export_exports_inputs_main(uint8_t *arg, size_t arg0, int32_t arg1) {
    guest_list_borrow_input_stream_t inputs = {(wasi_io_streams_borrow_input_stream_t *)arg, arg0};
    wasi_io_streams_borrow_output_stream_t output = {arg1};
    bool ok = exports_inputs_main(&inputs, output);
    guest_end_borrows(&inputs, output);
    return ok ? 0 : 1;
}
#elif defined(GUEST_WORLD_COUNTS)
/* world counts: wc. */
typedef uint8_t counts_when_t; /* enum when { auto, always, only, never } */
#define COUNTS_WHEN_AUTO 0
#define COUNTS_WHEN_ALWAYS 1
#define COUNTS_WHEN_ONLY 2
#define COUNTS_WHEN_NEVER 3

/* An option parameter comes as a pointer to its value, NULL for none, as wit-bindgen's `maybe_`. */
bool exports_counts_main(bool bytes, bool lines, bool words, counts_when_t *maybe_total,
                         guest_list_borrow_input_stream_t *inputs,
                         wasi_io_streams_borrow_output_stream_t output);

/* main: func(bytes: bool, lines: bool, words: bool, total: option<when>,
 * inputs: list<borrow<input-stream>>, output: borrow<output-stream>) -> result, flat: a bool is
 * any i32 but 0; the option is its case (0 none, 1 some) then the enum's; a case past `never`
 * traps, as the Canonical ABI's lift of an enum does. */
__attribute__((__export_name__("main")))
int32_t __wasm_export_exports_counts_main(int32_t arg, int32_t arg0, int32_t arg1, int32_t arg2,
                                          int32_t arg3, uint8_t *arg4, size_t arg5, int32_t arg6) {
    counts_when_t total = (counts_when_t)arg3;
    if (arg2 > 1 || (arg2 == 1 && (uint32_t)arg3 > COUNTS_WHEN_NEVER)) __builtin_trap();
    guest_list_borrow_input_stream_t inputs = {(wasi_io_streams_borrow_input_stream_t *)arg4, arg5};
    wasi_io_streams_borrow_output_stream_t output = {arg6};
    bool ok = exports_counts_main(arg != 0, arg0 != 0, arg1 != 0, arg2 == 1 ? &total : NULL, &inputs,
                                  output);
    guest_end_borrows(&inputs, output);
    return ok ? 0 : 1;
}
#else
#error "define GUEST_WORLD_INPUTS or GUEST_WORLD_COUNTS before including iotypes-component.h"
#endif

#endif /* IOTYPES_COMPONENT_H */
