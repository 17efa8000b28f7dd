package dev.iotypes.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.component.abi.CanonTrap;
import dev.iotypes.component.abi.Value;
import dev.iotypes.component.link.ComponentFunc;
import dev.iotypes.component.link.ComponentInstance;
import dev.iotypes.component.link.HostImports;
import dev.iotypes.wasm.GuestOptions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code src/test/wat/resources.wat}: a resource defined by the component, and its handles. */
class ComponentResourcesTest {
  private ComponentInstance instance;

  @BeforeEach
  void instantiate() throws Exception {
    instance =
        Component.load(ComponentValuesTest.DIR.resolve("resources.wasm"), GuestOptions.DEFAULTS)
            .instantiate(new HostImports());
  }

  private Object call(String name, Object... args) {
    return ((ComponentFunc) instance.exports().get(name)).call().call(List.of(args));
  }

  @Test
  void anOwnedHandleMadeByResourceNewReachesTheHostAsItsRepresentation() {
    Value.Resource r = (Value.Resource) call("make", 7L);
    assertThat(r.rep()).isEqualTo(7);
    assertThat(r.type()).isSameAs(instance.exports().get("r"));
  }

  @Test
  void aBorrowToTheImplementationIsTheBareRepresentation() {
    Value.Resource r = (Value.Resource) call("make", 11L);
    assertThat(call("value", r)).isEqualTo(11L);
  }

  @Test
  void droppingTheOwnedHandleRunsTheDestructor() {
    Value.Resource a = (Value.Resource) call("make", 5L);
    Value.Resource b = (Value.Resource) call("make", 30L);
    assertThat(call("consume", a)).isEqualTo(5L);
    assertThat(call("consume", b)).isEqualTo(30L);
    assertThat(call("dropped")).isEqualTo(35L);
  }

  @Test
  void aHandleUsedAfterItWasDroppedTraps() {
    Value.Resource r = (Value.Resource) call("make", 1L);
    assertThatThrownBy(() -> call("use-after-drop", r))
        .isInstanceOf(CanonTrap.class)
        .hasMessageContaining("unknown handle");
  }

  @Test
  void aResourceOfAnotherTypeIsRefused() {
    Value.Resource foreign =
        new Value.Resource(dev.iotypes.component.abi.ResourceType.host("other", x -> {}), 1);
    assertThatThrownBy(() -> call("consume", foreign)).isInstanceOf(CanonTrap.class);
  }
}
