package dev.iotypes.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.iotypes.wasi.sandbox.Root;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest makes no symbolic link that leads out of its preopen: iotypes never follows one out, but
 * a host program may later, so a relative target that climbs above the preopen is refused as an
 * absolute one is ({@code EPERM}), unless the embedder allows it.
 */
class OutwardLinksTest {
  @TempDir Path tmp;

  private HostDirectory preopen(boolean outwardLinks) throws IOException {
    Path pre = Files.createDirectories(tmp.resolve("pre/sub"));
    Root root = Root.open(pre.getParent(), false, outwardLinks);
    return new HostDirectory(root, List.of());
  }

  @Test
  void aRelativeLinkClimbingOutIsRefusedAsAnAbsoluteOneIs() throws IOException {
    HostDirectory dir = preopen(false);

    assertThat(errno(() -> dir.symlink("/etc", "abs"))).isEqualTo(Errno.PERM);
    assertThat(errno(() -> dir.symlink("../../outside/secret", "s1"))).isEqualTo(Errno.PERM);
    assertThat(errno(() -> dir.symlink("..", "up"))).isEqualTo(Errno.PERM);
    assertThat(errno(() -> dir.symlink("../../x", "sub/s2"))).isEqualTo(Errno.PERM);
    // A name followed by .. may be a link to ".", climbing a level the text does not show.
    assertThat(errno(() -> dir.symlink("sub/../x", "s3"))).isEqualTo(Errno.PERM);
    try (var names = Files.list(tmp.resolve("pre"))) {
      assertThat(names).containsExactly(tmp.resolve("pre/sub"));
    }
  }

  @Test
  void linksThatStayInsideAreMade() throws IOException {
    HostDirectory dir = preopen(false);

    dir.symlink("sub/file", "down");
    dir.symlink("../down", "sub/back");
    dir.symlink(".", "self");

    assertThat(Files.readSymbolicLink(tmp.resolve("pre/down"))).isEqualTo(Path.of("sub/file"));
    assertThat(Files.readSymbolicLink(tmp.resolve("pre/sub/back"))).isEqualTo(Path.of("../down"));
  }

  @Test
  void theEmbedderMayAllowLinksOut() throws IOException {
    HostDirectory dir = preopen(true);

    dir.symlink("../../outside/secret", "s1");
    dir.symlink("/etc", "abs");

    assertThat(Files.readSymbolicLink(tmp.resolve("pre/s1")))
        .isEqualTo(Path.of("../../outside/secret"));
  }

  private static Errno errno(Runnable call) {
    Errno.Raised raised = catchThrowableOfType(call::run, Errno.Raised.class);
    assertThat(raised).isNotNull();
    return raised.errno;
  }
}
