package dev.iotypes;

import java.io.IOException;

/** What closing one end of a shared backend does (a socket's two directions, stdio's fds). */
@FunctionalInterface
interface Closer {
  /** For stdio: the process's descriptors outlive any handle to them. */
  Closer NONE = () -> {};

  void close() throws IOException;
}
