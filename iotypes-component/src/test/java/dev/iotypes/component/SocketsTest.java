package dev.iotypes.component;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.wasi.WasiOptions;
import dev.iotypes.wasm.GuestOptions;
import org.junit.jupiter.api.Test;

/**
 * {@code src/test/wat/sockets.wat}: a component that imports {@code wasi:sockets} links, gets a
 * network it can drop, and is told {@code not-supported} when it asks for a socket.
 */
class SocketsTest {
  @Test
  void aSocketIsNotSupportedAndTheComponentIsToldSo() throws Exception {
    Component c =
        Component.load(ComponentValuesTest.DIR.resolve("sockets.wasm"), GuestOptions.DEFAULTS);
    int status = ComponentCommand.run(c, WasiOptions.builder().args("sockets").build());
    assertThat(status).isEqualTo(100 + 2); // err, not-supported (case 2 of error-code)
  }
}
