/* sha256deep.wasm TREE OUT — prints "<64 hex digits>  NAME\n" for every file of the input
 * directory TREE, NAME relative to it, sorted by name (the order entries come in): what
 * `cd TREE && find . -type f | LC_ALL=C sort | cut -c3- | xargs -d '\n' sha256sum` prints. The
 * same module hashes a folder, a .zip or a .tar.gz: it sees only entries. */
#include "iotypes.h"
#include "sha256.h"

IOT_MAIN("/// Print the SHA-256 of every file of TREE, one line each, sorted by name.");
IOT_MAIN("main: func(");
IOT_MAIN("  /// the folder or archive to hash");
IOT_MAIN("  tree: input-directory,");
IOT_MAIN("  output: output-stream) -> result");

static uint8_t buf[64 * 1024 + 128]; /* a multiple of 64, plus room for the padding */
static char name[4096];

/* Hashes `in` to its end into `line` (64 hex digits); returns the input's final status. */
static int32_t hash(iot_input in, char line[64]) {
    uint32_t h[8] = IOT_SHA256_INIT;
    uint64_t total = 0;
    uint32_t have = 0; /* bytes in buf not yet compressed, always < 64 between reads */
    iot_rw32 r;
    do {
        r = iot_input_read(in, buf + have, 64 * 1024 - have);
        total += (uint32_t)r.count;
        have += (uint32_t)r.count;
        iot_sha256_compress(h, buf, have / 64);
        uint32_t done = have / 64 * 64;
        for (uint32_t i = 0; i < have - done; i++) buf[i] = buf[done + i];
        have -= done;
    } while (r.status == IOT_OPEN);
    if (r.status != IOT_ENDED) return r.status;

    iot_sha256_finish(h, buf, have, total, line);
    return IOT_ENDED;
}

/* "sha256deep: NAME: read error: WHY" on the diagnostic output, NAME the entry's pseudonym. */
static void report(iot_directory tree, iot_input in) {
    iot_output diag = iot_diagnostic_output();
    iot_error err = iot_input_error(in);
    iot_write_str(diag, "sha256deep: ");
    iot_write_entry_name(diag, tree);
    iot_write_str(diag, ": read error: ");
    iot_output_write_error(diag, err);
    iot_write_str(diag, "\n");
    iot_error_drop(err);
    iot_output_drop(diag);
}

IOT_EXPORT("main") int32_t iot_main(iot_directory tree, iot_output out) {
    int ok = 1;
    char line[66];
    line[64] = line[65] = ' ';
    for (;;) {
        iot_entry e = iot_next_entry(tree, name, sizeof name);
        if (e.status != IOT_OPEN) break;
        if (e.kind != IOT_ENTRY_FILE) continue;
        if ((uint32_t)e.name_len >= sizeof name) { /* longer than any sane path: say so */
            iot_output diag = iot_diagnostic_output();
            iot_write_str(diag, "sha256deep: ");
            iot_write_entry_name(diag, tree);
            iot_write_str(diag, ": name too long\n");
            iot_output_drop(diag);
            ok = 0;
            continue;
        }
        iot_input in = iot_directory_open(tree);
        if (hash(in, line) != IOT_ENDED) {
            report(tree, in);
            ok = 0;
        } else if (iot_write_all(out, line, sizeof line) != IOT_OPEN ||
                   iot_write_all(out, name, (uint32_t)e.name_len) != IOT_OPEN ||
                   iot_write_str(out, "\n") != IOT_OPEN) {
            iot_input_drop(in);
            return iot_finish(out, 0);
        }
        iot_input_drop(in);
    }
    return iot_finish(out, ok);
}
