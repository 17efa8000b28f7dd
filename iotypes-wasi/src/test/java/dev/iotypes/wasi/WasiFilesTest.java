package dev.iotypes.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.wasi.WasiPrograms.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * I/O-types mode: file arguments are bound by their spelling and opened as I/O arrays (fopen,
 * fread, fseek, ftell, pread, pwrite, lseek, fstat); read-only unless made writable; a named output
 * can be created; nothing else exists. Node runs the same program with the working directory
 * preopened as {@code .}, where the same names resolve to the same files.
 */
class WasiFilesTest {
  @TempDir Path dir;

  private static final byte[] NO_INPUT = new byte[0];

  @Test
  void seekTellReadPreadAndStatOnABoundFileMatchNode() throws Exception {
    Files.writeString(dir.resolve("data.txt"), "Hello, arrays!\nsecond line\nend");
    Result ours =
        WasiPrograms.iotypes("files", NO_INPUT, b -> b.workingDirectory(dir), "read", "data.txt");
    Result node =
        WasiPrograms.node(
            dir, NO_INPUT, List.of("--dir", dir + "::."), "files", "read", "data.txt");
    assertThat(ours.stdout())
        .contains("size=30\n", "tell=15\n", "first 4: Hell\n", "last 3, eof=1\n")
        .contains("fstat: regular=1 size=30\n", "pread(1,5)=5: ello,\n")
        .contains("lseek cur after pread=0\n", "lseek end+10=40\n", "read past end=0\n")
        .contains("write read-only=-1 (Bad file descriptor)\n");
    // stdin is a stream: lseek is ESPIPE under iotypes. Node gives stdin the file it was
    // redirected from, which can seek, so that line alone differs.
    assertThat(ours.stdout()).contains("lseek stdin=-1 (Invalid seek)\n");
    assertThat(withoutLine(ours.stdout(), "lseek stdin"))
        .isEqualTo(withoutLine(node.stdout(), "lseek stdin"));
    assertThat(ours.status()).isZero().isEqualTo(node.status());
  }

  @Test
  void aWritableNameTakesPwriteWritePastTheEndTruncateAndAppend() throws Exception {
    Path file = Files.writeString(dir.resolve("rw.bin"), "0123456789");
    Result ours =
        WasiPrograms.iotypes(
            "files", NO_INPUT, b -> b.workingDirectory(dir).writable("rw.bin"), "write", "rw.bin");
    assertThat(ours.stdout())
        .isEqualTo(
            "content(10)=HELLO56789\n"
                + "content(15)=HELLO56789....!\n"
                + "size=15\n"
                + "truncated size=3 tell=15\n"
                + "content(9)=HELabcxyz\n");
    assertThat(ours.status()).isZero();
    assertThat(Files.readString(file)).isEqualTo("HELabcxyz");

    Path copy = Files.createDirectory(dir.resolve("node"));
    Files.writeString(copy.resolve("rw.bin"), "0123456789");
    Result node =
        WasiPrograms.node(
            copy, NO_INPUT, List.of("--dir", copy + "::."), "files", "write", "rw.bin");
    assertThat(ours).isEqualTo(node);
  }

  @Test
  void boundFilesAreReadOnlyByDefault() throws Exception {
    Path file = Files.writeString(dir.resolve("ro.txt"), "keep me");
    Result ours =
        WasiPrograms.iotypes("files", NO_INPUT, b -> b.workingDirectory(dir), "denied", "ro.txt");
    assertThat(ours.stdout())
        .isEqualTo(
            "open for writing: Permission denied\n" + "open with O_TRUNC: Permission denied\n");
    assertThat(Files.readString(file)).isEqualTo("keep me");
  }

  @Test
  void aNamedOutputCanBeCreatedAndNothingElse() throws Exception {
    Files.createDirectory(dir.resolve("out"));
    Result ours =
        WasiPrograms.iotypes(
            "files",
            NO_INPUT,
            b -> b.workingDirectory(dir).output("out/new.txt"),
            "create",
            "out/new.txt");
    assertThat(ours.stdout()).isEqualTo("created 21 bytes\n");
    assertThat(Files.readString(dir.resolve("out/new.txt"))).isEqualTo("line 0\nline 1\nline 2\n");

    Map<String, String> before = WasiPrograms.snapshot(dir);
    Result other =
        WasiPrograms.iotypes(
            "files", NO_INPUT, b -> b.workingDirectory(dir), "create", "other.txt");
    // nothing bound: no preopen at all, so libc finds no directory for the name (ENOTCAPABLE)
    assertThat(other.stdout()).isEqualTo("fopen w: Capabilities insufficient\n");
    assertThat(other.status()).isEqualTo(2);
    assertThat(WasiPrograms.snapshot(dir)).isEqualTo(before);
  }

