package dev.iotypes.component;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotypes.component.link.HostImports;
import dev.iotypes.component.link.HostInterface;
import dev.iotypes.wasi.WasiOptions;
import dev.iotypes.wasm.GuestException;
import dev.iotypes.wasm.GuestOptions;
import java.nio.file.Files;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Components with random bytes changed: each either loads and instantiates, or is refused with a
 * {@link GuestException} (one line); no other exception reaches the embedder.
 */
class HostileComponentTest {
  private static final String[] FIXTURES = {"values", "resources", "sockets", "spin"};

  @Property(tries = 500)
  void aCorruptedComponentIsRefusedOrRuns(@ForAll long seed) throws Exception {
    Random random = new Random(seed);
    String name = FIXTURES[random.nextInt(FIXTURES.length)];
    byte[] bytes = Files.readAllBytes(ComponentValuesTest.DIR.resolve(name + ".wasm"));
    for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
      bytes[8 + random.nextInt(bytes.length - 8)] = (byte) random.nextInt(256);
    }
    HostImports host =
        new HostImports()
            .add(
                new HostInterface("test:host/api@1.0.0")
                    .function("double", a -> a.get(0))
                    .function("greet", a -> a.get(0)));
    try {
      Component c = Component.load(bytes, name + ".wasm", GuestOptions.DEFAULTS);
      c.instantiate(host);
    } catch (GuestException e) {
      assertThat(e.getMessage()).doesNotContain("\n").startsWith(name + ".wasm");
    }
  }

  /** The same for a typed main: its export's type is read from the corrupted bytes too. */
  @Property(tries = 300)
  void aCorruptedTypedMainIsRefusedOrPrepared(@ForAll long seed) throws Exception {
    Random random = new Random(seed);
    boolean cat = random.nextBoolean();
    String name = cat ? "cat" : "main-values";
    byte[] bytes =
        Files.readAllBytes(
            cat ? ComponentMainTest.CAT : ComponentValuesTest.DIR.resolve(name + ".wasm"));
    for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
      bytes[8 + random.nextInt(bytes.length - 8)] = (byte) random.nextInt(256);
    }
    try {
      Component c = Component.load(bytes, name + ".wasm", GuestOptions.DEFAULTS);
      ComponentMain.prepare(c, WasiOptions.builder().build()).close();
    } catch (GuestException e) {
      assertThat(e.getMessage()).doesNotContain("\n").startsWith(name + ".wasm");
    }
  }
}
