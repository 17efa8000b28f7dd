/* shim.c — the iotypes imports over POSIX file descriptors, to test the guests' C logic natively:
 *   gcc -O2 -Wall -Wextra -I../include -o wc ../src/wc.c shim.c && ./wc FILE -
 * A TEST AID ONLY, never part of a guest (build.sh does not use it). Binds iot_main's parameters
 * from argv like `iotypes run` (handles positionally, a list taking what the others leave, "-" for
 * stdin/stdout; integers, bools and enums as --NAME or -X options, with the doc's defaults),
 * reading the declaration from section iotypes_main (IOT_MAIN). Misuse aborts (a "trap").
 * Files only: pipe, anonymous, output-from-array, from-stream and array-copy abort. A `clock`
 * parameter is the host's clocks, a `random` one getrandom(2); poll is poll(2) on the inputs' and
 * outputs' descriptors, bounded by the earliest deadline. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "iotypes.h"

extern const char __start_iotypes_main[], __stop_iotypes_main[];
extern int32_t iot_main(void); /* called through a cast to its real arity */

enum kind { FREE, INPUT, OUTPUT, ARRAY, PSEUDONYM, ERROR, DIRECTORY, OUTPUT_DIRECTORY, CLOCK,
            RANDOM, POLLABLE };
static const char *kind_names[] = {"dropped",   "input", "output",    "array",
                                   "pseudonym", "error", "directory", "output-directory",
                                   "clock",     "random", "pollable"};
static struct handle {
    enum kind kind;
    int fd;
    off_t pos;        /* input over an array: its own position; -1 reads the fd sequentially */
    int32_t status;   /* sticky ended/failed */
    const char *text; /* pseudonym text, error text */
    int err;          /* errno of the failure */
    int written;      /* an output has been written to: its media type is settled */
    short events;     /* a pollable of a stream: POLLIN or POLLOUT on fd; 0: a deadline at pos */
} table[4096];
static int32_t next_handle = 1;

static void trap(const char *fn, const char *why) {
    fprintf(stderr, "trap in %s: %s\n", fn, why);
    abort();
}
static struct handle *get(const char *fn, int32_t h, enum kind kind) {
    if (h <= 0 || h >= next_handle || table[h].kind == FREE) trap(fn, "invalid handle");
    if (table[h].kind != kind) {
        fprintf(stderr, "trap in %s: handle %d is a %s, not a %s\n", fn, h, kind_names[table[h].kind],
                kind_names[kind]);
        abort();
    }
    return &table[h];
}
static int32_t add(enum kind kind, int fd, const char *text) {
    if (next_handle >= (int32_t)(sizeof table / sizeof table[0])) trap("shim", "handle table full");
    table[next_handle] = (struct handle){kind, fd, -1, IOT_OPEN, text, 0, 0, 0};
    return next_handle++;
}
static void nonneg(const char *fn, int64_t v) {
    if (v < 0) trap(fn, "negative length or offset");
}
static int32_t fail(struct handle *o) {
    o->status = IOT_FAILED;
    o->err = errno;
    return IOT_FAILED;
}

iot_rw32 iot_input_read(iot_input in, void *ptr, uint32_t len) {
    struct handle *o = get("input-read", in, INPUT);
    if (o->status != IOT_OPEN || len == 0) return (iot_rw32){0, o->status};
    ssize_t n;
    do n = o->pos >= 0 ? pread(o->fd, ptr, len, o->pos) : read(o->fd, ptr, len);
    while (n < 0 && errno == EINTR);
    if (n < 0) return (iot_rw32){0, fail(o)};
    if (n == 0) o->status = IOT_ENDED;
    if (o->pos >= 0) o->pos += n;
    return (iot_rw32){(int32_t)n, o->status};
}

