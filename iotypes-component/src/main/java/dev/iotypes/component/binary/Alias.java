package dev.iotypes.component.binary;

/** An alias: an item of {@code sort} taken from an instance's exports or an enclosing component. */
public record Alias(Sort sort, Target target) {
  public sealed interface Target {}

  /** An export of a component instance. */
  public record Export(int instance, String name) implements Target {}

  /** An export of a core instance. */
  public record CoreExport(int instance, String name) implements Target {}

  /** Item {@code index} of the component {@code count} levels out (0 is this one). */
  public record Outer(int count, int index) implements Target {}

  static Alias read(Reader r) {
    Sort sort = Sort.read(r);
    int b = r.u8();
    Target t =
        switch (b) {
          case 0x00 -> new Export(r.u32(), r.name());
          case 0x01 -> new CoreExport(r.u32(), r.name());
          case 0x02 -> new Outer(r.u32(), r.u32());
          default -> throw r.error("invalid alias target 0x" + Integer.toHexString(b));
        };
    if (t instanceof Outer
        && sort != Sort.TYPE
        && sort != Sort.CORE_TYPE
        && sort != Sort.CORE_MODULE
        && sort != Sort.COMPONENT) {
      throw r.error("an outer alias may only name a type, module or component");
    }
    if (t instanceof CoreExport != sort.core()) {
      throw r.error("alias sort does not match its target");
    }
    return new Alias(sort, t);
  }
}
