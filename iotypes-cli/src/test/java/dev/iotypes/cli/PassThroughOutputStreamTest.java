package dev.iotypes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassThroughOutputStreamTest {
  @Test
  void anArrayReachesTheWrappedStreamInOneCallNotByteByByte() throws Exception {
    List<Integer> calls = new ArrayList<>();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    OutputStream wrapped =
        new OutputStream() {
          @Override
          public void write(int b) {
            calls.add(1);
            got.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            calls.add(len);
            got.write(b, off, len);
          }
        };
    byte[] bytes = new byte[1000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    try (OutputStream out = new PassThroughOutputStream(wrapped) {}) {
      out.write(bytes, 10, 900);
    }
    assertThat(calls).containsExactly(900);
    assertThat(got.toByteArray()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 10, 910));
  }
}
