package dev.iotypes.cli;

import dev.iotypes.MediaType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * An RFC 2397 {@code data:} URL, {@code data:[MEDIATYPE][;base64],DATA}: the bytes it carries and
 * their media type, {@code text/plain;charset=US-ASCII} when none is given. The data is
 * percent-decoded, then base64-decoded if marked so.
 */
record DataUrl(MediaType mediaType, byte[] bytes) {
  static final String DEFAULT_TYPE = "text/plain;charset=US-ASCII";

  /** Parses {@code url}, which starts with {@code data:} in any case. */
  static DataUrl parse(String url) {
    int comma = url.indexOf(',');
    if (comma < 0) {
      throw new IllegalArgumentException("no ',' before the data");
    }
    String header = url.substring("data:".length(), comma);
    byte[] data = percentDecode(url.substring(comma + 1));
    boolean base64 = header.toLowerCase(Locale.ROOT).endsWith(";base64");
    if (base64) {
      header = header.substring(0, header.length() - ";base64".length());
    }
    String type =
        header.isEmpty() ? DEFAULT_TYPE : header.startsWith(";") ? "text/plain" + header : header;
    MediaType mediaType;
    try {
      mediaType = MediaType.of(type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad media type '" + header + "'");
    }
    if (base64) {
      byte[] text = stripWhitespace(data);
      for (byte b : text) {
        if (!isBase64(b)) {
          throw new IllegalArgumentException(
              (b >= ' ' && b < 0x7f ? "'" + (char) b + "'" : String.format("byte 0x%02x", b & 0xff))
                  + " is not a base64 character");
        }
      }
      try {
        data = Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("base64 of a wrong length or with misplaced '='");
      }
    }
    return new DataUrl(mediaType, data);
  }

  /**
   * {@code %XX} to a byte; every other character to its UTF-8 bytes ({@code +} stays {@code +}).
   */
  private static byte[] percentDecode(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '%') {
        int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int low = high < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
        if (low < 0) {
          throw new IllegalArgumentException("bad percent-escape at character " + (i + 1));
        }
        out.write(high << 4 | low);
        i += 3;
      } else {
        int end = i + Character.charCount(text.codePointAt(i));
        out.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end;
      }
    }
    return out.toByteArray();
  }

  private static boolean isBase64(byte b) {
    return b >= 'A' && b <= 'Z'
        || b >= 'a' && b <= 'z'
        || b >= '0' && b <= '9'
        || b == '+'
        || b == '/'
        || b == '=';
  }

  private static byte[] stripWhitespace(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
    for (byte b : data) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        out.write(b);
      }
    }
    return out.toByteArray();
  }
}
