// Preview1 semantics that wasi-libc does not show directly, called through <wasi/api.h> in a
// scratch directory below the preopen named by argv[1] (as the WASI test suite's programs do):
// trailing slashes, dangling and looping symlinks, escapes, rename/link/unlink errors, readdir
// cookies over many entries, times, sizes, rights, descriptors of directories. Prints one line per
// check and exits with the number of failures.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

static int failures;
static __wasi_fd_t scratch;

#define RW (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE)

static void expect(const char *what, __wasi_errno_t got, __wasi_errno_t want, __wasi_errno_t alt) {
    if (got == want || got == alt) {
        printf("ok   %s\n", what);
    } else {
        printf("FAIL %s: errno %d, expected %d\n", what, got, want);
        failures++;
    }
}

static void check(const char *what, int ok) {
    printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    if (!ok) failures++;
}

static __wasi_fd_t open_at(__wasi_fd_t dir, const char *path, __wasi_oflags_t oflags,
                           __wasi_rights_t rights, __wasi_fdflags_t fdflags, __wasi_errno_t *err) {
    __wasi_fd_t fd = (__wasi_fd_t)-1;
    *err = __wasi_path_open(dir, 0, path, oflags, rights, rights, fdflags, &fd);
    return fd;
}

static void create(const char *path) {
    __wasi_errno_t e;
    __wasi_fd_t fd = open_at(scratch, path, __WASI_OFLAGS_CREAT, RW, 0, &e);
    if (e == 0) (void)__wasi_fd_close(fd);
    expect(path, e, 0, 0);
}

static __wasi_filestat_t stat_of(const char *path) {
    __wasi_filestat_t st;
    memset(&st, 0, sizeof st);
    if (__wasi_path_filestat_get(scratch, 0, path, &st) != 0) st.filetype = 255;
    return st;
}

static int count_entries(__wasi_fd_t dir, size_t buflen) {
    static uint8_t buf[4096];
    __wasi_dircookie_t cookie = 0;
    int total = 0;
    for (;;) {
        __wasi_size_t used = 0;
        if (__wasi_fd_readdir(dir, buf, buflen, cookie, &used) != 0) return -1;
        size_t at = 0;
        while (at + sizeof(__wasi_dirent_t) <= used) {
            __wasi_dirent_t d;
            memcpy(&d, buf + at, sizeof d);
            if (at + sizeof d + d.d_namlen > used) break;
            total++;
            cookie = d.d_next;
            at += sizeof d + d.d_namlen;
        }
        if (used < buflen) return total;
    }
}

