/*
 * iotypes-client: `./iotypes run` handed to `./iotypes serve` without starting a JVM.
 *
 * A served run's work is the server's, but a JVM started only to forward bytes costs about 0.3 s
 * of CPU and 0.2 s of wall, as much as Node spends on a whole short program. So the launcher
 * execs this first. It speaks the server's protocol (Frames.java is the record: [kind:1]
 * [length:4, big-endian][bytes]; a hello of version, working directory, environment, arguments
 * and flags; standard output and error back, standard input out as the run asks for it, and an
 * exit status) and
 * takes exactly the decisions Client.java takes. Whenever it would not serve (no socket, an unsafe
 * socket directory, anything that is not UTF-8, nobody answering) it execs the JVM command it was
 * given, untouched, before sending a byte: the in-process run, or the Java client where that one
 * would still serve.
 *
 *   iotypes-client N ARG1 .. ARGN JAVA-COMMAND...
 *
 * ARG1 .. ARGN are the CLI's arguments; JAVA-COMMAND is the launcher's whole command for them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

extern char **environ;

enum {
  VERSION = 3,
  CHUNK = 64 << 10,      /* the most bytes of a data frame */
  MAX_FRAME = 8 << 20,   /* the most bytes of the hello */
  MAX_ARGS = 1 << 16,
  MAX_ENV = 1 << 16,
  TERMINAL = 1,
  STDIN_FILE = 2,        /* the server opens /proc/PID/fd/0 and tells where the run left it */
  INTERNAL = 125,        /* ExitStatus.INTERNAL */
};

static char **java_command;

/* Runs the launcher's JVM command instead: this run is not handed over here. */
static _Noreturn void in_process(void) {
  execvp(java_command[0], java_command);
  fprintf(stderr, "iotypes: cannot run %s: %s\n", java_command[0], strerror(errno));
  exit(INTERNAL);
}

static _Noreturn void failed(const char *format, ...) {
  va_list args;
  va_start(args, format);
  fputs("iotypes: the server failed the run: ", stderr);
  vfprintf(stderr, format, args);
  fputc('\n', stderr);
  va_end(args);
  exit(INTERNAL);
}

/* A growable byte buffer; out of memory is in_process's business before the hello is sent. */
typedef struct {
  unsigned char *bytes;
  size_t length, capacity, start;
} buffer;

static int reserve(buffer *b, size_t more) {
  if (b->length + more <= b->capacity) return 0;
  size_t capacity = b->capacity ? b->capacity : 4096;
  while (capacity < b->length + more) capacity *= 2;
  unsigned char *bytes = realloc(b->bytes, capacity);
  if (!bytes) return -1;
  b->bytes = bytes;
  b->capacity = capacity;
  return 0;
}

static int put(buffer *b, const void *bytes, size_t length) {
  if (reserve(b, length)) return -1;
  memcpy(b->bytes + b->length, bytes, length);
  b->length += length;
  return 0;
}

static int put_int(buffer *b, uint32_t value) {
  unsigned char be[4] = {value >> 24, value >> 16, value >> 8, value};
  return put(b, be, 4);
}

static int put_long(buffer *b, uint64_t value) {
  return put_int(b, (uint32_t)(value >> 32)) || put_int(b, (uint32_t)value);
}

static int put_string(buffer *b, const char *s, size_t length) {
  return length > INT32_MAX || put_int(b, (uint32_t)length) || put(b, s, length);
}

static int put_frame(buffer *b, char kind, const void *bytes, size_t length) {
  return put(b, &kind, 1) || put_int(b, (uint32_t)length) || put(b, bytes, length);
}

/* Whether s is well-formed UTF-8, as Java's decoder reads it with REPORT on malformed input. */
static int utf8(const unsigned char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    unsigned c = s[i];
    if (c < 0x80) { i++; continue; }
    size_t k;
    unsigned min, cp;
    if (c >= 0xc2 && c <= 0xdf) k = 1, min = 0x80, cp = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef) k = 2, min = 0x800, cp = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4) k = 3, min = 0x10000, cp = c & 0x07;
    else return 0;
    if (n - i <= k) return 0;
    for (size_t j = 1; j <= k; j++) {
      if ((s[i + j] & 0xc0) != 0x80) return 0;
      cp = cp << 6 | (s[i + j] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
    i += k + 1;
  }
  return 1;
}

