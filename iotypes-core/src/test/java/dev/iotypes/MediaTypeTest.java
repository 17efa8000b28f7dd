package dev.iotypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypeTest {
  @Test
  void parsesTypeSubtypeAndParameters() {
    assertThat(MediaType.of("text/plain").toString()).isEqualTo("text/plain");
    assertThat(MediaType.of("text/plain; charset=UTF-8").toString())
        .isEqualTo("text/plain; charset=UTF-8");
    assertThat(MediaType.of("application/vnd.api+json").essence())
        .isEqualTo("application/vnd.api+json");
    assertThat(MediaType.of("multipart/form-data; boundary=\"a b\"").essence())
        .isEqualTo("multipart/form-data");
  }

  @Test
  void normalizesTheCaseOfTheTypeButNotOfParameterValues() {
    assertThat(MediaType.of(" Text/HTML; charset=UTF-8 ").toString())
        .isEqualTo("text/html; charset=UTF-8");
    assertThat(MediaType.of("IMAGE/JPEG")).isEqualTo(MediaType.of("image/jpeg"));
    assertThat(MediaType.of("IMAGE/JPEG").hashCode())
        .isEqualTo(MediaType.of("image/jpeg").hashCode());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "text",
        "text/",
        "/plain",
        "text/plain/x",
        "te xt/plain",
        "text/plain;",
        "text/plain; charset",
        "text/plain; =x",
        "ünï/code",
        "text/plain; a=\"x\ny\"",
        "text/plain;\r\ncharset=x",
        "text/plain; a=\"\u0000\""
      })
  void rejectsWhatIsNotAMediaTypeQuotingIt(String bad) {
    assertThatThrownBy(() -> MediaType.of(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a media type (type/subtype[; k=v]): " + bad);
  }

  @Test
  void guessesFromTheFileNameOnly() {
    assertThat(MediaType.forName("x.txt")).isEqualTo(MediaType.of("text/plain"));
    assertThat(MediaType.forName("dir/x.json")).isEqualTo(MediaType.of("application/json"));
    assertThat(MediaType.forName("photo.JPG")).isEqualTo(MediaType.of("image/jpeg"));
    // A name with an extension is looked up on first use, so equal, not the same object.
    assertThat(MediaType.forName("no-such-file.qqqzzz")).isEqualTo(MediaType.OCTET_STREAM);
    assertThat(MediaType.forName("-")).isSameAs(MediaType.OCTET_STREAM);
    assertThat(MediaType.forName("")).isSameAs(MediaType.OCTET_STREAM);
  }

  @Test
  void namedOriginsTakeTheirTypeFromTheName() {
    assertThat(Origin.named("report.json").mediaType()).isEqualTo(MediaType.of("application/json"));
    assertThat(Origin.named("x", MediaType.of("text/csv")).mediaType())
        .isEqualTo(MediaType.of("text/csv"));
    assertThat(Origin.NONE.mediaType()).isSameAs(MediaType.OCTET_STREAM);
  }
}
