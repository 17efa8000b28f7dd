// Preview1 semantics the WASI test suite's Rust programs check, re-expressed in C through
// <wasi/api.h> (written for iotypes; the suite's code is not copied): rights of preopens and of
// opened descriptors, offsets, append and truncation, renumbering and closing a preopen,
// timestamps of symbolic links, readdir cookies, nofollow errors, odd paths, poll_oneoff on stdio.
// Works in a scratch directory below the preopen named by argv[1]; prints one line per check and
// exits with the number of failures.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>

static int failures;

#define RW (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE)

// path_open with an explicit length, so that a path may carry a NUL byte
__attribute__((import_module("wasi_snapshot_preview1"), import_name("path_open")))
int32_t raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t path_len, int32_t oflags,
                      int64_t base, int64_t inheriting, int32_t fdflags, int32_t out);

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

static __wasi_fd_t open_at(__wasi_fd_t dir, __wasi_lookupflags_t follow, const char *path, __wasi_oflags_t oflags,
                           __wasi_rights_t base, __wasi_fdflags_t fdflags, __wasi_errno_t *err) {
    __wasi_fd_t fd = (__wasi_fd_t)-1;
    *err = __wasi_path_open(dir, follow, path, oflags, base, 0, fdflags, &fd);
    return fd;
}

static size_t put(__wasi_fd_t fd, uint8_t byte, size_t n, __wasi_errno_t *err) {
    uint8_t buf[256];
    memset(buf, byte, sizeof buf);
    __wasi_ciovec_t iov = {buf, n};
    __wasi_size_t done = 0;
    *err = __wasi_fd_write(fd, &iov, 1, &done);
    return done;
}

static size_t get(__wasi_fd_t fd, uint8_t *buf, size_t n, __wasi_errno_t *err) {
    __wasi_iovec_t iov = {buf, n};
    __wasi_size_t done = 0;
    *err = __wasi_fd_read(fd, &iov, 1, &done);
    return done;
}

static __wasi_filesize_t seek(__wasi_fd_t fd, __wasi_filedelta_t delta, __wasi_whence_t whence, __wasi_errno_t *err) {
    __wasi_filesize_t pos = (__wasi_filesize_t)-1;
    *err = __wasi_fd_seek(fd, delta, whence, &pos);
    return pos;
}

static const __wasi_rights_t DIR_BASE =
    __WASI_RIGHTS_PATH_CREATE_DIRECTORY | __WASI_RIGHTS_PATH_CREATE_FILE | __WASI_RIGHTS_PATH_LINK_SOURCE |
    __WASI_RIGHTS_PATH_LINK_TARGET | __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_READDIR |
    __WASI_RIGHTS_PATH_READLINK | __WASI_RIGHTS_PATH_RENAME_SOURCE | __WASI_RIGHTS_PATH_RENAME_TARGET |
    __WASI_RIGHTS_PATH_SYMLINK | __WASI_RIGHTS_PATH_REMOVE_DIRECTORY | __WASI_RIGHTS_PATH_UNLINK_FILE |
    __WASI_RIGHTS_PATH_FILESTAT_GET | __WASI_RIGHTS_PATH_FILESTAT_SET_TIMES | __WASI_RIGHTS_FD_FILESTAT_GET |
    __WASI_RIGHTS_FD_FILESTAT_SET_TIMES;
static const __wasi_rights_t DIR_INHERITING =
    DIR_BASE | __WASI_RIGHTS_FD_DATASYNC | __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK |
    __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS | __WASI_RIGHTS_FD_SYNC | __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_WRITE |
    __WASI_RIGHTS_FD_ADVISE | __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE |
    __WASI_RIGHTS_POLL_FD_READWRITE;

