package dev.iotypes;

/** Hints for {@link IoArray#advise}: how a range will be used. Backends may ignore any of them. */
public enum Advice {
  NORMAL,
  SEQUENTIAL,
  RANDOM,
  WILL_NEED,
  DONT_NEED,
  NO_REUSE
}
