package dev.iotypes.component.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotypes.component.binary.CanonOption.StringEncoding;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonTrapsTest {
  private final BytesMemory memory = new BytesMemory(1024);
  private final HandleTable table = new HandleTable();
  private final Call cx = new Call(memory.options(StringEncoding.UTF8, table));

  private static long[] flat(long... v) {
    return v;
  }

  @Test
  void aStringOfMalformedUtf8Traps() {
    memory.write(100, new byte[] {'o', 'k', (byte) 0xc3});
    assertThatThrownBy(
            () -> Lifting.liftFlat(cx, ValType.STRING, new Lifting.FlatValues(flat(100, 3))))
        .isInstanceOf(CanonTrap.class)
        .hasMessageContaining("invalid UTF-8");
    assertThat(Lifting.liftFlat(cx, ValType.STRING, new Lifting.FlatValues(flat(100, 2))))
        .isEqualTo("ok");
  }

  @Test
  void aLoneSurrogateInUtf16Traps() {
    Call utf16 = new Call(memory.options(StringEncoding.UTF16, table));
    memory.write(200, new byte[] {0x00, (byte) 0xd8, 'a', 0});
    assertThatThrownBy(
            () -> Lifting.liftFlat(utf16, ValType.STRING, new Lifting.FlatValues(flat(200, 2))))
        .isInstanceOf(CanonTrap.class);
  }

  @Test
  void latin1AndUtf16AreToldApartByTheLengthsTopBit() {
    Call mixed = new Call(memory.options(StringEncoding.LATIN1_UTF16, table));
    memory.write(300, new byte[] {(byte) 0xe9, 't', (byte) 0xe9});
    assertThat(Lifting.liftFlat(mixed, ValType.STRING, new Lifting.FlatValues(flat(300, 3))))
        .isEqualTo("été");
    memory.write(310, new byte[] {(byte) 0xac, 0x20});
    assertThat(
            Lifting.liftFlat(
                mixed, ValType.STRING, new Lifting.FlatValues(flat(310, 1L | 1L << 31))))
        .isEqualTo("€");
  }

  @Test
  void aListReachingPastTheEndOfMemoryTraps() {
    ValType list = new ValType.ListOf(ValType.U32);
    assertThatThrownBy(() -> Lifting.liftFlat(cx, list, new Lifting.FlatValues(flat(1000, 7))))
        .isInstanceOf(CanonTrap.class)
        .hasMessageContaining("out of bounds");
    // a length whose byte length wraps 32 bits is out of bounds too, not a short list
    assertThatThrownBy(
            () -> Lifting.liftFlat(cx, list, new Lifting.FlatValues(flat(0, 0x4000_0001L))))
        .isInstanceOf(CanonTrap.class);
  }

  @Test
  void aMisalignedPointerTraps() {
    assertThatThrownBy(
            () ->
                Lifting.liftFlat(
                    cx, new ValType.ListOf(ValType.U32), new Lifting.FlatValues(flat(2, 1))))
        .isInstanceOf(CanonTrap.class)
        .hasMessageContaining("misaligned");
  }

  @Test
  void aSurrogateOrOutOfRangeCharTraps() {
    ValType ch = new ValType.Prim(dev.iotypes.component.binary.PrimType.CHAR);
    assertThatThrownBy(() -> Lifting.liftFlat(cx, ch, new Lifting.FlatValues(flat(0xd800))))
        .isInstanceOf(CanonTrap.class);
    assertThatThrownBy(() -> Lifting.liftFlat(cx, ch, new Lifting.FlatValues(flat(0x110000))))
        .isInstanceOf(CanonTrap.class);
  }

  @Test
  void aCaseIndexPastTheLastCaseTraps() {
    ValType e = new ValType.Enum(List.of("a", "b"));
    assertThatThrownBy(() -> Lifting.liftFlat(cx, e, new Lifting.FlatValues(flat(2))))
        .isInstanceOf(CanonTrap.class)
        .hasMessageContaining("case index");
    memory.write(400, new byte[] {5});
    assertThatThrownBy(() -> Lifting.load(cx, e, 400)).isInstanceOf(CanonTrap.class);
  }

  @Test
  void aDroppedHandleUsedAgainTraps() {
    ResourceType t = ResourceType.host("thing", rep -> {});
    int h = Resources.lowerOwn(cx, new Value.Resource(t, "x"), t);
    Resources.drop(table, t, h);
    assertThatThrownBy(() -> Resources.drop(table, t, h))
        .isInstanceOf(CanonTrap.class)
        .hasMessageContaining("unknown handle");
    assertThatThrownBy(
            () -> Lifting.liftFlat(cx, new ValType.Borrow(t), new Lifting.FlatValues(flat(h))))
        .isInstanceOf(CanonTrap.class);
  }

  @Test
  void handleZeroIsNeverAHandle() {
    ResourceType t = ResourceType.host("thing", rep -> {});
    assertThatThrownBy(
            () -> Lifting.liftFlat(cx, new ValType.Own(t), new Lifting.FlatValues(flat(0))))
        .isInstanceOf(CanonTrap.class);
  }

  @Test
  void aHandleOfAnotherResourceTypeTraps() {
    ResourceType a = ResourceType.host("a", rep -> {});
    ResourceType b = ResourceType.host("b", rep -> {});
    int h = Resources.lowerOwn(cx, new Value.Resource(a, "x"), a);
    assertThatThrownBy(
            () -> Lifting.liftFlat(cx, new ValType.Own(b), new Lifting.FlatValues(flat(h))))
        .isInstanceOf(CanonTrap.class)
        .hasMessageContaining("wrong resource type");
  }

  @Test
  void dropingAnOwnedHandleRunsTheDestructorOnce() {
    StringBuilder destroyed = new StringBuilder();
    ResourceType t = ResourceType.host("thing", rep -> destroyed.append(rep));
    int h = Resources.lowerOwn(cx, new Value.Resource(t, "x"), t);
    Resources.drop(table, t, h);
    assertThat(destroyed).hasToString("x");
    assertThat(table.live()).isZero();
  }

  @Test
  void aBorrowStillHeldWhenTheCallReturnsTraps() {
    ResourceType t = ResourceType.host("thing", rep -> {});
    FuncType ft = new FuncType(List.of(new ValType.Field("x", new ValType.Borrow(t))), null);
    Calls.Core keepsIt = args -> new long[0]; // never drops the borrowed handle
    assertThatThrownBy(
            () ->
                Calls.callLifted(
                    cx.options, ft, List.of(new Value.Resource(t, "x")), keepsIt, null))
        .isInstanceOf(CanonTrap.class)
        .hasMessageContaining("borrow");
    Calls.Core dropsIt =
        args -> {
          Resources.drop(table, t, (int) args[0]);
          return new long[0];
        };
    Calls.callLifted(cx.options, ft, List.of(new Value.Resource(t, "y")), dropsIt, null);
  }

  @Test
  void anOwnedHandleLentForACallCannotBeDroppedDuringIt() {
    ResourceType t = ResourceType.host("thing", rep -> {});
    int h = Resources.lowerOwn(cx, new Value.Resource(t, "x"), t);
    FuncType ft = new FuncType(List.of(new ValType.Field("x", new ValType.Borrow(t))), null);
    assertThatThrownBy(
            () ->
                Calls.callLowered(
                    cx.options,
                    ft,
                    flat(h),
                    args -> {
                      Resources.drop(table, t, h);
                      return null;
                    }))
        .isInstanceOf(CanonTrap.class)
        .hasMessageContaining("lent");
    Calls.callLowered(cx.options, ft, flat(h), args -> null);
    Resources.drop(table, t, h); // after the call, it can
  }

  @Test
  void aReallocReturningAPointerOutOfBoundsTraps() {
    Options bad = new Options(memory, (o, os, a, n) -> 1020, StringEncoding.UTF8, table, this);
    assertThatThrownBy(() -> Lowering.lowerFlat(new Call(bad), "longer than four", ValType.STRING))
        .isInstanceOf(CanonTrap.class)
        .hasMessageContaining("out of bounds");
  }

  @Test
  void aHostFunctionOfAnotherTypeThanDeclaredTrapsInsteadOfFailingInTheHost() {
    FuncType declared = new FuncType(List.of(new ValType.Field("x", ValType.U32)), ValType.U32);
    assertThatThrownBy(() -> Calls.callLowered(cx.options, declared, flat(1), args -> "text"))
        .isInstanceOf(CanonTrap.class)
        .hasMessageContaining("does not have the type the component declares");
    assertThatThrownBy(
            () -> Calls.callLowered(cx.options, declared, flat(1), args -> (String) args.get(0)))
        .isInstanceOf(CanonTrap.class);
  }
}