static void preopen_rights(__wasi_fd_t pre) {
    __wasi_fdstat_t st;
    expect("fdstat of the preopen", __wasi_fd_fdstat_get(pre, &st), 0, 0);
    check("preopen is a directory", st.fs_filetype == __WASI_FILETYPE_DIRECTORY && st.fs_flags == 0);
    check("preopen has the directory base rights", (st.fs_rights_base & DIR_BASE) == DIR_BASE);
    check("preopen has the inheriting rights", (st.fs_rights_inheriting & DIR_INHERITING) == DIR_INHERITING);
    check("a directory has no fd_filestat_set_size right", (st.fs_rights_base & __WASI_RIGHTS_FD_FILESTAT_SET_SIZE) == 0);
    __wasi_fd_t g;
    __wasi_errno_t e = __wasi_path_open(pre, 0, ".", 0, st.fs_rights_base, st.fs_rights_inheriting, 0, &g);
    expect("open . with the same rights", e, 0, 0);
    if (!e) (void)__wasi_fd_close(g);
    g = open_at(pre, 0, ".", 0, 0, 0, &e);
    expect("open . with no rights", e, 0, 0);
    if (!e) (void)__wasi_fd_close(g);
    g = open_at(pre, 0, ".", __WASI_OFLAGS_DIRECTORY, 0, 0, &e);
    expect("open . O_DIRECTORY with no rights", e, 0, 0);
    if (!e) (void)__wasi_fd_close(g);
    g = open_at(pre, 0, ".", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READ, 0, &e);
    expect("open . O_DIRECTORY for reading", e, 0, 0);
    if (!e) (void)__wasi_fd_close(g);
    g = open_at(pre, 0, ".", __WASI_OFLAGS_DIRECTORY, RW, 0, &e);
    expect("open . O_DIRECTORY for writing", e, __WASI_ERRNO_ISDIR, 0);
    g = open_at(pre, 0, ".", 0, 0, __WASI_FDFLAGS_NONBLOCK, &e);
    expect("open . NONBLOCK", e, 0, 0);
    if (!e) (void)__wasi_fd_close(g);
}

static void directory_seek(__wasi_fd_t dir) {
    __wasi_errno_t e;
    expect("mkdir seekdir", __wasi_path_create_directory(dir, "seekdir"), 0, 0);
    __wasi_fd_t d = open_at(dir, 0, "seekdir", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_SEEK, 0, &e);
    expect("open a directory asking for seek", e, 0, 0);
    (void)seek(d, 0, __WASI_WHENCE_CUR, &e);
    check("seek on a directory fails", e == __WASI_ERRNO_ISDIR || e == __WASI_ERRNO_NOTCAPABLE || e == __WASI_ERRNO_BADF);
    __wasi_fdstat_t st;
    expect("fdstat of the directory", __wasi_fd_fdstat_get(d, &st), 0, 0);
    check("a directory has no seek right", st.fs_filetype == __WASI_FILETYPE_DIRECTORY && (st.fs_rights_base & __WASI_RIGHTS_FD_SEEK) == 0);
    (void)__wasi_fd_close(d);
    expect("rmdir seekdir", __wasi_path_remove_directory(dir, "seekdir"), 0, 0);
}

