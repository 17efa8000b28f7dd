package dev.iotypes.component.binary;

/** An item of one sort, by its index in that sort's index space. */
public record SortIndex(Sort sort, int index) {
  static SortIndex read(Reader r) {
    Sort s = Sort.read(r);
    return new SortIndex(s, r.u32());
  }

  static SortIndex core(Reader r) {
    Sort s = Sort.core(r);
    return new SortIndex(s, r.u32());
  }
}
