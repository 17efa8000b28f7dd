package dev.iotypes.wasi;

import java.nio.charset.StandardCharsets;

/** One directory entry as {@code fd_readdir} reports it (the cookie is its index plus one). */
record Dirent(String name, long ino, int filetype) {
  byte[] utf8() {
    return name.getBytes(StandardCharsets.UTF_8);
  }
}