static iot_rw32 write_fd(struct handle *o, const void *ptr, uint32_t len) {
    if (len > 0) o->written = 1;
    if (o->status != IOT_OPEN) return (iot_rw32){0, o->status};
    uint32_t done = 0;
    while (done < len) {
        ssize_t n = write(o->fd, (const char *)ptr + done, len - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return (iot_rw32){(int32_t)done, fail(o)};
        done += (uint32_t)n;
    }
    return (iot_rw32){(int32_t)done, IOT_OPEN};
}

static char chunk[1 << 16];

iot_rw64 iot_input_skip(iot_input in, int64_t len) {
    nonneg("input-skip", len);
    iot_rw64 t = {0, IOT_OPEN};
    while (t.count < len) {
        int64_t want = len - t.count < (int64_t)sizeof chunk ? len - t.count : (int64_t)sizeof chunk;
        iot_rw32 r = iot_input_read(in, chunk, (uint32_t)want);
        t.count += r.count;
        if ((t.status = r.status) != IOT_OPEN) break;
    }
    return t;
}

iot_rw64 iot_input_forward(iot_input in, iot_output out, int64_t len) {
    get("input-forward", in, INPUT);
    struct handle *o = get("input-forward", out, OUTPUT);
    nonneg("input-forward", len);
    iot_rw64 t = {0, IOT_OPEN};
    while (t.count < len) {
        int64_t want = len - t.count < (int64_t)sizeof chunk ? len - t.count : (int64_t)sizeof chunk;
        iot_rw32 r = iot_input_read(in, chunk, (uint32_t)want);
        iot_rw32 w = write_fd(o, chunk, (uint32_t)r.count);
        t.count += w.count;
        if (w.status != IOT_OPEN) return (iot_rw64){t.count, w.status};
        if ((t.status = r.status) != IOT_OPEN) break;
    }
    return t;
}

static int32_t media_type(void *ptr, uint32_t len) {
    static const char t[] = "application/octet-stream";
    memcpy(ptr, t, len < sizeof t - 1 ? len : sizeof t - 1);
    return (int32_t)(sizeof t - 1);
}
static iot_error error_of(struct handle *o) {
    return o->status == IOT_FAILED ? add(ERROR, -1, strerror(o->err)) : IOT_NONE;
}

int32_t iot_input_media_type(iot_input in, void *ptr, uint32_t len) {
    get("input-media-type", in, INPUT);
    return media_type(ptr, len);
}
iot_pseudonym iot_input_pseudonym(iot_input in) {
    return add(PSEUDONYM, -1, get("input-pseudonym", in, INPUT)->text);
}
iot_error iot_input_error(iot_input in) { return error_of(get("input-error", in, INPUT)); }
void iot_input_drop(iot_input in) { get("input-drop", in, INPUT)->kind = FREE; }

iot_rw32 iot_output_write(iot_output out, const void *ptr, uint32_t len) {
    return write_fd(get("output-write", out, OUTPUT), ptr, len);
}
iot_rw64 iot_output_write_zeros(iot_output out, int64_t len) {
    struct handle *o = get("output-write-zeros", out, OUTPUT);
    nonneg("output-write-zeros", len);
    static const char zeros[1 << 16];
    iot_rw64 t = {0, IOT_OPEN};
    while (t.count < len && t.status == IOT_OPEN) {
        int64_t want = len - t.count < (int64_t)sizeof zeros ? len - t.count : (int64_t)sizeof zeros;
        iot_rw32 w = write_fd(o, zeros, (uint32_t)want);
        t.count += w.count;
        t.status = w.status;
    }
    return t;
}
int32_t iot_output_flush(iot_output out) { return get("output-flush", out, OUTPUT)->status; }
int32_t iot_output_media_type(iot_output out, void *ptr, uint32_t len) {
    get("output-media-type", out, OUTPUT);
    return media_type(ptr, len);
}
int32_t iot_output_set_media_type(iot_output out, const void *ptr, uint32_t len) {
    (void)ptr, (void)len; /* the shim keeps no media types: taken only before the first write */
    return !get("output-set-media-type", out, OUTPUT)->written;
}
iot_pseudonym iot_output_pseudonym(iot_output out) {
    return add(PSEUDONYM, -1, get("output-pseudonym", out, OUTPUT)->text);
}
iot_rw32 iot_output_write_pseudonym(iot_output out, iot_pseudonym name) {
    struct handle *o = get("output-write-pseudonym", out, OUTPUT);
    const char *text = get("output-write-pseudonym", name, PSEUDONYM)->text;
    iot_rw32 w = write_fd(o, text, (uint32_t)strlen(text));
    w.count = 0; /* as the host: a count would tell the name's length */
    return w;
}
iot_rw32 iot_output_write_error(iot_output out, iot_error err) {
    struct handle *o = get("output-write-error", out, OUTPUT);
    const char *text = get("output-write-error", err, ERROR)->text;
    iot_rw32 w = write_fd(o, text, (uint32_t)strlen(text));
    w.count = 0;
    return w;
}
iot_error iot_output_error(iot_output out) { return error_of(get("output-error", out, OUTPUT)); }
void iot_output_drop(iot_output out) { get("output-drop", out, OUTPUT)->kind = FREE; }

iot_rw32 iot_array_read_at(iot_array arr, void *ptr, uint32_t len, int64_t offset) {
    struct handle *a = get("array-read-at", arr, ARRAY);
    nonneg("array-read-at", offset);
    if (a->status == IOT_FAILED) return (iot_rw32){0, IOT_FAILED};
    uint32_t done = 0;
    while (done < len) {
        ssize_t n = pread(a->fd, (char *)ptr + done, len - done, offset + done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return (iot_rw32){(int32_t)done, fail(a)};
        if (n == 0) return (iot_rw32){(int32_t)done, IOT_ENDED};
        done += (uint32_t)n;
    }
    return (iot_rw32){(int32_t)done, IOT_OPEN};
}
iot_rw32 iot_array_write_at(iot_array arr, const void *ptr, uint32_t len, int64_t offset) {
    struct handle *a = get("array-write-at", arr, ARRAY);
    nonneg("array-write-at", offset);
    if (a->status == IOT_FAILED) return (iot_rw32){0, IOT_FAILED};
    uint32_t done = 0;
    while (done < len) {
        ssize_t n = pwrite(a->fd, (const char *)ptr + done, len - done, offset + done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return (iot_rw32){(int32_t)done, fail(a)};
        done += (uint32_t)n;
    }
    return (iot_rw32){(int32_t)done, IOT_OPEN};
}
iot_len64 iot_array_len(iot_array arr) {
    struct handle *a = get("array-len", arr, ARRAY);
    struct stat st;
    if (a->status == IOT_FAILED) return (iot_len64){0, IOT_FAILED};
    if (fstat(a->fd, &st) != 0) return (iot_len64){0, fail(a)};
    return (iot_len64){st.st_size, IOT_OPEN};
}
int32_t iot_array_set_len(iot_array arr, int64_t len) {
    struct handle *a = get("array-set-len", arr, ARRAY);
    nonneg("array-set-len", len);
    return ftruncate(a->fd, len) == 0 ? IOT_OPEN : fail(a);
}
void iot_array_advise(iot_array arr, int64_t offset, int64_t len, int32_t advice) {
    get("array-advise", arr, ARRAY);
    nonneg("array-advise", offset);
    nonneg("array-advise", len);
    if (advice < 0 || advice > 5) trap("array-advise", "advice outside the enum");
}
int32_t iot_array_flush(iot_array arr) { return get("array-flush", arr, ARRAY)->status; }
int32_t iot_array_media_type(iot_array arr, void *ptr, uint32_t len) {
    get("array-media-type", arr, ARRAY);
    return media_type(ptr, len);
}
iot_pseudonym iot_array_pseudonym(iot_array arr) {
    return add(PSEUDONYM, -1, get("array-pseudonym", arr, ARRAY)->text);
}
iot_rw64 iot_array_copy(iot_array src, int64_t offset, iot_array dst, int64_t dst_offset, int64_t len) {
    (void)src, (void)offset, (void)dst, (void)dst_offset, (void)len;
    trap("array-copy", "not supported by the shim");
    return (iot_rw64){0, IOT_FAILED};
}
iot_error iot_array_error(iot_array arr) { return error_of(get("array-error", arr, ARRAY)); }
void iot_array_drop(iot_array arr) { get("array-drop", arr, ARRAY)->kind = FREE; }
void iot_pseudonym_drop(iot_pseudonym name) { get("pseudonym-drop", name, PSEUDONYM)->kind = FREE; }
void iot_error_drop(iot_error err) { get("error-drop", err, ERROR)->kind = FREE; }

iot_pipe_ends iot_pipe(void) {
    trap("pipe", "not supported by the shim");
    return (iot_pipe_ends){0, 0};
}
iot_output iot_null_output(void) { return add(OUTPUT, open("/dev/null", O_WRONLY), "<pseudonym>"); }
iot_input iot_input_from_array(iot_array arr, int64_t offset) {
    struct handle *a = get("input-from-array", arr, ARRAY);
    nonneg("input-from-array", offset);
    int32_t h = add(INPUT, a->fd, "<pseudonym>");
    table[h].pos = offset;
    return h;
}
iot_output iot_output_from_array(iot_array arr, int64_t offset) {
    (void)arr, (void)offset;
    trap("output-from-array", "not supported by the shim");
    return 0;
}
iot_array iot_anonymous(void) {
    trap("anonymous", "not supported by the shim");
    return 0;
}
iot_array_status iot_from_stream(iot_input in) {
    (void)in;
    trap("from-stream", "not supported by the shim");
    return (iot_array_status){0, IOT_FAILED};
}

/* ---- Input directories: a folder's regular files and directories, links skipped, sorted by
 * their bytes (folders only: archives are the host's). The handle's fd indexes `dirs`. */
static struct dir {
    const char *root;
    struct entry { char *name; int32_t kind; int64_t size; } *entries;
    int count, cap, at; /* at: the current entry, -1 before the first */
} dirs[8];
static int ndirs;
static struct dir *walking;

static int collect(const char *path, const struct stat *st, int type, struct FTW *ftw) {
    if (ftw->level == 0 || (type != FTW_F && type != FTW_D)) return 0; /* the root, links */
    if (type == FTW_F && !S_ISREG(st->st_mode)) return 0;               /* devices, FIFOs */
    struct dir *d = walking;
    if (d->count == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 64;
        d->entries = realloc(d->entries, (size_t)d->cap * sizeof *d->entries);
        if (!d->entries) trap("shim", "out of memory");
    }
    d->entries[d->count++] = (struct entry){strdup(path + strlen(d->root) + 1),
                                            type == FTW_D ? IOT_ENTRY_DIRECTORY : IOT_ENTRY_FILE,
                                            type == FTW_D ? -1 : (int64_t)st->st_size};
    return 0;
}
static int by_name(const void *a, const void *b) {
    return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}
static int32_t open_directory(const char *root) {
    struct stat st;
    if (ndirs == (int)(sizeof dirs / sizeof dirs[0])) trap("shim", "too many directories");
    if (stat(root, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "%s: not a directory (the shim reads folders only)\n", root);
        exit(66);
    }
    walking = &dirs[ndirs];
    walking->root = root;
    walking->at = -1;
    if (nftw(root, collect, 32, FTW_PHYS) != 0) {
        perror(root);
        exit(66);
    }
    qsort(walking->entries, (size_t)walking->count, sizeof *walking->entries, by_name);
    return add(DIRECTORY, ndirs++, root);
}
static struct entry *current(const char *fn, iot_directory dir) {
    struct dir *d = &dirs[get(fn, dir, DIRECTORY)->fd];
    if (d->at < 0 || d->at >= d->count) trap(fn, "no current entry");
    return &d->entries[d->at];
}
static char *entry_path(iot_directory dir, const char *name) {
    const char *root = dirs[table[dir].fd].root;
    char *path = malloc(strlen(root) + strlen(name) + 2);
    if (!path) trap("shim", "out of memory");
    sprintf(path, "%s/%s", root, name);
    return path;
}
static int32_t copy_name(const char *name, void *ptr, uint32_t len) {
    uint32_t n = (uint32_t)strlen(name);
    if (len > 0) memcpy(ptr, name, n < len ? n : len);
    return (int32_t)n;
}

iot_entry iot_directory_next(iot_directory dir, void *ptr, uint32_t len) {
    struct dir *d = &dirs[get("directory-next", dir, DIRECTORY)->fd];
    if (d->at < d->count) d->at++;
    if (d->at >= d->count) return (iot_entry){0, 0, 0, IOT_ENDED};
    struct entry *e = &d->entries[d->at];
    return (iot_entry){copy_name(e->name, ptr, len), e->kind, e->size, IOT_OPEN};
}
int32_t iot_directory_name(iot_directory dir, void *ptr, uint32_t len) {
    return copy_name(current("directory-name", dir)->name, ptr, len);
}
int32_t iot_directory_media_type(iot_directory dir, void *ptr, uint32_t len) {
    current("directory-media-type", dir);
    return media_type(ptr, len);
}
iot_pseudonym iot_directory_pseudonym(iot_directory dir) {
    return add(PSEUDONYM, -1, entry_path(dir, current("directory-pseudonym", dir)->name));
}
iot_input iot_directory_open(iot_directory dir) {
    struct entry *e = current("directory-open", dir);
    char *path = entry_path(dir, e->name);
    int fd = e->kind == IOT_ENTRY_DIRECTORY ? open("/dev/null", O_RDONLY)
                                            : open(path, O_RDONLY | O_NOFOLLOW);
    int32_t h = add(INPUT, fd, path);
    if (fd < 0) fail(&table[h]); /* an outcome on the first read, as the host reports it */
    return h;
}
void iot_directory_drop(iot_directory dir) { get("directory-drop", dir, DIRECTORY)->kind = FREE; }

/* output-directory: new files beneath a folder, parents made, nothing existing touched (the
 * host also checks the name is portable; the shim trusts the guest). */
iot_output iot_output_directory_create(iot_output_directory dir, const void *ptr, uint32_t len) {
    const char *root = get("output-directory-create", dir, OUTPUT_DIRECTORY)->text;
    char *path = malloc(strlen(root) + len + 2);
    if (!path) trap("shim", "out of memory");
    sprintf(path, "%s/%.*s", root, (int)len, (const char *)ptr);
    for (char *slash = strchr(path + strlen(root) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        mkdir(path, 0755);
        *slash = '/';
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644);
    int32_t h = add(OUTPUT, fd, path);
    if (fd < 0) fail(&table[h]); /* an outcome on the first write, as the host reports it */
    return h;
}
void iot_output_directory_drop(iot_output_directory dir) {
    get("output-directory-drop", dir, OUTPUT_DIRECTORY)->kind = FREE;
}

/* The host's diagnostic output: standard error here. */
iot_output iot_diagnostic_output(void) { return add(OUTPUT, 2, "<stderr>"); }

/* ---- The declaration: a small reader of the section's WIT (docs/abi.md) ---------------------- */

#define MAX_PARAMS 16
static struct param {
    char name[64], type[64], arity[16]; /* arity: one, option, list */
    char flag;                          /* short flag, or 0 */
    char dflt[64];                      /* default, or "" */
    const char *given;                  /* the option's text from argv */
} params[MAX_PARAMS];
static int nparams, returns_result;
static char enum_names[8][64], enum_cases[8][16][64];
static int nenums, ncases[8];

static char decl[8192];
static char *cursor;

/* The next token (identifier, punctuation or "///doc" line), or NULL at the end. */
static char *token(char *out) {
    for (;;) {
        while (*cursor == ' ' || *cursor == '\n' || *cursor == '\t' || *cursor == '\r') cursor++;
        if (cursor[0] == '/' && cursor[1] == '/') {
            char *end = strchr(cursor, '\n');
            size_t n = end ? (size_t)(end - cursor) : strlen(cursor);
            int doc = cursor[2] == '/';
            if (doc) { memcpy(out, cursor, n < 255 ? n : 255); out[n < 255 ? n : 255] = '\0'; }
            cursor += n;
            if (doc) return out;
            continue;
        }
        break;
    }
    if (!*cursor) return NULL;
    if (cursor[0] == '-' && cursor[1] == '>') { strcpy(out, "->"); cursor += 2; return out; }
    if (strchr(":,(){}<>", *cursor)) { out[0] = *cursor++; out[1] = '\0'; return out; }
    size_t n = strspn(cursor, "%abcdefghijklmnopqrstuvwxyz0123456789-");
    if (n == 0 || n > 63) trap("shim", "bad declaration");
    memcpy(out, cursor, n);
    out[n] = '\0';
    cursor += n;
    return out;
}

static void read_declaration(void) {
    size_t len = 0;
    for (const char *p = __start_iotypes_main; p < __stop_iotypes_main; p++)
        if (*p && len < sizeof decl - 1) decl[len++] = *p; /* NULs: padding between lines */
    decl[len] = '\0';
    cursor = decl;
    char t[256], doc0[256] = "", dflt[64] = "";
    int docs = 0;
    while (token(t)) {
        if (!strncmp(t, "///", 3)) continue;
        if (!strcmp(t, "enum")) {
            token(enum_names[nenums]);
            token(t); /* { */
            while (token(t) && strcmp(t, "}"))
                if (strcmp(t, ",") && strncmp(t, "///", 3)) strcpy(enum_cases[nenums][ncases[nenums]++], t);
            nenums++;
            continue;
        }
        if (strcmp(t, "main")) trap("shim", "only `main` is bound");
        token(t), token(t), token(t); /* : func ( */
        while (token(t) && strcmp(t, ")")) {
            const char *text = t[3] == ' ' ? t + 4 : t + 3;
            if (!strncmp(t, "///", 3)) {
                if (docs++ == 0) strcpy(doc0, text);
                if (!strncmp(text, "default:", 8)) snprintf(dflt, sizeof dflt, "%s", text + 8 + strspn(text + 8, " "));
                continue;
            }
            if (!strcmp(t, ",")) continue;
            struct param *p = &params[nparams++];
            strcpy(p->name, t);
            token(t); /* : */
            token(p->type);
            strcpy(p->arity, "one");
            char next[256];
            char *save = cursor;
            if (token(next) && !strcmp(next, "<")) {
                strcpy(p->arity, strcmp(p->type, "borrow") ? p->type : "one");
                token(p->type);
                token(next); /* > */
            } else {
                cursor = save;
            }
            p->flag = doc0[0] == '-' && doc0[1] && (doc0[2] == ',' || doc0[2] == ':') ? doc0[1] : 0;
            strcpy(p->dflt, dflt);
            docs = 0, doc0[0] = dflt[0] = '\0';
        }
        if (token(t) && !strcmp(t, "->")) returns_result = token(t) && !strcmp(t, "result");
    }
}

/* ---- Clocks, random and poll ---- */

static int64_t monotonic_origin = -1;
static int64_t now_ns(clockid_t id) {
    struct timespec t;
    clock_gettime(id, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}
int64_t iot_clock_monotonic_now(iot_clock c) {
    get("clock-monotonic-now", c, CLOCK);
    return now_ns(CLOCK_MONOTONIC) - monotonic_origin;
}
iot_wall_time iot_clock_wall_now(iot_clock c) {
    get("clock-wall-now", c, CLOCK);
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (iot_wall_time){t.tv_sec, (int32_t)t.tv_nsec};
}
int64_t iot_clock_resolution(iot_clock c) {
    get("clock-resolution", c, CLOCK);
    return 1;
}
iot_pollable iot_clock_deadline(iot_clock c, int64_t at) {
    get("clock-deadline", c, CLOCK);
    int32_t p = add(POLLABLE, -1, NULL);
    table[p].pos = at;
    return p;
}
void iot_clock_drop(iot_clock c) { get("clock-drop", c, CLOCK)->kind = FREE; }
int32_t iot_random_fill(iot_random r, void *ptr, uint32_t len) {
    get("random-fill", r, RANDOM);
    for (uint32_t done = 0; done < len;) {
        ssize_t n = getrandom((char *)ptr + done, len - done, 0);
        if (n > 0) done += (uint32_t)n;
    }
    return IOT_OPEN;
}
void iot_random_drop(iot_random r) { get("random-drop", r, RANDOM)->kind = FREE; }
static iot_pollable stream_pollable(struct handle *o, short events) {
    int32_t p = add(POLLABLE, o->pos >= 0 || o->status != IOT_OPEN ? -1 : o->fd, NULL);
    table[p].events = events; /* fd -1: a file, an array or an ended stream, always ready */
    return p;
}
iot_pollable iot_input_pollable(iot_input in) {
    return stream_pollable(get("input-pollable", in, INPUT), POLLIN);
}
iot_pollable iot_output_pollable(iot_output out) {
    return stream_pollable(get("output-pollable", out, OUTPUT), POLLOUT);
}
/* Ready now: -1 if it is a deadline not yet reached (in *wait, the nanoseconds left). */
static int ready_now(struct handle *p, int64_t *wait, struct pollfd *fd) {
    fd->fd = -1;
    if (p->events == 0) {
        int64_t left = p->pos - (now_ns(CLOCK_MONOTONIC) - monotonic_origin);
        if (left <= 0) return 1;
        if (left < *wait) *wait = left;
        return 0;
    }
    if (p->fd < 0) return 1;
    *fd = (struct pollfd){p->fd, p->events, 0};
    return 0;
}
int32_t iot_pollable_ready(iot_pollable h) {
    int64_t wait = INT64_MAX;
    struct pollfd fd;
    if (ready_now(get("pollable-ready", h, POLLABLE), &wait, &fd)) return 1;
    return fd.fd >= 0 && poll(&fd, 1, 0) > 0;
}
void iot_pollable_drop(iot_pollable h) { get("pollable-drop", h, POLLABLE)->kind = FREE; }
int32_t iot_poll(const iot_pollable *pollables, uint32_t count, uint8_t *ready) {
    if (count < 1 || count > 4096) trap("poll", "count < 1 would wait forever");
    struct pollfd fds[4096];
    for (;;) {
        int64_t wait = INT64_MAX;
        int32_t n = 0;
        for (uint32_t i = 0; i < count; i++) {
            ready[i] = (uint8_t)ready_now(get("poll", pollables[i], POLLABLE), &wait, &fds[i]);
            n += ready[i];
        }
        int timeout = n > 0 ? 0 : wait == INT64_MAX ? -1 : (int)(wait / 1000000 + 1);
        if (poll(fds, count, timeout) > 0) {
            for (uint32_t i = 0; i < count; i++) {
                if (fds[i].fd >= 0 && fds[i].revents) {
                    ready[i] = 1;
                    n++;
                }
            }
        }
        if (n > 0) return n;
    }
}

static int is_handle(const struct param *p) {
    return !strcmp(p->type, "input-stream") || !strcmp(p->type, "output-stream") ||
           !strcmp(p->type, "array") || !strcmp(p->type, "input-directory") ||
           !strcmp(p->type, "output-directory");
}

static int32_t open_handle(const struct param *p, const char *a) {
    const char *t = p->type;
    if (!strcmp(t, "input-directory")) return open_directory(a);
    if (!strcmp(t, "output-directory")) {
        mkdir(a, 0755);
        return add(OUTPUT_DIRECTORY, -1, a);
    }
    int fd = !strcmp(a, "-")               ? (t[0] == 'i' ? 0 : 1)
             : !strcmp(t, "input-stream")  ? open(a, O_RDONLY)
             : !strcmp(t, "output-stream") ? open(a, O_WRONLY | O_CREAT | O_TRUNC, 0644)
                                           : open(a, O_RDWR);
    if (fd < 0) { perror(a); exit(66); }
    return add(t[0] == 'i' ? INPUT : t[0] == 'o' ? OUTPUT : ARRAY, fd, a);
}

/* A plain value: an enum's case index, or the integer. */
static int64_t value(const struct param *p, const char *text) {
    for (int e = 0; e < nenums; e++) {
        if (strcmp(enum_names[e], p->type)) continue;
        for (int c = 0; c < ncases[e]; c++)
            if (!strcmp(enum_cases[e][c], text)) return c;
        fprintf(stderr, "--%s: not a %s: %s\n", p->name, p->type, text);
        exit(64);
    }
    return (int64_t)strtoull(text, NULL, 10);
}

/* Binds argv as `iotypes run` does, calls iot_main. */
int main(int argc, char **argv) {
    read_declaration();
    const char *positional[256];
    int npos = 0, ended = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (ended || a[0] != '-' || !a[1]) { if (npos < 256) positional[npos++] = a; continue; }
        if (!strcmp(a, "--")) { ended = 1; continue; }
        int is_long = a[1] == '-';
        for (const char *c = a + 1; *c; c++) {
            size_t n = is_long ? strcspn(a + 2, "=") : 1;
            struct param *p = NULL;
            for (int k = 0; k < nparams; k++)
                if (!is_handle(&params[k]) &&
                    (is_long ? strlen(params[k].name) == n && !strncmp(params[k].name, a + 2, n)
                             : params[k].flag == *c))
                    p = &params[k];
            if (!p) { fprintf(stderr, "unknown option %s\n", a); return 64; }
            if (!strcmp(p->type, "bool")) { p->given = "1"; if (is_long) break; continue; }
            p->given = is_long ? (a[2 + n] == '=' ? a + 3 + n : argv[++i]) : (c[1] ? c + 1 : argv[++i]);
            if (!p->given) { fprintf(stderr, "%s needs a value\n", a); return 64; }
            break;
        }
    }
    int64_t values[2 * MAX_PARAMS];
    int nvalues = 0, used = 0;
    for (int k = 0; k < nparams; k++) {
        struct param *p = &params[k];
        if (!strcmp(p->type, "clock") || !strcmp(p->type, "random")) {
            if (monotonic_origin < 0) monotonic_origin = now_ns(CLOCK_MONOTONIC);
            values[nvalues++] = add(p->type[0] == 'c' ? CLOCK : RANDOM, -1, NULL);
        } else if (is_handle(p)) {
            int after = 0;
            for (int j = k + 1; j < nparams; j++) after += is_handle(&params[j]) && !strcmp(params[j].arity, "one");
            int left = npos - used;
            int take = !strcmp(p->arity, "one") ? 1 : !strcmp(p->arity, "option") ? left > after : left - after;
            if (take < 0) take = 0;
            if (take > left) { fprintf(stderr, "missing argument %s\n", p->name); return 64; }
            int32_t first = 0;
            for (int j = 0; j < take; j++) {
                int32_t h = open_handle(p, positional[used++]);
                if (j == 0) first = h;
            }
            if (strcmp(p->arity, "one")) values[nvalues++] = !strcmp(p->arity, "option") ? take : first;
            values[nvalues++] = !strcmp(p->arity, "list") ? take : first;
        } else {
            const char *text = p->given ? p->given : p->dflt[0] ? p->dflt : NULL;
            if (!strcmp(p->arity, "option")) values[nvalues++] = text != NULL;
            else if (!text && strcmp(p->type, "bool")) { fprintf(stderr, "missing option --%s\n", p->name); return 64; }
            values[nvalues++] = text ? value(p, text) : 0;
        }
    }
    if (used != npos) { fprintf(stderr, "too many arguments\n"); return 64; }
    if (nvalues > 8) trap("shim", "more than 8 core parameters");
    /* Every core parameter is an integer here, and x86-64 and AArch64 pass the first eight in
     * registers, so one call shape fits every arity: i32 parameters read the low halves. */
    int64_t v[8] = {0};
    memcpy(v, values, (size_t)nvalues * sizeof v[0]);
    void *f = (void *)iot_main;
    int32_t r = ((int32_t(*)(int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t,
                             int64_t))f)(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    return returns_result ? (r == 0 ? 0 : 1) : r & 255;
}