static void rights(__wasi_fd_t dir) {
    __wasi_errno_t e;
    __wasi_fd_t f = open_at(dir, 0, "rights", __WASI_OFLAGS_CREAT, RW | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL, 0, &e);
    expect("create rights", e, 0, 0);
    uint8_t buf[256];
    check("write 4", put(f, 7, 4, &e) == 4 && e == 0);
    (void)seek(f, 0, __WASI_WHENCE_SET, &e);
    check("read 4 back", get(f, buf, 4, &e) == 4 && e == 0 && buf[3] == 7);
    expect("drop read and write", __wasi_fd_fdstat_set_rights(f, __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL, 0), 0, 0);
    __wasi_fdstat_t st;
    (void)__wasi_fd_fdstat_get(f, &st);
    check("rights dropped, seek kept", (st.fs_rights_base & RW) == 0 && (st.fs_rights_base & __WASI_RIGHTS_FD_SEEK) != 0);
    (void)get(f, buf, 4, &e);
    expect("read without the right", e, __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
    (void)put(f, 1, 4, &e);
    expect("write without the right", e, __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
    expect("rights never grow", __wasi_fd_fdstat_set_rights(f, st.fs_rights_base | RW, st.fs_rights_inheriting | RW), __WASI_ERRNO_NOTCAPABLE, 0);
    (void)__wasi_fd_close(f);

    // read-only, write-only, read-write opens of one file
    f = open_at(dir, 0, "rights", __WASI_OFLAGS_TRUNC, __WASI_RIGHTS_FD_WRITE, 0, &e);
    expect("truncate rights", e, 0, 0);
    (void)__wasi_fd_close(f);
    f = open_at(dir, 0, "rights", 0, __WASI_RIGHTS_FD_READ, 0, &e);
    (void)__wasi_fd_fdstat_get(f, &st);
    check("read-only open: read right only", (st.fs_rights_base & RW) == __WASI_RIGHTS_FD_READ);
    check("read-only: empty", get(f, buf, 100, &e) == 0 && e == 0);
    (void)put(f, 1, 50, &e);
    check("read-only: write fails", e == __WASI_ERRNO_BADF || e == __WASI_ERRNO_NOTCAPABLE || e == __WASI_ERRNO_ACCES);
    (void)__wasi_fd_close(f);
    f = open_at(dir, 0, "rights", 0, __WASI_RIGHTS_FD_WRITE, 0, &e);
    (void)__wasi_fd_fdstat_get(f, &st);
    check("write-only open: write right only", (st.fs_rights_base & RW) == __WASI_RIGHTS_FD_WRITE);
    (void)get(f, buf, 100, &e);
    check("write-only: read fails", e == __WASI_ERRNO_BADF || e == __WASI_ERRNO_NOTCAPABLE || e == __WASI_ERRNO_ACCES);
    check("write-only: write 50", put(f, 1, 50, &e) == 50 && e == 0);
    (void)__wasi_fd_close(f);
    f = open_at(dir, 0, "rights", 0, RW | __WASI_RIGHTS_FD_FILESTAT_GET, 0, &e);
    check("read-write: reads 50", get(f, buf, 100, &e) == 50);
    check("read-write: writes 25", put(f, 2, 25, &e) == 25);
    __wasi_filestat_t fst;
    (void)__wasi_fd_filestat_get(f, &fst);
    check("read-write: size 75", fst.size == 75);
    (void)__wasi_fd_close(f);

    // truncation through path_open, with and without the rights for it
    __wasi_fd_t sub;
    expect("mkdir trunc", __wasi_path_create_directory(dir, "trunc"), 0, 0);
    __wasi_fdstat_t ds;
    (void)__wasi_fd_fdstat_get(dir, &ds);
    e = __wasi_path_open(dir, 0, "trunc", __WASI_OFLAGS_DIRECTORY, ds.fs_rights_base, ds.fs_rights_inheriting, 0, &sub);
    expect("open trunc", e, 0, 0);
    f = open_at(sub, 0, "file", __WASI_OFLAGS_CREAT, RW, 0, &e);
    check("write to trunc/file", put(f, 3, 31, &e) == 31);
    (void)__wasi_fd_close(f);
    f = open_at(sub, 0, "file", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, RW, 0, &e);
    check("O_TRUNC empties it", e == 0 && get(f, buf, 100, &e) == 0);
    (void)__wasi_fd_close(f);
    (void)__wasi_fd_fdstat_get(sub, &st);
    if (st.fs_rights_base & __WASI_RIGHTS_PATH_FILESTAT_SET_SIZE) {
        expect("drop inherited set_size", __wasi_fd_fdstat_set_rights(sub, st.fs_rights_base, st.fs_rights_inheriting & ~__WASI_RIGHTS_FD_FILESTAT_SET_SIZE), 0, 0);
        f = open_at(sub, 0, "file", __WASI_OFLAGS_TRUNC, 0, 0, &e);
        expect("O_TRUNC without fd set_size", e, 0, 0);
        if (!e) (void)__wasi_fd_close(f);
        expect("drop path set_size", __wasi_fd_fdstat_set_rights(sub, st.fs_rights_base & ~__WASI_RIGHTS_PATH_FILESTAT_SET_SIZE, 0), 0, 0);
        (void)__wasi_fd_fdstat_get(sub, &st);
        check("path set_size gone", (st.fs_rights_base & __WASI_RIGHTS_PATH_FILESTAT_SET_SIZE) == 0);
        f = open_at(sub, 0, "file", __WASI_OFLAGS_TRUNC, 0, 0, &e);
        expect("O_TRUNC without path set_size", e, __WASI_ERRNO_PERM, __WASI_ERRNO_NOTCAPABLE);
    }
    expect("unlink trunc/file", __wasi_path_unlink_file(sub, "file"), 0, 0);
    (void)__wasi_fd_close(sub);
    expect("rmdir trunc", __wasi_path_remove_directory(dir, "trunc"), 0, 0);
    expect("unlink rights", __wasi_path_unlink_file(dir, "rights"), 0, 0);
}

static void offsets(__wasi_fd_t dir) {
    __wasi_errno_t e;
    uint8_t buf[256];
    __wasi_fd_t f = open_at(dir, 0, "seek", __WASI_OFLAGS_CREAT, RW | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL, 0, &e);
    __wasi_filesize_t pos = 9;
    expect("tell", __wasi_fd_tell(f, &pos), 0, 0);
    check("offset 0", pos == 0);
    check("write 100", put(f, 0, 100, &e) == 100);
    (void)__wasi_fd_tell(f, &pos);
    check("offset 100", pos == 100);
    check("seek -50 from here", seek(f, -50, __WASI_WHENCE_CUR, &e) == 50 && e == 0);
    check("seek to 0", seek(f, 0, __WASI_WHENCE_SET, &e) == 0 && e == 0);
    (void)seek(f, 1000, __WASI_WHENCE_CUR, &e);
    expect("seek past the end", e, 0, 0);
    (void)seek(f, -2000, __WASI_WHENCE_CUR, &e);
    expect("seek before 0", e, __WASI_ERRNO_INVAL, 0);
    (void)__wasi_fd_tell(f, &pos);
    check("failed seek keeps the offset", pos == 1000);
    (void)seek(f, 0, __WASI_WHENCE_SET, &e);
    check("read 100", get(f, buf, 100, &e) == 100);
    (void)__wasi_fd_tell(f, &pos);
    check("offset 100 after reading", pos == 100);
    (void)seek(f, 7, __WASI_WHENCE_END, &e);
    expect("seek relative to the end", e, 0, 0);
    (void)__wasi_fd_tell(f, &pos);
    check("offset 107", pos == 107);
    (void)seek(f, 0, 3, &e);
    expect("bad whence", e, __WASI_ERRNO_INVAL, 0);

    // pread/pwrite with several iovecs leave the offset alone
    uint8_t four[4] = {0, 1, 2, 3};
    __wasi_ciovec_t w[2] = {{four, 2}, {four + 2, 2}};
    __wasi_size_t n = 0;
    expect("pwrite 2 iovecs", __wasi_fd_pwrite(f, w, 2, 0, &n), 0, 0);
    check("pwrote 4", n == 4);
    uint8_t in[4] = {9, 9, 9, 9};
    __wasi_iovec_t r[2] = {{in, 2}, {in + 2, 2}};
    expect("pread 2 iovecs", __wasi_fd_pread(f, r, 2, 0, &n), 0, 0);
    check("pread gives 0 1 2 3", n == 4 && memcmp(in, four, 4) == 0);
    expect("pread at the end", __wasi_fd_pread(f, r, 2, 100, &n), 0, 0);
    check("pread at the end reads 0", n == 0);
    (void)__wasi_fd_tell(f, &pos);
    check("offset untouched by pread/pwrite", pos == 107);
    expect("pwrite far out", __wasi_fd_pwrite(f, w, 1, 200, &n), 0, 0);
    __wasi_filestat_t st;
    (void)__wasi_fd_filestat_get(f, &st);
    check("pwrite past the end grows the file", st.size == 202);
    (void)__wasi_fd_close(f);

    // APPEND, turned off by fd_fdstat_set_flags
    f = open_at(dir, 0, "seek", __WASI_OFLAGS_TRUNC, RW | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS,
                __WASI_FDFLAGS_APPEND, &e);
    expect("open APPEND", e, 0, 0);
    check("append 100", put(f, 0, 100, &e) == 100);
    (void)seek(f, 0, __WASI_WHENCE_SET, &e);
    check("append again from 0", put(f, 1, 100, &e) == 100);
    (void)__wasi_fd_tell(f, &pos);
    check("offset at the end after an append", pos == 200);
    (void)seek(f, 100, __WASI_WHENCE_SET, &e);
    check("second write went to the end", get(f, buf, 100, &e) == 100 && buf[0] == 1 && buf[99] == 1);
    expect("clear APPEND", __wasi_fd_fdstat_set_flags(f, 0), 0, 0);
    __wasi_fdstat_t fs;
    (void)__wasi_fd_fdstat_get(f, &fs);
    check("APPEND cleared", (fs.fs_flags & __WASI_FDFLAGS_APPEND) == 0);
    (void)seek(f, 0, __WASI_WHENCE_SET, &e);
    check("overwrite at 0", put(f, 2, 100, &e) == 100);
    (void)seek(f, 0, __WASI_WHENCE_SET, &e);
    check("overwritten", get(f, buf, 100, &e) == 100 && buf[0] == 2 && buf[99] == 2);
    (void)__wasi_fd_filestat_get(f, &st);
    check("size 200", st.size == 200);
    expect("set APPEND again", __wasi_fd_fdstat_set_flags(f, __WASI_FDFLAGS_APPEND), 0, 0);
    (void)seek(f, 0, __WASI_WHENCE_SET, &e);
    (void)put(f, 3, 10, &e);
    (void)__wasi_fd_filestat_get(f, &st);
    check("APPEND back on", st.size == 210);
    (void)__wasi_fd_close(f);

    // set_size and set_times through the descriptor
    f = open_at(dir, 0, "seek", __WASI_OFLAGS_TRUNC, RW | __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE |
                __WASI_RIGHTS_FD_FILESTAT_SET_TIMES, 0, &e);
    expect("set_size 100", __wasi_fd_filestat_set_size(f, 100), 0, 0);
    (void)__wasi_fd_filestat_get(f, &st);
    check("size 100", st.size == 100);
    __wasi_timestamp_t atim = st.atim, mtim = st.mtim - 100;
    expect("set mtim only", __wasi_fd_filestat_set_times(f, mtim, mtim, __WASI_FSTFLAGS_MTIM), 0, 0);
    (void)__wasi_fd_filestat_get(f, &st);
    check("mtim changed, atim and size kept", st.mtim == mtim && st.atim == atim && st.size == 100);
    expect("fd ATIM|ATIM_NOW", __wasi_fd_filestat_set_times(f, 0, 0, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW), __WASI_ERRNO_INVAL, 0);
    expect("fd MTIM|MTIM_NOW", __wasi_fd_filestat_set_times(f, 0, 0, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW), __WASI_ERRNO_INVAL, 0);
    expect("path ATIM|ATIM_NOW", __wasi_path_filestat_set_times(dir, 0, "seek", 0, 0, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW), __WASI_ERRNO_INVAL, 0);
    expect("fd set_times unknown flag", __wasi_fd_filestat_set_times(f, 0, 0, 1 << 4), __WASI_ERRNO_INVAL, 0);
    (void)__wasi_fd_close(f);
    expect("unlink seek", __wasi_path_unlink_file(dir, "seek"), 0, 0);
}

static void links(__wasi_fd_t dir) {
    __wasi_errno_t e;
    __wasi_fd_t g;
    __wasi_fd_t f = open_at(dir, 0, "file", __WASI_OFLAGS_CREAT, RW, 0, &e);
    (void)__wasi_fd_close(f);
    __wasi_filestat_t fst, lst, st;
    (void)__wasi_path_filestat_get(dir, 0, "file", &fst);
    expect("symlink to a file", __wasi_path_symlink("file", dir, "symlink"), 0, 0);
    g = open_at(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "symlink", 0, 0, 0, &e);
    expect("open through it", e, 0, 0);
    if (!e) (void)__wasi_fd_close(g);
    g = open_at(dir, 0, "symlink", __WASI_OFLAGS_DIRECTORY, 0, 0, &e);
    expect("nofollow O_DIRECTORY on a link to a file", e, __WASI_ERRNO_LOOP, __WASI_ERRNO_NOTDIR);
    g = open_at(dir, 0, "symlink", 0, 0, 0, &e);
    expect("nofollow on a link to a file", e, __WASI_ERRNO_LOOP, 0);
    g = open_at(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "symlink", __WASI_OFLAGS_DIRECTORY, 0, 0, &e);
    expect("follow O_DIRECTORY to a file", e, __WASI_ERRNO_NOTDIR, 0);
    (void)__wasi_path_filestat_get(dir, 0, "symlink", &lst);
    __wasi_timestamp_t old = lst.mtim;
    expect("set the link's own mtim", __wasi_path_filestat_set_times(dir, 0, "symlink", 0, old - 200, __WASI_FSTFLAGS_MTIM), 0, 0);
    (void)__wasi_path_filestat_get(dir, 0, "symlink", &lst);
    // Java 17 sets a link's own times with lutimes: to the microsecond (a file's to the nanosecond)
    check("the link's mtim changed", lst.mtim <= old - 200 && lst.mtim > old - 200 - 1000);
    (void)__wasi_path_filestat_get(dir, 0, "file", &st);
    check("the file's mtim did not", st.mtim == fst.mtim);
    (void)__wasi_path_filestat_get(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "symlink", &st);
    check("followed stat is the file's", st.mtim == fst.mtim && st.ino == fst.ino);
    expect("set times through the link", __wasi_path_filestat_set_times(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "symlink", 0, old, __WASI_FSTFLAGS_MTIM), 0, 0);
    (void)__wasi_path_filestat_get(dir, 0, "file", &st);
    check("the file's mtim changed", st.mtim == old);
    expect("unlink symlink", __wasi_path_unlink_file(dir, "symlink"), 0, 0);

    expect("mkdir target", __wasi_path_create_directory(dir, "target"), 0, 0);
    expect("symlink to a dir", __wasi_path_symlink("target", dir, "symlink"), 0, 0);
    g = open_at(dir, 0, "symlink", __WASI_OFLAGS_DIRECTORY, 0, 0, &e);
    expect("nofollow O_DIRECTORY on a link to a dir", e, __WASI_ERRNO_LOOP, __WASI_ERRNO_NOTDIR);
    g = open_at(dir, 0, "symlink", 0, 0, 0, &e);
    expect("nofollow on a link to a dir", e, __WASI_ERRNO_LOOP, __WASI_ERRNO_ACCES);
    g = open_at(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "symlink", __WASI_OFLAGS_DIRECTORY, 0, 0, &e);
    expect("follow O_DIRECTORY to a dir", e, 0, 0);
    if (!e) (void)__wasi_fd_close(g);
    g = open_at(dir, 0, "symlink/", 0, 0, 0, &e);
    expect("symlink/ resolves to the dir", e, 0, 0);
    if (!e) (void)__wasi_fd_close(g);
    expect("rmdir through a link", __wasi_path_remove_directory(dir, "symlink"), __WASI_ERRNO_NOTDIR, 0);
    expect("unlink symlink to dir", __wasi_path_unlink_file(dir, "symlink"), 0, 0);
    expect("rmdir target", __wasi_path_remove_directory(dir, "target"), 0, 0);
    check("symlink to / refused", __wasi_path_symlink("/", dir, "symlink") != 0);
    expect("symlink to an empty path", __wasi_path_symlink("", dir, "symlink"), __WASI_ERRNO_NOENT, 0);

    // odd paths
    const char *nul = "file\0";
    e = raw_path_open(dir, 0, (int32_t)nul, 5, 0, 0, 0, 0, (int32_t)&g);
    check("a NUL inside a path is refused", e == __WASI_ERRNO_INVAL || e == __WASI_ERRNO_ILSEQ || e == __WASI_ERRNO_NOENT);
    g = open_at(dir, 0, "", 0, 0, 0, &e);
    expect("empty path", e, __WASI_ERRNO_NOENT, 0);
    g = open_at(dir, 0, "missing", 0, 0, 0, &e);
    expect("open missing", e, __WASI_ERRNO_NOENT, 0);
    g = open_at(dir, 0, "file", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, 0, 0, &e);
    expect("O_CREAT|O_EXCL on a file", e, __WASI_ERRNO_EXIST, 0);
    g = open_at(dir, 0, ".", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL | __WASI_OFLAGS_DIRECTORY, 0, 0, &e);
    expect("O_CREAT|O_EXCL|O_DIRECTORY on .", e, __WASI_ERRNO_EXIST, __WASI_ERRNO_INVAL);
    g = open_at(dir, 0, "file", __WASI_OFLAGS_DIRECTORY, 0, 0, &e);
    expect("O_DIRECTORY on a file", e, __WASI_ERRNO_NOTDIR, 0);
    f = open_at(dir, 0, "file", 0, 0, 0, &e);
    g = open_at(f, 0, ".", __WASI_OFLAGS_DIRECTORY, 0, 0, &e);
    expect("a file as the directory", e, __WASI_ERRNO_NOTDIR, 0);
    expect("mkdir below a file", __wasi_path_create_directory(f, "x"), __WASI_ERRNO_NOTDIR, 0);
    expect("isatty of a file is 0", isatty((int)f), 0, 0);
    (void)__wasi_fd_close(f);
    expect("rename file to x/", __wasi_path_rename(dir, "file", dir, "x/"), __WASI_ERRNO_NOTDIR, __WASI_ERRNO_NOENT);
    expect("mkdir file", __wasi_path_create_directory(dir, "file"), __WASI_ERRNO_EXIST, 0);
    expect("rmdir missing", __wasi_path_remove_directory(dir, "missing"), __WASI_ERRNO_NOENT, 0);
    expect("unlink missing", __wasi_path_unlink_file(dir, "missing"), __WASI_ERRNO_NOENT, 0);

    // a name goes away and comes back while a descriptor is open
    f = open_at(dir, 0, "file", 0, __WASI_RIGHTS_FD_READ, 0, &e);
    expect("unlink an open file", __wasi_path_unlink_file(dir, "file"), 0, 0);
    g = open_at(dir, 0, "file", __WASI_OFLAGS_CREAT, 0, 0, &e);
    expect("create it again", e, 0, 0);
    (void)__wasi_fd_close(g);
    (void)__wasi_fd_close(f);
    expect("unlink file", __wasi_path_unlink_file(dir, "file"), 0, 0);
    expect("mkdir sub", __wasi_path_create_directory(dir, "sub"), 0, 0);
    g = open_at(dir, 0, "sub", __WASI_OFLAGS_DIRECTORY, 0, 0, &e);
    expect("rmdir an open dir", __wasi_path_remove_directory(dir, "sub"), 0, 0);
    expect("mkdir it again", __wasi_path_create_directory(dir, "sub"), 0, 0);
    (void)__wasi_fd_close(g);
    expect("rmdir sub", __wasi_path_remove_directory(dir, "sub"), 0, 0);
}

static void readdir_cookies(__wasi_fd_t dir) {
    static uint8_t buf[256];
    __wasi_errno_t e;
    __wasi_fd_t f = open_at(dir, 0, "only", __WASI_OFLAGS_CREAT, RW, 0, &e);
    __wasi_filestat_t fst;
    (void)__wasi_fd_filestat_get(f, &fst);
    (void)__wasi_fd_close(f);
    __wasi_size_t used = 0;
    expect("readdir", __wasi_fd_readdir(dir, buf, sizeof buf, 0, &used), 0, 0);
    __wasi_dirent_t d[3];
    const char *names[3];
    size_t at = 0;
    int n = 0;
    while (n < 3 && at + sizeof(__wasi_dirent_t) <= used) {
        memcpy(&d[n], buf + at, sizeof d[n]);
        names[n] = (const char *)buf + at + sizeof d[n];
        at += sizeof d[n] + d[n].d_namlen;
        n++;
    }
    check("three entries", n == 3 && at == used && used < sizeof buf);
    int file_at = -1;
    for (int i = 0; i < n; i++)
        if (d[i].d_namlen == 4 && memcmp(names[i], "only", 4) == 0) file_at = i;
    check("the file's entry has its type and inode",
          file_at >= 0 && d[file_at].d_type == __WASI_FILETYPE_REGULAR_FILE && d[file_at].d_ino == fst.ino);
    if (n == 3) {
        expect("readdir from the second cookie", __wasi_fd_readdir(dir, buf, sizeof buf, d[1].d_next, &used), 0, 0);
        __wasi_dirent_t last;
        memcpy(&last, buf, sizeof last);
        check("one entry, the last", used == sizeof last + last.d_namlen && last.d_namlen == d[2].d_namlen &&
                                          memcmp(buf + sizeof last, names[2], last.d_namlen) == 0);
        expect("readdir past the end", __wasi_fd_readdir(dir, buf, sizeof buf, d[2].d_next, &used), 0, 0);
        check("nothing past the end", used == 0);
    }
    expect("unlink only", __wasi_path_unlink_file(dir, "only"), 0, 0);
}

static void stdio_and_poll(void) {
    __wasi_fdstat_t st;
    for (__wasi_fd_t fd = 0; fd < 3; fd++) expect("fdstat of stdio", __wasi_fd_fdstat_get(fd, &st), 0, 0);
    __wasi_subscription_t sub[3];
    __wasi_event_t ev[3];
    __wasi_size_t n = 0;
    memset(sub, 0, sizeof sub);
    sub[0].userdata = 1;
    sub[0].u.tag = __WASI_EVENTTYPE_FD_WRITE;
    sub[0].u.u.fd_write.file_descriptor = 1;
    sub[1].userdata = 2;
    sub[1].u.tag = __WASI_EVENTTYPE_FD_WRITE;
    sub[1].u.u.fd_write.file_descriptor = 2;
    sub[2].userdata = 3;
    sub[2].u.tag = __WASI_EVENTTYPE_CLOCK;
    sub[2].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    sub[2].u.u.clock.timeout = 2000000000ull;
    expect("poll stdout and stderr for writing", __wasi_poll_oneoff(sub, ev, 3, &n), 0, 0);
    int seen = 0;
    for (__wasi_size_t i = 0; i < n; i++)
        if (ev[i].type == __WASI_EVENTTYPE_FD_WRITE && ev[i].error == 0) seen |= 1 << ev[i].userdata;
    check("stdout and stderr are writable", seen == 6);
    sub[0].u.tag = __WASI_EVENTTYPE_FD_READ;
    sub[0].u.u.fd_read.file_descriptor = 0;
    sub[2].u.u.clock.timeout = 100000000ull;
    __wasi_subscription_t two[2] = {sub[0], sub[2]};
    expect("poll stdin with a clock", __wasi_poll_oneoff(two, ev, 2, &n), 0, 0);
    int fine = n >= 1;
    for (__wasi_size_t i = 0; i < n; i++)
        fine &= ev[i].error == 0 && ((ev[i].type == __WASI_EVENTTYPE_CLOCK && ev[i].userdata == 3) ||
                                     (ev[i].type == __WASI_EVENTTYPE_FD_READ && ev[i].userdata == 1));
    check("stdin event or timeout", fine);
    expect("sched_yield", __wasi_sched_yield(), 0, 0);
    static uint8_t big[1 << 20];
    expect("random_get 1 MiB", __wasi_random_get(big, sizeof big), 0, 0);
    __wasi_timestamp_t t = 0;
    expect("clock_time_get with precision", __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1000000, &t), 0, 0);
    check("a time", t != 0);
    expect("clock_time_get bad id", __wasi_clock_time_get(99, 0, &t), __WASI_ERRNO_INVAL, 0);
}

// Run with no preopen at all (no argument names one): fd 3 does not exist, and libc finds no
// directory to open a relative name in.
static int without_preopens(void) {
    __wasi_prestat_t ps;
    expect("no fd 3", __wasi_fd_prestat_get(3, &ps), __WASI_ERRNO_BADF, 0);
    expect("sock_shutdown of fd 3", __wasi_sock_shutdown(3, __WASI_SDFLAGS_RD), __WASI_ERRNO_BADF, 0);
    FILE *f = fopen("fs-tests.dir/file", "r");
    check("fopen without a preopen is ENOTCAPABLE", f == NULL && errno == ENOTCAPABLE);
    printf("failures=%d\n", failures);
    return failures;
}

int main(int argc, char **argv) {
    if (argc < 2) return without_preopens();
    const char *name = argv[1];
    __wasi_fd_t pre = (__wasi_fd_t)-1;
    for (__wasi_fd_t fd = 3; fd < 64; fd++) {
        __wasi_prestat_t ps;
        if (__wasi_fd_prestat_get(fd, &ps) != 0) break;
        char dn[256] = {0};
        if (ps.u.dir.pr_name_len < sizeof dn && __wasi_fd_prestat_dir_name(fd, (uint8_t *)dn, ps.u.dir.pr_name_len) == 0 &&
            strcmp(dn, name) == 0) pre = fd;
    }
    if (pre == (__wasi_fd_t)-1) {
        printf("FAIL no preopen named %s\n", name);
        return 1;
    }
    preopen_rights(pre);
    __wasi_errno_t e;
    expect("mkdir scratch", __wasi_path_create_directory(pre, "sem.cleanup"), 0, 0);
    __wasi_fdstat_t ps;
    (void)__wasi_fd_fdstat_get(pre, &ps);
    __wasi_fd_t dir;
    e = __wasi_path_open(pre, 0, "sem.cleanup", __WASI_OFLAGS_DIRECTORY, ps.fs_rights_base, ps.fs_rights_inheriting, 0, &dir);
    expect("open scratch", e, 0, 0);
    directory_seek(dir);
    rights(dir);
    offsets(dir);
    links(dir);
    readdir_cookies(dir);
    stdio_and_poll();

    // renumber over the preopen, then close it (another handle on the preopen cleans up)
    __wasi_fd_t base;
    e = __wasi_path_open(pre, 0, ".", __WASI_OFLAGS_DIRECTORY, ps.fs_rights_base, ps.fs_rights_inheriting, 0, &base);
    expect("a second handle on the preopen", e, 0, 0);
    __wasi_filestat_t before, after;
    (void)__wasi_fd_filestat_get(dir, &before);
    expect("renumber over the preopen", __wasi_fd_renumber(dir, pre), 0, 0);
    expect("filestat of the renumbered fd", __wasi_fd_filestat_get(pre, &after), 0, 0);
    check("same directory", before.ino == after.ino && before.dev == after.dev);
    __wasi_fdstat_t st;
    expect("the old number is closed", __wasi_fd_fdstat_get(dir, &st), __WASI_ERRNO_BADF, 0);
    __wasi_prestat_t pst;
    expect("no prestat after renumbering", __wasi_fd_prestat_get(pre, &pst), __WASI_ERRNO_BADF, 0);
    expect("close the preopen number", __wasi_fd_close(pre), 0, 0);
    expect("it is closed", __wasi_fd_fdstat_get(pre, &st), __WASI_ERRNO_BADF, 0);
    expect("rmdir scratch", __wasi_path_remove_directory(base, "sem.cleanup"), 0, 0);
    printf("failures=%d\n", failures);
    return failures;
}
