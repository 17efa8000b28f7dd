package dev.iotypes.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.wasi.sandbox.Root;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host file whose name is not valid in the JVM's file-name encoding (here: not UTF-8) is listed
 * by {@code fd_readdir}, under the name as decoded (with U+FFFD), never silently dropped.
 */
class ReaddirNamesTest {
  @TempDir Path tmp;

  @Test
  void aNameThatIsNotUtf8IsListedNotDropped() throws Exception {
    Process p =
        new ProcessBuilder("sh", "-c", "printf data > \"$(printf 'bad\\377name')\" && mkdir ok")
            .directory(tmp.toFile())
            .inheritIO()
            .start();
    assertThat(p.waitFor()).isZero();
    Root root = Root.open(tmp, false);
    try {
      List<Dirent> listed = new HostDirectory(root, List.of()).list();

      assertThat(listed).extracting(Dirent::name).contains(".", "..", "ok").hasSize(4);
      Dirent bad =
          listed.stream().filter(d -> d.name().startsWith("bad")).findFirst().orElseThrow();
      assertThat(bad.name()).isEqualTo("bad\uFFFDname");
      assertThat(bad.filetype()).isEqualTo(Filestat.REGULAR_FILE);
      assertThat(bad.ino()).isNotZero();
    } finally {
      root.stream().close();
    }
  }
}