int main(int argc, char **argv) {
    const char *name = argc > 1 ? argv[1] : ".";
    __wasi_fd_t pre = 3;
    for (__wasi_fd_t fd = 3; fd < 64; fd++) {
        __wasi_prestat_t ps;
        if (__wasi_fd_prestat_get(fd, &ps) != 0) break;
        char dn[256] = {0};
        if (ps.u.dir.pr_name_len < sizeof dn && __wasi_fd_prestat_dir_name(fd, (uint8_t *)dn, ps.u.dir.pr_name_len) == 0 &&
            strcmp(dn, name) == 0) pre = fd;
    }
    uint8_t tiny[1];
    expect("prestat_dir_name too short", __wasi_fd_prestat_dir_name(pre, tiny, 0), __WASI_ERRNO_NAMETOOLONG, 0);
    expect("mkdir scratch", __wasi_path_create_directory(pre, "conf.cleanup"), 0, 0);
    __wasi_errno_t e;
    scratch = open_at(pre, "conf.cleanup", __WASI_OFLAGS_DIRECTORY, 0, 0, &e);
    expect("open scratch", e, 0, 0);

    // readdir of an empty directory: "." (with the directory's inode) and ".."
    __wasi_filestat_t self;
    expect("fd_filestat_get dir", __wasi_fd_filestat_get(scratch, &self), 0, 0);
    check("filetype directory", self.filetype == __WASI_FILETYPE_DIRECTORY);
    uint8_t buf[256];
    __wasi_size_t used = 0;
    expect("readdir empty", __wasi_fd_readdir(scratch, buf, sizeof buf, 0, &used), 0, 0);
    __wasi_dirent_t d0;
    memcpy(&d0, buf, sizeof d0);
    check("readdir empty has 2 entries", count_entries(scratch, sizeof buf) == 2);
    check("first entry is . with the dir's inode",
          d0.d_namlen == 1 && buf[sizeof d0] == '.' && d0.d_ino == self.ino && d0.d_type == __WASI_FILETYPE_DIRECTORY);

    // sizes
    __wasi_fd_t f = open_at(scratch, "file", __WASI_OFLAGS_CREAT, RW | __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE, 0, &e);
    expect("create file", e, 0, 0);
    __wasi_filestat_t st;
    (void)__wasi_fd_filestat_get(f, &st);
    check("new file is empty", st.size == 0 && st.filetype == __WASI_FILETYPE_REGULAR_FILE);
    expect("fd_allocate 0+100", __wasi_fd_allocate(f, 0, 100), 0, 0);
    (void)__wasi_fd_filestat_get(f, &st);
    check("allocated to 100", st.size == 100);
    expect("fd_allocate 10+10", __wasi_fd_allocate(f, 10, 10), 0, 0);
    expect("fd_allocate 90+20", __wasi_fd_allocate(f, 90, 20), 0, 0);
    (void)__wasi_fd_filestat_get(f, &st);
    check("allocated to 110", st.size == 110);
    expect("fd_filestat_set_size 5", __wasi_fd_filestat_set_size(f, 5), 0, 0);
    expect("fd_advise", __wasi_fd_advise(f, 0, 5, __WASI_ADVICE_SEQUENTIAL), 0, 0);
    (void)__wasi_fd_filestat_get(f, &st);
    check("size 5", st.size == 5);
    __wasi_filestat_t via_path = stat_of("file");
    check("path and fd stat agree", via_path.ino == st.ino && via_path.dev == st.dev && via_path.size == 5);
    expect("readdir via file fd", __wasi_fd_readdir(f, buf, sizeof buf, 0, &used), __WASI_ERRNO_NOTDIR, __WASI_ERRNO_BADF);

    // times, to the nanosecond, and their flag rules
    __wasi_timestamp_t mtim = st.mtim - 100;
    expect("set mtim", __wasi_path_filestat_set_times(scratch, 0, "file", 0, mtim, __WASI_FSTFLAGS_MTIM), 0, 0);
    check("mtim set exactly", stat_of("file").mtim == mtim);
    expect("MTIM and MTIM_NOW", __wasi_path_filestat_set_times(scratch, 0, "file", 0, mtim, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW), __WASI_ERRNO_INVAL, 0);
    expect("ATIM and ATIM_NOW", __wasi_fd_filestat_set_times(f, 1, 2, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW), __WASI_ERRNO_INVAL, 0);
    check("mtim untouched", stat_of("file").mtim == mtim);

    // trailing slashes and escapes
    __wasi_fd_t g;
    g = open_at(scratch, "file/", 0, 0, 0, &e);
    expect("open file/", e, __WASI_ERRNO_NOTDIR, __WASI_ERRNO_NOENT);
    g = open_at(scratch, "file///", 0, 0, 0, &e);
    expect("open file///", e, __WASI_ERRNO_NOTDIR, __WASI_ERRNO_NOENT);
    expect("mkdir dir", __wasi_path_create_directory(scratch, "dir"), 0, 0);
    expect("mkdir dir/nested", __wasi_path_create_directory(scratch, "dir/nested"), 0, 0);
    g = open_at(scratch, "dir/nested///", 0, 0, 0, &e);
    expect("open dir/nested///", e, 0, 0);
    if (e == 0) (void)__wasi_fd_close(g);
    g = open_at(scratch, "dir/.//nested/../../dir/nested/../nested///.", 0, 0, 0, &e);
    expect("open a path with .. inside", e, 0, 0);
    if (e == 0) (void)__wasi_fd_close(g);
    g = open_at(scratch, "/dir", 0, 0, 0, &e);
    expect("open absolute", e, __WASI_ERRNO_PERM, __WASI_ERRNO_NOTCAPABLE);
    g = open_at(scratch, "dir/../../conf.cleanup/file", 0, 0, 0, &e);
    expect("open .. above the descriptor", e, __WASI_ERRNO_PERM, __WASI_ERRNO_NOTCAPABLE);
    g = open_at(scratch, ".", __WASI_OFLAGS_DIRECTORY, RW, 0, &e);
    expect("open dir for writing", e, __WASI_ERRNO_ISDIR, 0);

    // symbolic links
    expect("symlink dangling", __wasi_path_symlink("target", scratch, "dangling"), 0, 0);
    g = open_at(scratch, "dangling", __WASI_OFLAGS_DIRECTORY, 0, 0, &e);
    expect("open dangling O_DIRECTORY nofollow", e, __WASI_ERRNO_NOTDIR, __WASI_ERRNO_LOOP);
    g = open_at(scratch, "dangling", 0, 0, 0, &e);
    expect("open dangling nofollow", e, __WASI_ERRNO_LOOP, 0);
    e = __wasi_path_open(scratch, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "dangling", 0, 0, 0, 0, &g);
    expect("open dangling follow", e, __WASI_ERRNO_NOENT, 0);
    expect("symlink loop", __wasi_path_symlink("loop", scratch, "loop"), 0, 0);
    e = __wasi_path_open(scratch, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "loop", 0, 0, 0, 0, &g);
    expect("open loop follow", e, __WASI_ERRNO_LOOP, 0);
    expect("symlink to target/ (missing)", __wasi_path_symlink("source", scratch, "missing/"), __WASI_ERRNO_NOENT, 0);
    expect("symlink over a dir", __wasi_path_symlink("source", scratch, "dir"), __WASI_ERRNO_EXIST, 0);
    expect("symlink over dir/", __wasi_path_symlink("source", scratch, "dir/"), __WASI_ERRNO_EXIST, 0);
    expect("symlink over file/", __wasi_path_symlink("source", scratch, "file/"), __WASI_ERRNO_NOTDIR, 0);
    expect("symlink link -> file", __wasi_path_symlink("file", scratch, "link"), 0, 0);
    uint8_t lb[10] = {0};
    expect("readlink", __wasi_path_readlink(scratch, "link", lb, 10, &used), 0, 0);
    check("readlink gives file", used == 4 && memcmp(lb, "file", 4) == 0);
    expect("readlink short buffer", __wasi_path_readlink(scratch, "dangling", lb, 4, &used), 0, 0);
    check("readlink truncates", used == 4 && memcmp(lb, "targ", 4) == 0);
    expect("readlink of a file", __wasi_path_readlink(scratch, "file", lb, 4, &used), __WASI_ERRNO_INVAL, 0);
    check("lstat of a link", stat_of("link").filetype == __WASI_FILETYPE_SYMBOLIC_LINK);
    __wasi_filestat_t followed;
    (void)__wasi_path_filestat_get(scratch, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "link", &followed);
    check("stat through a link", followed.ino == st.ino);

    // hard links
    expect("link file hard", __wasi_path_link(scratch, 0, "file", scratch, "hard"), 0, 0);
    check("nlink 2", stat_of("file").nlink == 2);
    expect("link onto existing", __wasi_path_link(scratch, 0, "file", scratch, "hard"), __WASI_ERRNO_EXIST, 0);
    expect("link onto itself", __wasi_path_link(scratch, 0, "file", scratch, "file"), __WASI_ERRNO_EXIST, 0);
    expect("link onto a dir", __wasi_path_link(scratch, 0, "file", scratch, "dir"), __WASI_ERRNO_EXIST, 0);
    expect("link a dir", __wasi_path_link(scratch, 0, "dir", scratch, "dirlink"), __WASI_ERRNO_PERM, __WASI_ERRNO_ACCES);
    expect("link to x/", __wasi_path_link(scratch, 0, "file", scratch, "x/"), __WASI_ERRNO_NOENT, 0);
    expect("link a dangling symlink", __wasi_path_link(scratch, 0, "dangling", scratch, "dangling2"), 0, 0);
    expect("link following", __wasi_path_link(scratch, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "link", scratch, "x"), __WASI_ERRNO_INVAL, 0);

    // rename
    expect("mkdir src", __wasi_path_create_directory(scratch, "src"), 0, 0);
    expect("rename dir to new", __wasi_path_rename(scratch, "src", scratch, "dst"), 0, 0);
    expect("mkdir src again", __wasi_path_create_directory(scratch, "src"), 0, 0);
    expect("rename dir over empty dir", __wasi_path_rename(scratch, "src", scratch, "dst"), 0, 0);
    expect("mkdir src 3", __wasi_path_create_directory(scratch, "src"), 0, 0);
    expect("rename dir over nonempty", __wasi_path_rename(scratch, "src", scratch, "dir"), __WASI_ERRNO_NOTEMPTY, 0);
    expect("rename dir over file", __wasi_path_rename(scratch, "src", scratch, "hard"), __WASI_ERRNO_NOTDIR, 0);
    expect("rename file over dir", __wasi_path_rename(scratch, "hard", scratch, "src"), __WASI_ERRNO_ISDIR, 0);
    expect("rename dir/ to dir2/", __wasi_path_rename(scratch, "src/", scratch, "src2/"), 0, 0);
    expect("rename file/ ", __wasi_path_rename(scratch, "hard/", scratch, "hard2"), __WASI_ERRNO_NOTDIR, 0);
    create("other");
    expect("rename file over file", __wasi_path_rename(scratch, "other", scratch, "hard"), 0, 0);
    check("file keeps its data after the link went", stat_of("file").nlink == 1);

    // unlink and rmdir
    expect("unlink file/", __wasi_path_unlink_file(scratch, "file/"), __WASI_ERRNO_NOTDIR, 0);
    expect("unlink dir", __wasi_path_unlink_file(scratch, "dir"), __WASI_ERRNO_ISDIR, 0);
    expect("unlink dir/", __wasi_path_unlink_file(scratch, "dir/"), __WASI_ERRNO_ISDIR, 0);
    expect("rmdir file", __wasi_path_remove_directory(scratch, "file"), __WASI_ERRNO_NOTDIR, 0);
    expect("rmdir file/", __wasi_path_remove_directory(scratch, "file/"), __WASI_ERRNO_NOTDIR, 0);
    expect("rmdir nonempty", __wasi_path_remove_directory(scratch, "dir"), __WASI_ERRNO_NOTEMPTY, 0);
    expect("rmdir dir/nested/", __wasi_path_remove_directory(scratch, "dir/nested/"), 0, 0);

    // a directory descriptor has no data
    __wasi_ciovec_t iov = {buf, 4};
    __wasi_iovec_t riov = {buf, 4};
    __wasi_filesize_t pos;
    expect("fd_read dir", __wasi_fd_read(scratch, &riov, 1, &used), __WASI_ERRNO_BADF, 0);
    expect("fd_pread dir", __wasi_fd_pread(scratch, &riov, 1, 0, &used), __WASI_ERRNO_BADF, 0);
    expect("fd_write dir", __wasi_fd_write(scratch, &iov, 1, &used), __WASI_ERRNO_BADF, 0);
    expect("fd_pwrite dir", __wasi_fd_pwrite(scratch, &iov, 1, 0, &used), __WASI_ERRNO_BADF, 0);
    expect("fd_seek dir", __wasi_fd_seek(scratch, 0, __WASI_WHENCE_CUR, &pos), __WASI_ERRNO_BADF, 0);
    expect("fd_tell dir", __wasi_fd_tell(scratch, &pos), __WASI_ERRNO_BADF, 0);
    expect("fd_advise dir", __wasi_fd_advise(scratch, 0, 0, __WASI_ADVICE_DONTNEED), __WASI_ERRNO_BADF, 0);
    expect("fd_allocate dir", __wasi_fd_allocate(scratch, 0, 1), __WASI_ERRNO_BADF, 0);
    expect("fd_sync dir", __wasi_fd_sync(scratch), __WASI_ERRNO_BADF, 0);
    expect("fd_datasync dir", __wasi_fd_datasync(scratch), __WASI_ERRNO_BADF, 0);
    expect("fd_fdstat_set_flags dir", __wasi_fd_fdstat_set_flags(scratch, __WASI_FDFLAGS_NONBLOCK), __WASI_ERRNO_BADF, 0);
    expect("fd_filestat_set_size dir", __wasi_fd_filestat_set_size(scratch, 0), __WASI_ERRNO_BADF, 0);

    // descriptors: flags kept, renumber, stdio
    g = open_at(scratch, "flags", __WASI_OFLAGS_CREAT, RW, __WASI_FDFLAGS_APPEND | __WASI_FDFLAGS_SYNC, &e);
    expect("open with APPEND|SYNC", e, 0, 0);
    __wasi_fdstat_t fs;
    (void)__wasi_fd_fdstat_get(g, &fs);
    check("fdflags kept", (fs.fs_flags & (__WASI_FDFLAGS_APPEND | __WASI_FDFLAGS_SYNC)) == (__WASI_FDFLAGS_APPEND | __WASI_FDFLAGS_SYNC));
    check("a file has no path rights", (fs.fs_rights_base & __WASI_RIGHTS_PATH_OPEN) == 0 && fs.fs_rights_inheriting == 0);
    expect("renumber", __wasi_fd_renumber(g, f), 0, 0);
    expect("renumbered fd is closed", __wasi_fd_close(g), __WASI_ERRNO_BADF, 0);
    expect("renumber onto a closed fd", __wasi_fd_renumber(f, 1000), __WASI_ERRNO_BADF, 0);
    expect("close", __wasi_fd_close(f), 0, 0);
    expect("sock_shutdown stdout", __wasi_sock_shutdown(1, __WASI_SDFLAGS_RD), __WASI_ERRNO_NOTSOCK, 0);

    // readdir over many entries, resumed by cookie with a small buffer
    expect("mkdir many", __wasi_path_create_directory(scratch, "many"), 0, 0);
    char nm[32];
    for (int i = 0; i < 300; i++) {
        snprintf(nm, sizeof nm, "many/file.%d", i);
        g = open_at(scratch, nm, __WASI_OFLAGS_CREAT, 0, 0, &e);
        if (e) { expect(nm, e, 0, 0); break; }
        (void)__wasi_fd_close(g);
    }
    g = open_at(scratch, "many", __WASI_OFLAGS_DIRECTORY, 0, 0, &e);
    check("302 entries through cookies", count_entries(g, 256) == 302);
    check("302 entries in big reads", count_entries(g, 4096) == 302);
    (void)__wasi_fd_close(g);
    for (int i = 0; i < 300; i++) {
        snprintf(nm, sizeof nm, "many/file.%d", i);
        (void)__wasi_path_unlink_file(scratch, nm);
    }

    // clean up everything
    const char *files[] = {"file", "hard", "link", "dangling", "dangling2", "loop", "flags"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        expect(files[i], __wasi_path_unlink_file(scratch, files[i]), 0, 0);
    const char *dirs[] = {"many", "dir", "dst", "src2"};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
        expect(dirs[i], __wasi_path_remove_directory(scratch, dirs[i]), 0, 0);
    check("scratch empty again", count_entries(scratch, sizeof buf) == 2);
    expect("close scratch", __wasi_fd_close(scratch), 0, 0);
    expect("rmdir scratch", __wasi_path_remove_directory(pre, "conf.cleanup"), 0, 0);
    printf("failures=%d\n", failures);
    return failures;
}
