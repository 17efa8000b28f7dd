// opendir/readdir: lists each argument directory (sorted; "." and ".." counted apart, since
// runtimes differ on reporting them), recursing into subdirectories, with each entry's type and,
// for files, size and first line, read through openat below the directory.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int dots;

static void list(const char *path, int depth) {
    DIR *d = opendir(path);
    if (!d) {
        printf("%*sopendir %s: %s\n", depth * 2, "", path, strerror(errno));
        return;
    }
    char *names[256];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) {
            dots++;
            continue;
        }
        names[n++] = strdup(e->d_name);
    }
    qsort(names, n, sizeof names[0], cmp);
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (fstatat(dirfd(d), names[i], &st, AT_SYMLINK_NOFOLLOW)) {
            printf("%*s%s: %s\n", depth * 2, "", names[i], strerror(errno));
            continue;
        }
        char child[1024];
        snprintf(child, sizeof child, "%s/%s", path, names[i]);
        if (S_ISDIR(st.st_mode)) {
            printf("%*s%s/\n", depth * 2, "", names[i]);
            list(child, depth + 1);
        } else if (S_ISLNK(st.st_mode)) {
            printf("%*s%s@\n", depth * 2, "", names[i]);
        } else {
            char line[128] = {0};
            int fd = openat(dirfd(d), names[i], O_RDONLY);
            ssize_t r = fd < 0 ? -1 : read(fd, line, sizeof line - 1);
            if (fd >= 0) close(fd);
            if (r > 0) line[strcspn(line, "\n")] = 0;
            printf("%*s%s %lld \"%s\"\n", depth * 2, "", names[i], (long long)st.st_size,
                   r >= 0 ? line : strerror(errno));
        }
        free(names[i]);
    }
    closedir(d);
}

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--dots")) continue;
        printf("%s:\n", argv[i]);
        list(argv[i], 1);
    }
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--dots")) printf("dot entries: %d\n", dots);
    return 0;
}
