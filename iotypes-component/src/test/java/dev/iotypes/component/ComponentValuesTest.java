package dev.iotypes.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.component.abi.CanonTrap;
import dev.iotypes.component.abi.Value;
import dev.iotypes.component.link.ComponentInstance;
import dev.iotypes.component.link.HostImports;
import dev.iotypes.component.link.HostInterface;
import dev.iotypes.wasm.GuestException;
import dev.iotypes.wasm.GuestOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code src/test/wat/values.wat}: values lowered by the host into a guest's core code and lifted
 * back from what the core code returns, and a host function lowered into the guest.
 */
class ComponentValuesTest {
  static final Path DIR = Path.of("src", "test", "resources", "components");

  private final List<String> greeted = new ArrayList<>();
  private ComponentInstance instance;

  @BeforeEach
  void instantiate() throws GuestException {
    Component c = Component.load(DIR.resolve("values.wasm"), GuestOptions.DEFAULTS);
    HostImports host =
        new HostImports()
            .add(
                new HostInterface("test:host/api@1.4.2")
                    .function(
                        "double",
                        a -> {
                          if ((Long) a.get(0) == 999) {
                            return call("add", 1L, 2L); // back into the instance mid-call
                          }
                          return 2 * (Long) a.get(0);
                        })
                    .function(
                        "greet",
                        a -> {
                          greeted.add((String) a.get(0));
                          return "hello, " + a.get(0);
                        }));
    instance = c.instantiate(host);
  }

  private Object call(String name, Object... args) {
    return instance.call(name, args);
  }

  @Test
  void anExportThatIsNoFunctionIsRefusedNamingIt() {
    assertThatThrownBy(() -> instance.call("no-such-export"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the component exports no function no-such-export");
  }

  @Test
  void aStringRoundTripsInEachEncoding() {
    for (String f : List.of("echo-string", "echo-string-utf16", "echo-string-latin1")) {
      assertThat(call(f, "naïve ☃ 𝄞")).as(f).isEqualTo("naïve ☃ 𝄞");
      assertThat(call(f, "")).as(f).isEqualTo("");
      assertThat(call(f, "latin1 only: é")).as(f).isEqualTo("latin1 only: é");
    }
  }

  @Test
  void listsRoundTrip() {
    byte[] bytes = {0, 1, -1, 127, -128};
    assertThat((byte[]) call("echo-bytes", (Object) bytes)).containsExactly(bytes);
    assertThat(call("echo-words", List.of(1L, 0xffff_ffffL, 42L)))
        .isEqualTo(List.of(1L, 0xffff_ffffL, 42L));
  }

  @Test
  void aRecordRoundTripsThroughMemory() {
    Value.Record r = new Value.Record(List.of(200, "field", 2.5));
    assertThat(call("echo-record", r)).isEqualTo(r);
  }

  @Test
  void postReturnRunsOnceAfterEachCall() {
    assertThat(call("add", 2L, 3L)).isEqualTo(5L);
    assertThat(call("add", 0xffff_ffffL, 1L)).isEqualTo(0L);
    assertThat(call("posts")).isEqualTo(2L);
  }

  @Test
  void seventeenParametersSpillToMemory() {
    Object[] args = new Object[17];
    long sum = 0;
    for (int i = 0; i < 17; i++) {
      args[i] = (long) (i * 1000 + 1);
      sum += i * 1000 + 1;
    }
    assertThat(call("sum17", args)).isEqualTo(sum);
  }

  @Test
  void aHostFunctionIsLoweredIntoTheGuest() {
    assertThat(call("call-double", 20L)).isEqualTo(41L);
    assertThat(call("call-greet", "Ada")).isEqualTo("hello, Ada");
    assertThat(greeted).containsExactly("Ada");
  }

  @Test
  void enteringTheInstanceAgainFromAHostCallTraps() {
    assertThatThrownBy(() -> call("call-double", 999L))
        .isInstanceOf(CanonTrap.class)
        .hasMessageContaining("cannot enter");
  }

  @Test
  void aStringPastTheEndOfMemoryTraps() {
    assertThatThrownBy(() -> call("bad"))
        .isInstanceOf(CanonTrap.class)
        .hasMessageContaining("out of bounds");
  }

  @Test
  void anImportAtAnotherMajorVersionIsNotLinked() throws GuestException {
    Component c = Component.load(DIR.resolve("values.wasm"), GuestOptions.DEFAULTS);
    HostImports other =
        new HostImports()
            .add(
                new HostInterface("test:host/api@2.0.0")
                    .function("double", a -> a.get(0))
                    .function("greet", a -> a.get(0)));
    assertThatThrownBy(() -> c.instantiate(other))
        .isInstanceOf(GuestException.class)
        .hasMessage(
            "values.wasm needs an import iotypes does not provide: unknown import `test:host/api@1.0.0`");
  }
}
