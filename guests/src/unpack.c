/* unpack.wasm TREE DEST — copies every file of the input directory TREE (a folder, .zip, .tar or
 * .tar.gz) into the output directory DEST under the same name, bytes moved by the host
 * (input-forward): what `unzip -d DEST TREE.zip` or `tar -xf TREE.tar -C DEST` make, minus empty
 * directories; or, DEST being an archive, what `zip -r` or `tar -cf` make of TREE, unchanged. A
 * name that exists in DEST already is left alone and reported; the result is err. */
#include "iotypes.h"

IOT_MAIN("/// Copy every file of TREE into DEST, under the same names.");
IOT_MAIN("main: func(");
IOT_MAIN("  /// the folder or archive to copy");
IOT_MAIN("  tree: input-directory,");
IOT_MAIN("  /// the folder (made if missing), or .zip, .tar or .tar.gz, to create the files in");
IOT_MAIN("  dest: output-directory) -> result");

static char name[4096];

static void report(iot_directory tree, const char *what) {
    iot_output diag = iot_diagnostic_output();
    iot_write_str(diag, "unpack: ");
    iot_write_entry_name(diag, tree);
    iot_write_str(diag, what);
    iot_output_drop(diag);
}

IOT_EXPORT("main") int32_t iot_main(iot_directory tree, iot_output_directory dest) {
    int ok = 1;
    for (;;) {
        iot_entry e = iot_next_entry(tree, name, sizeof name);
        if (e.status != IOT_OPEN) break;
        if (e.kind != IOT_ENTRY_FILE) continue;
        if ((uint32_t)e.name_len >= sizeof name) {
            report(tree, ": name too long\n");
            ok = 0;
            continue;
        }
        iot_input in = iot_directory_open(tree);
        iot_output out = iot_output_directory_create(dest, name, (uint32_t)e.name_len);
        iot_rw64 moved = iot_input_forward(in, out, INT64_MAX);
        if (moved.status == IOT_FAILED || iot_output_flush(out) != IOT_OPEN) {
            report(tree, ": not copied (read or write error, or it exists already)\n");
            ok = 0;
        }
        iot_output_drop(out);
        iot_input_drop(in);
    }
    return ok ? IOT_OK : IOT_ERR;
}
