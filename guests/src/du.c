/* du.wasm TREE OUT — prints "SIZE<TAB>NAME\n" for every file of the input directory TREE, NAME
 * relative to it, sorted by name, then "TOTAL<TAB>.\n": the apparent sizes `du -ab
 * --apparent-size` counts for files, from the listing alone. It opens no file, so the host opens
 * none: sizing a tree of any number of files costs no file descriptor. */
#include "iotypes.h"

IOT_MAIN("/// Print the size in bytes of every file of TREE, then their total.");
IOT_MAIN("main: func(");
IOT_MAIN("  /// the folder or archive to size");
IOT_MAIN("  tree: input-directory,");
IOT_MAIN("  output: output-stream) -> result");

static char name[4096];

IOT_EXPORT("main") int32_t iot_main(iot_directory tree, iot_output out) {
    uint64_t total = 0;
    int ok = 1;
    for (;;) {
        iot_entry e = iot_next_entry(tree, name, sizeof name);
        if (e.status != IOT_OPEN) break;
        if (e.kind != IOT_ENTRY_FILE) continue;
        if (e.size < 0 || (uint32_t)e.name_len >= sizeof name) { /* unknown size, or too long */
            iot_output diag = iot_diagnostic_output();
            iot_write_str(diag, "du: ");
            iot_write_entry_name(diag, tree);
            iot_write_str(diag, e.size < 0 ? ": size unknown\n" : ": name too long\n");
            iot_output_drop(diag);
            ok = 0;
            continue;
        }
        total += (uint64_t)e.size;
        if (iot_write_u64(out, (uint64_t)e.size) != IOT_OPEN || iot_write_str(out, "\t") != IOT_OPEN ||
            iot_write_all(out, name, (uint32_t)e.name_len) != IOT_OPEN ||
            iot_write_str(out, "\n") != IOT_OPEN) {
            return iot_finish(out, 0);
        }
    }
    int wrote = iot_write_u64(out, total) == IOT_OPEN && iot_write_str(out, "\t.\n") == IOT_OPEN;
    return iot_finish(out, ok && wrote);
}
