/* find.wasm TREE OUTPUT — every entry of the input directory TREE, walked with libc's opendir,
 * readdir, stat and fopen: a directory as `NAME/`, a file as `NAME SIZE FNV` (its size by stat,
 * and the FNV-1a hash of the bytes fopen reads). The tree is a folder, a .zip or a .tar.gz alike:
 * libc sees the directory it was handed, under its parameter's name, and no other path. Last, it
 * says that a name outside the tree cannot be opened. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "iotypes-libc.h"

IOT_MAIN("/// List every entry of TREE through libc: directories as NAME/, files as NAME SIZE FNV.");
IOT_MAIN("main: func(tree: input-directory, output: output-stream) -> result");

static FILE *out;
static int failed;

static unsigned fnv(const char *path, long *count) {
    unsigned h = 2166136261u;
    FILE *f = fopen(path, "r");
    *count = -1;
    if (f == NULL) return 0;
    unsigned char buf[4096];
    size_t n;
    *count = 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        for (size_t i = 0; i < n; i++) h = (h ^ buf[i]) * 16777619u;
        *count += (long)n;
    }
    if (ferror(f)) *count = -1;
    fclose(f);
    return h;
}

/* Walks `path` ("tree" or "tree/NAME"), whose portable name is `name` ("" for the root). */
static void walk(const char *path, const char *name) {
    DIR *dir = opendir(path);
    if (dir == NULL) {
        fprintf(out, "%s: cannot open: %s\n", path, strerror(errno));
        failed = 1;
        return;
    }
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char child[4096], rel[4096];
        snprintf(child, sizeof child, "%s/%s", path, e->d_name);
        snprintf(rel, sizeof rel, "%s%s%s", name, *name ? "/" : "", e->d_name);
        struct stat st;
        if (stat(child, &st) != 0) {
            fprintf(out, "%s: cannot stat: %s\n", rel, strerror(errno));
            failed = 1;
        } else if (S_ISDIR(st.st_mode)) {
            fprintf(out, "%s/\n", rel);
            walk(child, rel);
        } else {
            long count;
            unsigned h = fnv(child, &count);
            if (count != (long)st.st_size) failed = 1;
            fprintf(out, "%s %ld %08x\n", rel, count, h);
        }
    }
    closedir(dir);
}

IOT_EXPORT("main") int32_t find_main(iot_directory tree, iot_output output) {
    (void)tree; /* the same directory, reached through libc */
    out = iot_output_file(output);
    if (out == NULL) return IOT_ERR;
    walk("tree", "");
    const char *outside[] = {"tree/..", "tree/../tree", "/etc/passwd", "tree/x/../../y"};
    for (size_t i = 0; i < sizeof outside / sizeof *outside; i++) {
        FILE *f = fopen(outside[i], "r");
        fprintf(out, "outside %s: %s\n", outside[i], f == NULL ? "refused" : "OPENED");
        if (f != NULL) {
            fclose(f);
            failed = 1;
        }
    }
    return fclose(out) == 0 && !failed ? IOT_OK : IOT_ERR;
}
