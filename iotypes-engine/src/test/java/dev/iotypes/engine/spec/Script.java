package dev.iotypes.engine.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One spec script as wast2json writes it: the commands of NAME.wast in order, modules as
 * NAME.N.wasm beside the JSON. Fields this harness does not use (SIMD lanes) are ignored so a newer
 * wast2json still reads.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record Script(@JsonProperty("commands") List<Command> commands) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Script read(Path json) {
    try {
      return JSON.readValue(json.toFile(), Script.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Command(
      String type,
      int line,
      String name,
      String as,
      String filename,
      @JsonProperty("module_type") String moduleType,
      String text,
      Action action,
      List<Value> expected) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Action(String type, String module, String field, List<Value> args) {}

  /** A typed value in wast2json's spelling: integers and float bits as unsigned decimals. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Value(String type, String value) {
    @Override
    public String toString() {
      return type + ":" + value;
    }
  }
}
