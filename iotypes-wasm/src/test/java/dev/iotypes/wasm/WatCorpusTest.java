package dev.iotypes.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.Input;
import dev.iotypes.IoTypes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed corpus of hostile WAT guests ({@code guests/wat/}): every typed main each module
 * declares is called, none skipped, and must either trap (misuse) or return ok (a legal edge).
 * Expectations are those written at the top of each {@code .wat} file.
 */
class WatCorpusTest {
  private static final List<String> MODULES =
      List.of("forged-handles", "bad-buffers", "huge-lengths", "media-types");

  /** The exports that must not trap and must return ok; every other one must trap. */
  private static final Set<String> LEGAL =
      Set.of(
          "main",
          "read-empty-at-end",
          "write-last-byte",
          "skip-huge",
          "copy-huge",
          "read-at-offset-huge",
          "set-len-huge",
          "write-zeros-broken-pipe",
          "set-twice");

  static Stream<Arguments> everyTypedMain() throws GuestException {
    List<Arguments> cases = new ArrayList<>();
    List<String> declared = new ArrayList<>();
    for (String module : MODULES) {
      Guest guest = Guest.load(GuestToolsTest.GUESTS.resolve(module + ".wasm"));
      assertThat(guest.typedMains()).as(module + " declares typed mains").hasSizeGreaterThan(2);
      for (TypedMain main : guest.typedMains()) {
        cases.add(Arguments.of(module, main.export(), guest, main));
        declared.add(main.export());
      }
    }
    assertThat(declared).as("every legal case exists").containsAll(LEGAL);
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyTypedMain")
  void misuseTrapsBeforeAnyIoAndLegalEdgesReturnOk(
      String module, String export, Guest guest, TypedMain main) throws Exception {
    byte[] content = "some input bytes\n".getBytes(StandardCharsets.UTF_8);
    Input input = IoTypes.input(content);
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    MainCall call = guest.call(main).bind(0, input).bind(1, output);
    if (LEGAL.contains(export)) {
      assertThat(call.call()).as(export + " returns ok").isZero();
    } else {
      assertThatThrownBy(call::call)
          .as(export + " traps")
          .isInstanceOf(GuestTrap.class)
          .hasMessageContaining("trapped");
      assertThat(output.size()).as("nothing written by " + export).isZero();
      ByteBuffer rest = ByteBuffer.allocate(64);
      input.read(rest);
      assertThat(rest.position()).as("nothing consumed by " + export).isEqualTo(content.length);
    }
  }
}
