package dev.iotypes.wasm.runtime;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text a guest wrote (a media type, its typed-main section) decoded as strict UTF-8: {@code new
 * String(bytes, UTF_8)} would replace what is malformed, and the host would act on a string the
 * guest never wrote.
 */
public final class Utf8 {
  private Utf8() {}

  public static String strict(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }
}
