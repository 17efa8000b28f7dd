// Files as arrays: fopen/fread/fseek/ftell, pread/pwrite, lseek (and ESPIPE on a stream),
// stat/fstat, O_APPEND, ftruncate. Usage: files COMMAND FILE [OUT]
//   read FILE       fseek/ftell/fread around the file
//   write FILE      r+ : pwrite, pread, lseek past the end, ftruncate, append
//   create OUT      creates OUT and writes lines to it
//   denied FILE     tries to open FILE for writing and reports the error
//   missing NAME    tries to open, stat and create NAME; a leading '@' is dropped first, so the
//                   test can name a file without that name being an argument
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void fail(const char *what) {
    printf("%s: %s\n", what, strerror(errno));
    exit(2);
}

static int do_read(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) fail("fopen");
    if (fseek(f, 0, SEEK_END)) fail("fseek end");
    long size = ftell(f);
    printf("size=%ld\n", size);
    if (fseek(f, size / 2, SEEK_SET)) fail("fseek mid");
    printf("tell=%ld\n", ftell(f));
    char buf[16] = {0};
    size_t n = fread(buf, 1, 8, f);
    printf("read %zu: ", n);
    for (size_t i = 0; i < n; i++) printf("%02x", (unsigned char)buf[i]);
    printf("\ntell=%ld\n", ftell(f));
    rewind(f);
    n = fread(buf, 1, 4, f);
    printf("first %zu: %.4s\n", n, buf);
    if (fseek(f, -3, SEEK_END)) fail("fseek -3");
    n = fread(buf, 1, 16, f);
    printf("last %zu, eof=%d\n", n, feof(f) != 0);
    struct stat st;
    if (fstat(fileno(f), &st)) fail("fstat");
    printf("fstat: regular=%d size=%lld\n", S_ISREG(st.st_mode), (long long)st.st_size);
    if (stat(path, &st)) fail("stat");
    printf("stat: regular=%d size=%lld\n", S_ISREG(st.st_mode), (long long)st.st_size);
    fclose(f);
    int fd = open(path, O_RDONLY);
    if (fd < 0) fail("open");
    n = pread(fd, buf, 5, 1);
    printf("pread(1,5)=%zu: %.5s\n", n, buf);
    printf("lseek cur after pread=%lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    printf("lseek -1=%lld errno=%s\n", (long long)lseek(fd, -1, SEEK_SET), strerror(errno));
    printf("lseek end+10=%lld\n", (long long)lseek(fd, 10, SEEK_END));
    printf("read past end=%zd\n", read(fd, buf, 4));
    errno = 0;
    printf("write read-only=%zd (%s)\n", write(fd, "x", 1), strerror(errno));
    close(fd);
    errno = 0;
    off_t pipe_seek = lseek(0, 0, SEEK_CUR);
    printf("lseek stdin=%lld (%s)\n", (long long)pipe_seek, pipe_seek < 0 ? strerror(errno) : "ok");
    return 0;
}

static void show(int fd) {
    char buf[64] = {0};
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    printf("content(%zd)=", n);
    for (ssize_t i = 0; i < n; i++) putchar(buf[i] ? buf[i] : '.');
    putchar('\n');
}

static int do_write(const char *path) {
    int fd = open(path, O_RDWR);
    if (fd < 0) fail("open rw");
    if (pwrite(fd, "HELLO", 5, 0) != 5) fail("pwrite");
    show(fd);
    if (lseek(fd, 4, SEEK_END) < 0) fail("lseek");
    if (write(fd, "!", 1) != 1) fail("write past end");
    show(fd);
    struct stat st;
    fstat(fd, &st);
    printf("size=%lld\n", (long long)st.st_size);
    if (ftruncate(fd, 3)) fail("ftruncate");
    fstat(fd, &st);
    printf("truncated size=%lld tell=%lld\n", (long long)st.st_size, (long long)lseek(fd, 0, SEEK_CUR));
    close(fd);
    fd = open(path, O_WRONLY | O_APPEND);
    if (fd < 0) fail("open append");
    if (write(fd, "abc", 3) != 3) fail("append");
    close(fd);
    FILE *f = fopen(path, "a+");
    if (!f) fail("fopen a+");
    fputs("xyz", f);
    fclose(f);
    fd = open(path, O_RDONLY);
    show(fd);
    close(fd);
    return 0;
}

static int do_create(const char *path) {
    FILE *f = fopen(path, "w");
    if (!f) fail("fopen w");
    for (int i = 0; i < 3; i++) fprintf(f, "line %d\n", i);
    if (fclose(f)) fail("fclose");
    struct stat st;
    if (stat(path, &st)) fail("stat");
    printf("created %lld bytes\n", (long long)st.st_size);
    return 0;
}

static int do_denied(const char *path) {
    int fd = open(path, O_WRONLY);
    printf("open for writing: %s\n", fd < 0 ? strerror(errno) : "ALLOWED");
    fd = open(path, O_RDONLY | O_TRUNC);
    printf("open with O_TRUNC: %s\n", fd < 0 ? strerror(errno) : "ALLOWED");
    return 0;
}

static int do_missing(const char *path) {
    if (path[0] == '@') path++;
    FILE *f = fopen(path, "r");
    printf("fopen: %s\n", f ? "ALLOWED" : strerror(errno));
    struct stat st;
    printf("stat: %s\n", stat(path, &st) ? strerror(errno) : "ALLOWED");
    f = fopen(path, "w");
    printf("create: %s\n", f ? "ALLOWED" : "denied");
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: files read|write|create|denied|missing FILE\n");
        return 64;
    }
    const char *cmd = argv[1], *path = argv[2];
    if (!strcmp(cmd, "read")) return do_read(path);
    if (!strcmp(cmd, "write")) return do_write(path);
    if (!strcmp(cmd, "create")) return do_create(path);
    if (!strcmp(cmd, "denied")) return do_denied(path);
    if (!strcmp(cmd, "missing")) return do_missing(path);
    return 64;
}