  @Test
  void namesThatWereNotArgumentsDoNotExist() throws Exception {
    Files.writeString(dir.resolve("secret.txt"), "not an argument");
    Files.writeString(dir.resolve("arg.txt"), "an argument");
    // "secret.txt" exists next to the bound "arg.txt" but was not an argument: it is not there.
    Result ours =
        WasiPrograms.iotypes(
            "files", NO_INPUT, b -> b.workingDirectory(dir), "missing", "arg.txt", "secret.txt");
    assertThat(ours.stdout())
        .isEqualTo("fopen: ALLOWED\nstat: ALLOWED\ncreate: denied\n"); // arg.txt: bound, read-only
    Result secret =
        WasiPrograms.iotypes(
            "files", NO_INPUT, b -> b.workingDirectory(dir), "missing", "@secret.txt", "arg.txt");
    assertThat(secret.stdout())
        .isEqualTo(
            "fopen: No such file or directory\nstat: No such file or directory\ncreate: denied\n");
  }

  @Test
  void aNameBoundByOptionExistsWithoutBeingAnArgument() throws Exception {
    Files.writeString(dir.resolve("config.ini"), "[x]");
    Result ours =
        WasiPrograms.iotypes(
            "files",
            NO_INPUT,
            b -> b.workingDirectory(dir).bind("config.ini"),
            "missing",
            "@config.ini");
    assertThat(ours.stdout()).isEqualTo("fopen: ALLOWED\nstat: ALLOWED\ncreate: denied\n");
  }

  @Test
  void anExistingFileNamedAsAnOutputIsWritable() throws Exception {
    Files.writeString(dir.resolve("out.txt"), "old contents");
    Result ours =
        WasiPrograms.iotypes(
            "files", NO_INPUT, b -> b.workingDirectory(dir).output("out.txt"), "create", "out.txt");
    assertThat(ours.stdout()).isEqualTo("created 21 bytes\n");
    assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo("line 0\nline 1\nline 2\n");
  }

  @Test
  void aBoundDirectoryIsReadOnlyButListsAndOpensBelowIt() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("tree/sub"));
    Files.writeString(dir.resolve("tree/a.txt"), "first\nsecond");
    Files.writeString(tree.resolve("b.txt"), "bee");
    Result ours =
        WasiPrograms.iotypes("dirs", NO_INPUT, b -> b.workingDirectory(dir), "tree", "tree/sub");
    Result node =
        WasiPrograms.node(dir, NO_INPUT, List.of("--dir", dir + "::."), "dirs", "tree", "tree/sub");
    assertThat(ours.stdout())
        .isEqualTo(
            "tree:\n"
                + "  a.txt 12 \"first\"\n"
                + "  sub/\n"
                + "    b.txt 3 \"bee\"\n"
                + "tree/sub:\n"
                + "  b.txt 3 \"bee\"\n");
    assertThat(ours).isEqualTo(node);

    Map<String, String> before = WasiPrograms.snapshot(dir);
    Result write =
        WasiPrograms.iotypes(
            "files", NO_INPUT, b -> b.workingDirectory(dir), "create", "tree/new.txt");
    assertThat(write.status()).isEqualTo(2);
    assertThat(write.stdout()).startsWith("fopen w: ");
    assertThat(WasiPrograms.snapshot(dir)).isEqualTo(before);
  }

  @Test
  void readdirReportsDotAndDotDot() throws Exception {
    Files.createDirectories(dir.resolve("d"));
    Files.writeString(dir.resolve("d/x"), "x");
    Result ours = WasiPrograms.iotypes("dirs", NO_INPUT, b -> b.preopen(dir, "."), "--dots", "d");
    // Node (libuv's scandir) leaves out "." and "..", which preview1's fd_readdir includes.
    assertThat(ours.stdout()).isEqualTo("d:\n  x 1 \"x\"\ndot entries: 2\n");
  }

  private static String withoutLine(String text, String prefix) {
    StringBuilder b = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (!line.startsWith(prefix)) {
        b.append(line).append('\n');
      }
    }
    return b.toString();
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
