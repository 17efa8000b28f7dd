package dev.iotypes.wasi.sandbox;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.Charset;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Opens a regular file and nothing else, without blocking on anything else put there meanwhile.
 *
 * <p>Why: a caller looks at a name ({@code lstat}) before opening it, and another process that can
 * write in the directory may rename a FIFO over it in between. A blocking {@code open(2)} of a FIFO
 * waits for its other end, forever if that never comes. Java has no {@code O_NONBLOCK} open, so on
 * Linux, where {@link DirFd} can read directory descriptors ({@code --add-opens
 * java.base/sun.nio.fs}), this opens the name with the JDK's own {@code openat} with {@code
 * O_NONBLOCK} (and {@code O_NOFOLLOW} when asked), checks what it opened through {@code
 * /proc/self/fd/N} (an {@code fstat}: the magic link leads to the open file, whatever the name is
 * now), refuses anything but a regular file with {@link NotRegularFile}, and opens the channel
 * through that same magic link: the very file checked, which cannot block. Without that access it
 * opens as {@link SecureDirectoryStream} does and checks afterwards (a FIFO cannot seek), which
 * leaves the window ({@code docs/security.md}).
 */
public final class Open {
  private static final Path FDS = Path.of("/proc/self/fd");
  private static final Native NATIVE = Native.find();

  private Open() {}

  /** The name is there but no regular file: a FIFO, socket or device. */
  public static final class NotRegularFile extends FileSystemException {
    public NotRegularFile(String file) {
      super(file, null, "not a regular file");
    }
  }

  /** Whether opens cannot block (the JDK's {@code openat} is reachable). */
  public static boolean nonBlocking() {
    return NATIVE != null;
  }

  /** Opens entry {@code name} (one component) of {@code dir} with {@code options}. */
  public static FileChannel regular(
      SecureDirectoryStream<Path> dir, String name, Set<? extends OpenOption> options)
      throws IOException {
    OptionalInt dfd = DirFd.descriptor(dir);
    if (NATIVE != null && dfd.isPresent()) {
      return NATIVE.open(dfd.getAsInt(), name, options);
    }
    return checked(dir.newByteChannel(Path.of(name), options), name);
  }

  /** Opens {@code path} (relative to the working directory, or absolute) with {@code options}. */
  public static FileChannel regular(Path path, Set<? extends OpenOption> options)
      throws IOException {
    if (NATIVE != null) {
      return NATIVE.open(Native.AT_FDCWD, path.toString(), options);
    }
    return checked(FileChannel.open(path, options), path.toString());
  }

  private static FileChannel checked(SeekableByteChannel channel, String name) throws IOException {
    try {
      if (channel instanceof FileChannel file) {
        file.position(); // lseek: ESPIPE on a FIFO or socket
        return file;
      }
    } catch (IOException e) {
      // not a file
    }
    channel.close();
    throw new NotRegularFile(name);
  }

  /** The JDK's {@code openat} and {@code close}, reached by reflection; null where unavailable. */
  private record Native(
      Method openat,
      Method close,
      int rdonly,
      int wronly,
      int rdwr,
      int creat,
      int excl,
      int nofollow) {
    static final int AT_FDCWD = -100;
    // Linux values on x86-64, arm64 and riscv64 (the generic ones); others fall back.
    static final int O_NONBLOCK = 04000;
    static final int O_CLOEXEC = 02000000;

    static Native find() {
      String arch = System.getProperty("os.arch", "");
      if (!System.getProperty("os.name", "").equals("Linux")
          || !Set.of("amd64", "x86_64", "aarch64", "riscv64").contains(arch)
          || !Files.isDirectory(FDS)) {
        return null;
      }
      try {
        Class<?> dispatcher = Class.forName("sun.nio.fs.UnixNativeDispatcher");
        Method openat =
            dispatcher.getDeclaredMethod("openat", int.class, byte[].class, int.class, int.class);
        Method close = dispatcher.getDeclaredMethod("close", int.class);
        openat.setAccessible(true); // InaccessibleObjectException without --add-opens
        close.setAccessible(true);
        Class<?> constants = Class.forName("sun.nio.fs.UnixConstants");
        return new Native(
            openat,
            close,
            constant(constants, "O_RDONLY"),
            constant(constants, "O_WRONLY"),
            constant(constants, "O_RDWR"),
            constant(constants, "O_CREAT"),
            constant(constants, "O_EXCL"),
            constant(constants, "O_NOFOLLOW"));
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }

    private static int constant(Class<?> constants, String name)
        throws ReflectiveOperationException {
      Field f = constants.getDeclaredField(name);
      f.setAccessible(true);
      return f.getInt(null);
    }

    FileChannel open(int dfd, String name, Set<? extends OpenOption> options) throws IOException {
      boolean read = options.contains(StandardOpenOption.READ);
      boolean write =
          options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
      int flags = (write ? (read ? rdwr : wronly) : rdonly) | O_NONBLOCK | O_CLOEXEC;
      if (options.contains(LinkOption.NOFOLLOW_LINKS)) {
        flags |= nofollow;
      }
      if (options.contains(StandardOpenOption.CREATE_NEW)) {
        flags |= creat | excl;
      } else if (options.contains(StandardOpenOption.CREATE)) {
        flags |= creat;
      }
      byte[] bytes = name.getBytes(Charset.forName(System.getProperty("sun.jnu.encoding")));
      int fd;
      try {
        fd = (int) openat.invoke(null, dfd, bytes, flags, 0666);
      } catch (InvocationTargetException e) {
        throw translate(e.getCause(), name);
      } catch (IllegalAccessException e) {
        throw new IOException(e);
      }
      try {
        Path opened = FDS.resolve(Integer.toString(fd));
        if (!Files.readAttributes(opened, BasicFileAttributes.class).isRegularFile()) {
          throw new NotRegularFile(name);
        }
        Set<OpenOption> again = new HashSet<>(options);
        again.remove(StandardOpenOption.CREATE);
        again.remove(StandardOpenOption.CREATE_NEW);
        again.remove(LinkOption.NOFOLLOW_LINKS); // the magic link itself is followed
        return FileChannel.open(opened, again);
      } finally {
        try {
          close.invoke(null, fd);
        } catch (ReflectiveOperationException e) {
          // released with the process at worst
        }
      }
    }

    private static IOException translate(Throwable cause, String name) {
      try {
        Method m =
            cause
                .getClass()
                .getDeclaredMethod("translateToIOException", String.class, String.class);
        m.setAccessible(true);
        return (IOException) m.invoke(cause, name, null);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return new FileSystemException(name, null, String.valueOf(cause));
      }
    }
  }
}
