// Escape attempts from a preopen; every one must fail. Expects the preopen to hold inside.txt
// and a symlink "out" -> a directory outside (made by the test); "../outside.txt" exists on the
// host next to the preopen. Prints one line per attempt; exit status = attempts that got out.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int escaped;

static void report(const char *what, int ok) {
    printf("%-40s %s\n", what, ok ? "ESCAPED" : "denied");
    if (ok) escaped++;
}

static int opens(const char *path, int flags) {
    int fd = open(path, flags, 0644);
    if (fd >= 0) close(fd);
    return fd >= 0;
}

int main(int argc, char **argv) {
    const char *base = argc > 1 ? argv[1] : ".";
    if (chdir(base)) { printf("chdir: %s\n", strerror(errno)); return 100; }
    struct stat st;
    report("open ../outside.txt", opens("../outside.txt", O_RDONLY));
    report("open sub/../../outside.txt", opens("sub/../../outside.txt", O_RDONLY));
    report("stat ..", stat("..", &st) == 0 && opens("../outside.txt", O_RDONLY));
    report("opendir ..", opendir("..") != NULL);
    report("open /etc/passwd", opens("/etc/passwd", O_RDONLY));
    report("open /outside.txt", opens("/outside.txt", O_RDONLY));
    report("create ../created.txt", opens("../created.txt", O_WRONLY | O_CREAT));
    report("mkdir ../newdir", mkdir("../newdir", 0755) == 0);
    report("unlink ../outside.txt", unlink("../outside.txt") == 0);
    report("rename inside.txt ../moved.txt", rename("inside.txt", "../moved.txt") == 0);
    report("open out/secret.txt (symlink out)", opens("out/secret.txt", O_RDONLY));
    report("stat out/secret.txt", stat("out/secret.txt", &st) == 0);
    report("create out/planted.txt", opens("out/planted.txt", O_WRONLY | O_CREAT));
    report("opendir out", opendir("out") != NULL);
    symlink("../outside.txt", "mylink");
    report("open mylink (guest symlink to ..)", opens("mylink", O_RDONLY));
    report("write mylink", opens("mylink", O_WRONLY | O_TRUNC));
    symlink("sub/../../outside.txt", "mylink2");
    report("open mylink2 (via sub/..)", opens("mylink2", O_RDONLY));
    symlink("/etc", "abslink");
    report("open abslink/passwd", opens("abslink/passwd", O_RDONLY));
    report("link ../outside.txt hard", link("../outside.txt", "hard") == 0);
    report("link inside.txt ../hard", link("inside.txt", "../hard") == 0);
    report("link out/secret.txt hard2", link("out/secret.txt", "hard2") == 0);
    report("symlink then rename out", symlink("..", "up") == 0 && opens("up/outside.txt", O_RDONLY));
    // An open file whose directory the guest then swaps for a symlink out: fstat and futimens
    // must reach the file opened (or fail), never the file the old path now leads to.
    mkdir("swapped", 0755);
    int fd = open("swapped/secret.txt", O_WRONLY | O_CREAT, 0644);
    struct stat before, after;
    int known = fd >= 0 && fstat(fd, &before) == 0;
    rename("swapped", "swapped.old");
    symlink("out", "swapped");
    report("fstat after swap (swapped -> out)",
           known && fstat(fd, &after) == 0 && after.st_ino != 0 && after.st_ino != before.st_ino);
    struct timespec times[2] = {{1, 0}, {1, 0}};
    int set = fd >= 0 && futimens(fd, times) == 0;
    report("futimens after swap (swapped -> out)",
           set && !(stat("swapped.old/secret.txt", &after) == 0 && after.st_mtime == 1));
    if (fd >= 0) close(fd);
    unlink("swapped");
    unlink("swapped.old/secret.txt");
    rmdir("swapped.old");
    FILE *f = fopen("inside.txt", "r");
    char buf[32] = {0};
    if (f) { fgets(buf, sizeof buf, f); fclose(f); }
    printf("inside.txt still reads: %s\n", buf);
    printf("escaped=%d\n", escaped);
    return escaped;
}