/* The socket's path, as Server.socketPath gives it; in_process for none. */
static void socket_path(char *path, size_t size, const char *cwd) {
  const char *set = getenv("IOTYPES_SERVER");
  const char *runtime = getenv("XDG_RUNTIME_DIR");
  const char *cache = getenv("XDG_CACHE_HOME");
  int n;
  if (set && *set) {
    if (!strcmp(set, "off")) in_process();
    n = set[0] == '/' ? snprintf(path, size, "%s", set) : snprintf(path, size, "%s/%s", cwd, set);
  } else if (runtime && runtime[0] == '/') {
    n = snprintf(path, size, "%s/iotypes/server.sock", runtime);
  } else if (cache && cache[0] == '/') {
    n = snprintf(path, size, "%s/iotypes/server.sock", cache);
  } else {
    struct passwd *user = getpwuid(getuid()); /* Java's user.home */
    if (!user || !user->pw_dir) in_process();
    n = snprintf(path, size, "%s/.cache/iotypes/server.sock", user->pw_dir);
  }
  if (n < 0 || (size_t)n >= size) in_process(); /* too long for a socket address */
}

/* As Server.unsafeDirectory: the socket's directory must be this user's, closed to all others. */
static int safe_directory(const char *socket) {
  char dir[sizeof(((struct sockaddr_un *)0)->sun_path)];
  snprintf(dir, sizeof dir, "%s", socket);
  char *slash = strrchr(dir, '/');
  if (!slash) return 0;
  if (slash == dir) slash[1] = 0; else *slash = 0;
  struct stat st;
  return lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == getuid() &&
         (st.st_mode & 077) == 0;
}

/* The hello, as Frames.Hello.encode writes it; in_process for anything Java would not send as is. */
static void hello(buffer *frame, int argc, char **argv, const char *cwd, off_t stdin_offset) {
  buffer b = {0};
  size_t envs = 0, total = 0;
  for (char **e = environ; *e; e++) total++;
  if (total > MAX_ENV || argc > MAX_ARGS) in_process();
  /* Java's System.getenv: entries with an '=', split at the first; of a name given twice, the first */
  const char **names = calloc(total + 1, sizeof *names);
  size_t *lengths = calloc(total + 1, sizeof *lengths);
  if (!names || !lengths) in_process();
  for (char **e = environ; *e; e++) {
    const char *eq = strchr(*e, '=');
    if (!eq) continue;
    size_t length = (size_t)(eq - *e), i;
    for (i = 0; i < envs; i++) {
      if (lengths[i] == length && !memcmp(names[i], *e, length)) break;
    }
    if (i < envs) continue;
    if (!utf8((const unsigned char *)*e, strlen(*e))) in_process();
    names[envs] = *e;
    lengths[envs++] = length;
  }
  if (put_int(&b, VERSION) || put_string(&b, cwd, strlen(cwd)) || put_int(&b, (uint32_t)envs)) {
    in_process();
  }
  for (size_t i = 0; i < envs; i++) {
    const char *value = names[i] + lengths[i] + 1;
    if (put_string(&b, names[i], lengths[i]) || put_string(&b, value, strlen(value))) in_process();
  }
  if (put_int(&b, (uint32_t)argc)) in_process();
  for (int i = 0; i < argc; i++) {
    size_t length = strlen(argv[i]);
    if (!utf8((const unsigned char *)argv[i], length) || put_string(&b, argv[i], length)) {
      in_process();
    }
  }
  int flags = isatty(0) && isatty(1) ? TERMINAL : 0; /* Java's System.console() != null */
  if (stdin_offset >= 0) flags |= STDIN_FILE;
  if (put_int(&b, (uint32_t)flags)) in_process();
  if (stdin_offset >= 0 && (put_long(&b, (uint64_t)getpid()) || put_long(&b, (uint64_t)stdin_offset))) {
    in_process();
  }
  if (b.length > MAX_FRAME) in_process();
  if (put_frame(frame, 'H', b.bytes, b.length)) in_process();
  free(b.bytes);
  free(names);
  free(lengths);
}

/* Writes all of bytes to fd, waiting while it is full; -1 if it fails. */
static int write_all(int fd, const unsigned char *bytes, size_t length) {
  while (length > 0) {
    ssize_t n = write(fd, bytes, length);
    if (n > 0) {
      bytes += n;
      length -= (size_t)n;
    } else if (n < 0 && errno == EAGAIN) {
      struct pollfd p = {fd, POLLOUT, 0};
      poll(&p, 1, -1);
    } else if (n < 0 && errno != EINTR) {
      return -1;
    }
  }
  return 0;
}

