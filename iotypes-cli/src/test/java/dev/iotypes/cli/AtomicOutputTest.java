package dev.iotypes.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.cli.MainTest.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File outputs from the command line replace their file only when the program succeeds: the old
 * bytes survive an {@code err}, a trap, a limit and a failed input, and no staged file is left.
 */
class AtomicOutputTest {
  private static final byte[] OLD = "old contents, byte for byte\n\u0000\u00ff".getBytes(UTF_8);

  @TempDir Path dir;

  @Test
  void aGuestThatTrapsAfterWritingLeavesTheOldFileByteIdentical() throws IOException {
    Path module = TestModules.write(dir, "partial.wasm", TestModules.writesThenTraps());
    Path out = Files.write(dir.resolve("out.txt"), OLD);
    Result result = MainTest.run("run", module.toString(), out.toString());
    assertThat(result.status()).as(result.err()).isEqualTo(70);
    assertThat(Files.readAllBytes(out)).isEqualTo(OLD);
    assertThat(names()).containsExactlyInAnyOrder("partial.wasm", "out.txt");
  }

  @Test
  void aGzOutputIsStagedToo() throws IOException {
    Path module = TestModules.write(dir, "partial.wasm", TestModules.writesThenTraps());
    Path out = Files.write(dir.resolve("out.txt.gz"), gzip(OLD));
    byte[] before = Files.readAllBytes(out);
    MainTest.run("run", module.toString(), out.toString());
    assertThat(Files.readAllBytes(out)).isEqualTo(before);
    assertThat(names()).containsExactlyInAnyOrder("partial.wasm", "out.txt.gz");
  }

  @Test
  void withNoAtomicWhatWasWrittenBeforeATrapIsInTheFile() throws IOException {
    Path module = TestModules.write(dir, "partial.wasm", TestModules.writesThenTraps());
    Path out = Files.write(dir.resolve("out.txt"), OLD);
    Result result = MainTest.run("run", "--no-atomic", module.toString(), out.toString());
    assertThat(result.status()).isEqualTo(70);
    assertThat(Files.readString(out)).isEqualTo("partial\n");
  }

  @Test
  void anInputThatFailsLeavesTheOutputAsItWas() throws IOException {
    Path out = Files.write(dir.resolve("out.txt"), OLD);
    Result result =
        MainTest.run("run", MainTest.guest("cat"), "$(printf new; exit 1)", out.toString());
    assertThat(result.status()).as(result.err()).isNotZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(OLD);
    assertThat(names()).containsExactly("out.txt");
  }

  @Test
  void errLeavesTheOutputAsItWas() throws IOException {
    Path out = Files.write(dir.resolve("out.txt"), OLD);
    Result result =
        MainTest.run(
            "run", MainTest.guest("utf8check"), "data:;base64,/w==", out.toString()); // 0xff
    assertThat(result.status()).as(result.err()).isEqualTo(1);
    assertThat(Files.readAllBytes(out)).isEqualTo(OLD);
    assertThat(names()).containsExactly("out.txt");
  }

  @Test
  void successReplacesTheFileAndKeepsItsMode() throws IOException {
    Path out = Files.write(dir.resolve("out.txt"), OLD);
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r-----"));
    Result result = MainTest.run("run", MainTest.guest("upper"), "data:,new", out.toString());
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(Files.readString(out)).isEqualTo("NEW");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
        .isEqualTo("rw-r-----");
    assertThat(names()).containsExactly("out.txt");
  }

  @Test
  void oneFileAsInputAndOutputIsRewrittenLikeSpongeWould() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.txt"), "shout this\n");
    Result result = MainTest.run("run", MainTest.guest("upper"), file.toString(), file.toString());
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(Files.readString(file)).isEqualTo("SHOUT THIS\n");
  }

  @Test
  void oneFileBoundTwiceAsAnOutputIsRefused() throws IOException {
    Path out = Files.write(dir.resolve("out.txt"), OLD);
    String other = dir.resolve(".").resolve("out.txt").toString();
    Result result = MainTest.run("run", MainTest.guest("tee"), "data:,x", out.toString(), other);
    MainTest.assertOneLineError(
        result, 66, other + ": bound twice as an output (also as " + out + ")");
    assertThat(Files.readAllBytes(out)).isEqualTo(OLD);
    assertThat(names()).containsExactly("out.txt");
  }

  @Test
  void aDirectoryWhereNoFileCanBeMadeIsAClearError() throws IOException {
    Path locked = Files.createDirectory(dir.resolve("locked"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
    Path where = Files.isWritable(locked) ? Path.of("/sys") : locked; // /sys refuses even root
    String out = where.resolve("out.txt").toString();
    Result result = MainTest.run("run", MainTest.guest("upper"), "data:,x", out);
    MainTest.assertOneLineError(
        result,
        66,
        "permission denied: cannot create a file in "
            + where
            + " to replace "
            + out
            + " atomically (--no-atomic writes it in place)");
  }

  @Test
  void devNullAndStandardOutputAreWrittenAsTheyGo() throws IOException {
    Result result = MainTest.run("run", MainTest.guest("upper"), "data:,x", "/dev/null");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(MainTest.run("run", MainTest.guest("upper"), "data:,x", "-").outText())
        .isEqualTo("X");
  }

  private List<String> names() throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    try (InputStream check =
        new GZIPInputStream(new java.io.ByteArrayInputStream(out.toByteArray()))) {
      assertThat(check.readAllBytes()).isEqualTo(bytes);
    }
    return out.toByteArray();
  }
}
