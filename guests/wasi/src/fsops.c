// Filesystem mode: mkdir, rename, unlink, rmdir, symlink, readlink, link, truncate, utimes, each
// checked by what it left behind. Run with a preopen of an empty directory as the working dir.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void check(const char *what, int result) {
    if (result < 0) {
        printf("%s: %s\n", what, strerror(errno));
        failures++;
    } else {
        printf("%s: ok\n", what);
    }
}

static void expect_error(const char *what, int result, int expected) {
    printf("%s: %s\n", what, result < 0 && errno == expected ? "expected error" : "UNEXPECTED");
    if (!(result < 0 && errno == expected)) failures++;
}

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    if (!f) { printf("create %s: %s\n", path, strerror(errno)); failures++; return; }
    fputs(text, f);
    fclose(f);
}

static void show(const char *path) {
    char buf[128] = {0};
    FILE *f = fopen(path, "r");
    if (!f) { printf("  %s: %s\n", path, strerror(errno)); return; }
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    printf("  %s = \"%.*s\"\n", path, (int)n, buf);
}

int main(int argc, char **argv) {
    const char *base = argc > 1 ? argv[1] : ".";
    if (chdir(base)) { printf("chdir: %s\n", strerror(errno)); return 2; }
    check("mkdir d", mkdir("d", 0755));
    expect_error("mkdir d again", mkdir("d", 0755), EEXIST);
    check("mkdir d/e", mkdir("d/e", 0755));
    write_file("d/a.txt", "alpha");
    show("d/a.txt");
    check("rename d/a.txt d/e/b.txt", rename("d/a.txt", "d/e/b.txt"));
    show("d/a.txt");
    show("d/e/b.txt");
    check("symlink e/b.txt d/link", symlink("e/b.txt", "d/link"));
    char target[64] = {0};
    ssize_t n = readlink("d/link", target, sizeof target - 1);
    printf("readlink d/link: %s\n", n < 0 ? strerror(errno) : target);
    show("d/link");
    struct stat st;
    check("lstat d/link", lstat("d/link", &st));
    printf("  is link: %d\n", S_ISLNK(st.st_mode));
    check("stat d/link", stat("d/link", &st));
    printf("  is regular: %d size=%lld\n", S_ISREG(st.st_mode), (long long)st.st_size);
    check("link d/e/b.txt d/hard", link("d/e/b.txt", "d/hard"));
    check("stat d/hard", stat("d/hard", &st));
    printf("  nlink=%lld\n", (long long)st.st_nlink);
    check("truncate d/hard 2", truncate("d/hard", 2));
    show("d/e/b.txt");
    struct timeval tv[2] = {{1000000000, 0}, {1234567890, 0}};
    check("utimes d/hard", utimes("d/hard", tv));
    stat("d/hard", &st);
    printf("  mtime=%lld\n", (long long)st.st_mtime);
    expect_error("rmdir d (not empty)", rmdir("d"), ENOTEMPTY);
    expect_error("unlink d/e (a directory)", unlink("d/e"), EISDIR);
    expect_error("rmdir d/hard (a file)", rmdir("d/hard"), ENOTDIR);
    expect_error("open d/missing", open("d/missing", O_RDONLY), ENOENT);
    expect_error("open d/e/b.txt/x", open("d/e/b.txt/x", O_RDONLY), ENOTDIR);
    check("unlink d/link", unlink("d/link"));
    check("unlink d/hard", unlink("d/hard"));
    check("unlink d/e/b.txt", unlink("d/e/b.txt"));
    check("rmdir d/e", rmdir("d/e"));
    check("rename d renamed", rename("d", "renamed"));
    DIR *dir = opendir(".");
    int entries = 0;
    struct dirent *e;
    while (dir && (e = readdir(dir)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) printf("  left: %s\n", e->d_name), entries++;
    if (dir) closedir(dir);
    check("rmdir renamed", rmdir("renamed"));
    int fd = open("excl", O_CREAT | O_EXCL | O_WRONLY, 0644);
    check("open O_CREAT|O_EXCL", fd);
    close(fd);
    expect_error("open O_CREAT|O_EXCL again", open("excl", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
    check("unlink excl", unlink("excl"));
    printf("failures=%d\n", failures);
    return failures;
}