static uint32_t get_int(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fputs("usage: iotypes-client N ARG1 .. ARGN JAVA-COMMAND... (run by ./iotypes)\n", stderr);
    return 2;
  }
  char *end;
  long n = strtol(argv[1], &end, 10);
  if (*end || n < 0 || n > argc - 3) {
    fputs("iotypes-client: bad argument count\n", stderr);
    return 2;
  }
  char **args = argv + 2;
  java_command = argv + 2 + n;
  if (n == 0 || strcmp(args[0], "run") != 0) in_process();

  char cwd[PATH_MAX];
  if (!getcwd(cwd, sizeof cwd) || !utf8((const unsigned char *)cwd, strlen(cwd))) in_process();
  struct sockaddr_un address = {.sun_family = AF_UNIX};
  socket_path(address.sun_path, sizeof address.sun_path, cwd);
  struct stat st;
  if (stat(address.sun_path, &st) != 0 || !safe_directory(address.sun_path)) in_process();
  /* standard input that is a file is the server's to open: it reads and maps it as in-process */
  off_t stdin_offset = -1;
  if (fstat(0, &st) == 0 && S_ISREG(st.st_mode) && (stdin_offset = lseek(0, 0, SEEK_CUR)) < 0) {
    in_process();
  }

  buffer out = {0}, in = {0};
  hello(&out, (int)n, args, cwd, stdin_offset);
  int wire = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (wire < 0 || connect(wire, (struct sockaddr *)&address, sizeof address) != 0) in_process();
  fcntl(wire, F_SETFL, fcntl(wire, F_GETFL) | O_NONBLOCK);
  signal(SIGPIPE, SIG_IGN); /* a closed reader is an EPIPE, told to the run as Java's client does */

  static unsigned char chunk[CHUNK];
  int stdin_open = stdin_offset < 0, wire_open = 1, broken = 0, accepted = 0;
  size_t wanted = 0; /* what the run asked for and has not had: standard input is read only then */
  for (;;) {
    struct pollfd p[2] = {{wire, POLLIN, 0}, {0, POLLIN, 0}};
    if (out.length > out.start) p[0].events |= POLLOUT;
    int watch_stdin = stdin_open && wire_open && wanted > 0 && out.length == out.start;
    if (poll(p, watch_stdin ? 2 : 1, -1) < 0) {
      if (errno == EINTR) continue;
      failed("poll: %s", strerror(errno));
    }
    if (p[0].revents & POLLOUT) {
      ssize_t w = write(wire, out.bytes + out.start, out.length - out.start);
      if (w > 0) {
        out.start += (size_t)w;
        if (out.start == out.length) out.start = out.length = 0;
      } else if (w < 0 && errno != EAGAIN && errno != EINTR) {
        wire_open = 0; /* it stopped listening; what it said before is still to be read */
        out.start = out.length = 0;
      }
    }
    if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      if (reserve(&in, CHUNK)) failed("out of memory");
      ssize_t r = read(wire, in.bytes + in.length, in.capacity - in.length);
      if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
        /* gone before it took the run: nothing ran, nothing was read, so it runs here */
        if (!accepted) in_process();
        failed("it closed the connection");
      }
      if (r > 0) in.length += (size_t)r;
      size_t at = 0;
      while (in.length - at >= 5) {
        char kind = (char)in.bytes[at];
        uint32_t length = get_int(in.bytes + at + 1);
        if (length > CHUNK) failed("a frame of %u bytes", length);
        if (in.length - at - 5 < length) break;
        const unsigned char *bytes = in.bytes + at + 5;
        at += 5 + length;
        accepted = 1;
        switch (kind) {
          case 'A': /* the run is the server's now */
            break;
          case 'O':
            if (!broken && write_all(1, bytes, length) != 0) {
              broken = 1; /* the reader went away: the run hears it as a broken pipe */
              if (wire_open && put_frame(&out, 'P', "", 0)) failed("out of memory");
            }
            break;
          case 'R':
            write_all(2, bytes, length);
            break;
          case 'W': { /* the run reads standard input: one read of at most that many bytes */
            uint32_t asked = length == 4 ? get_int(bytes) : 0;
            if (asked == 0 || asked > (uint32_t)CHUNK || stdin_offset >= 0) {
              failed("standard input wanted: %u", asked);
            }
            if (stdin_open) {
              wanted = asked;
            } else if (wire_open && put_frame(&out, 'E', "", 0)) {
              failed("out of memory");
            }
            break;
          }
          case 'S': /* where the run left standard input: where an in-process run leaves it */
            if (length != 8) failed("a position frame of %u bytes", length);
            if (stdin_offset >= 0) {
              lseek(0, (off_t)((uint64_t)get_int(bytes) << 32 | get_int(bytes + 4)), SEEK_SET);
            }
            break;
          case 'X':
            if (length != 4) failed("an exit frame of %u bytes", length);
            exit((int)(get_int(bytes) & 0xff));
          default:
            failed("unexpected frame %d", kind);
        }
      }
      memmove(in.bytes, in.bytes + at, in.length - at);
      in.length -= at;
    }
    if (watch_stdin && (p[1].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL))) {
      ssize_t r = (p[1].revents & POLLNVAL) ? 0 : read(0, chunk, wanted);
      if (r > 0) {
        wanted = 0;
        if (put_frame(&out, 'I', chunk, (size_t)r)) failed("out of memory");
      } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
        wanted = 0;
        stdin_open = 0; /* its end, or a failure: either way the run sees its end */
        if (put_frame(&out, 'E', "", 0)) failed("out of memory");
      }
    }
  }
}
