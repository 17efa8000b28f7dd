package dev.iotypes.engine.spec;

import java.util.HashSet;
import java.util.Set;

/**
 * Spec commands that fail for a known reason, as "script.wast:line" of the Debian binaryen copy
 * that {@code spec/fetch.sh} converts (other script sources get no list: their lines differ).
 *
 * <p>A listed command that still fails is reported as skipped; one that passes fails the test with
 * "remove it", so each list only shrinks on purpose. {@link #STALE} commands are not run.
 */
final class KnownFailures {
  private KnownFailures() {}

  /**
   * Where binaryen's copy of a script contradicts the spec as of multi-value and bulk memory, or
   * binaryen edited it for its own runner: wrong tests, skipped on every machine.
   */
  static final Set<String> STALE =
      parse(
          """
      # multi-value made multiple results valid ("invalid result arity")
      func.wast 493 497
      type.wast 53 57
      # bulk memory: instantiation writes segments in order until the one that traps
      linking.wast 236 248 342 354
      # binaryen dropped the (register "M") that the second module imports from
      ref_func.wast 4 29 30 31 33 34
      # binaryen made test.global-mut-i64 immutable (its FIXME), so importing it as mut fails
      imports.wast 260 316
      """);

  /** Modules Chicory's parser and validator accept though the spec rejects them. */
  private static final Set<String> CHICORY_ACCEPTS =
      parse(
          """
      # malformed binaries
      binary.wast 163 183 202 221 260 279 297 315
      # multiple memories (Chicory implements multi-memory)
      memory.wast 8 9
      imports.wast 501
      # type mismatch after unreachable
      unreached-invalid.wast 539
      """);

  /**
   * Modules a first run ({@code FirstRun}: the engine's own validator for function bodies) accepts
   * though the spec rejects them: Chicory's module-level acceptances, and reserved memory bytes
   * that are a memory index to Chicory (multiple memories), whose functions the validator leaves to
   * Chicory.
   */
  private static final Set<String> FIRST_RUN_ACCEPTS =
      parse(
          """
      # malformed binaries: memory.size and memory.grow with a zero in more than one byte
      binary.wast 163 183 202 221 260 279 297 315
      # multiple memories (Chicory implements multi-memory)
      memory.wast 8 9
      imports.wast 501
      """);

  /** What a first run's path is expected to get wrong (see {@link #FIRST_RUN_ACCEPTS}). */
  static Set<String> firstRunFailing() {
    Set<String> all = new HashSet<>(FIRST_RUN_ACCEPTS);
    all.addAll(ENGINE);
    return all;
  }

  /** dev.iotypes.engine.Engine's failures. */
  private static final Set<String> ENGINE =
      parse(
          """
      """);

  /** Chicory's interpreter's failures (-Diotypes.spec.machine=interpreter). */
  private static final Set<String> INTERPRETER =
      parse(
          """
      # min/max/floor/ceil/trunc of a signalling NaN must give a quiet (arithmetic) NaN
      f32.wast 1652 1654 1656 1658 1692 1694 1696 1698 1732 1734 1736 1738 1772 1774 1776 1778
      f32.wast 1812 1814 1816 1818 1852 1854 1856 1858 1892 1894 1896 1898 1932 1934 1936 1938
      f32.wast 1940 1942 1944 1946 1948 1950 1952 1954 1956 1958 1960 1962 1964 1966 1968 1970
      f32.wast 1972 1974 1976 1978 1980 1982 1984 1986 1988 1990 1992 1994 1996 1998 2000 2002
      f32.wast 2005 2006 2009 2010 2013 2014 2017 2018 2052 2054 2056 2058 2092 2094 2096 2098
      f32.wast 2132 2134 2136 2138 2172 2174 2176 2178 2212 2214 2216 2218 2252 2254 2256 2258
      f32.wast 2292 2294 2296 2298 2332 2334 2336 2338 2340 2342 2344 2346 2348 2350 2352 2354
      f32.wast 2356 2358 2360 2362 2364 2366 2368 2370 2372 2374 2376 2378 2380 2382 2384 2386
      f32.wast 2388 2390 2392 2394 2396 2398 2400 2402 2405 2406 2409 2410 2413 2414 2417 2418
      f64.wast 1652 1654 1656 1658 1692 1694 1696 1698 1732 1734 1736 1738 1772 1774 1776 1778
      f64.wast 1812 1814 1816 1818 1852 1854 1856 1858 1892 1894 1896 1898 1932 1934 1936 1938
      f64.wast 1940 1942 1944 1946 1948 1950 1952 1954 1956 1958 1960 1962 1964 1966 1968 1970
      f64.wast 1972 1974 1976 1978 1980 1982 1984 1986 1988 1990 1992 1994 1996 1998 2000 2002
      f64.wast 2005 2006 2009 2010 2013 2014 2017 2018 2052 2054 2056 2058 2092 2094 2096 2098
      f64.wast 2132 2134 2136 2138 2172 2174 2176 2178 2212 2214 2216 2218 2252 2254 2256 2258
      f64.wast 2292 2294 2296 2298 2332 2334 2336 2338 2340 2342 2344 2346 2348 2350 2352 2354
      f64.wast 2356 2358 2360 2362 2364 2366 2368 2370 2372 2374 2376 2378 2380 2382 2384 2386
      f64.wast 2388 2390 2392 2394 2396 2398 2400 2402 2405 2406 2409 2410 2413 2414 2417 2418
      f64.wast 2456 2458 2476 2478 2496 2498
      # abs of a negative NaN keeps its sign bit (JDK 17 Math.abs(float) returns a NaN as it is)
      f32_bitwise.wast 350
      float_misc.wast 593
      """);

  /** The commands expected to fail on the machine under test. */
  static Set<String> failing() {
    Set<String> all = new HashSet<>(CHICORY_ACCEPTS);
    all.addAll(EngineUnderTest.INTERPRETER ? INTERPRETER : ENGINE);
    return all;
  }

  private static Set<String> parse(String list) {
    Set<String> commands = new HashSet<>();
    for (String line : list.split("\n")) {
      String[] words = line.strip().split(" +");
      if (words[0].isEmpty() || words[0].startsWith("#")) {
        continue;
      }
      for (int i = 1; i < words.length; i++) {
        commands.add(words[0] + ":" + words[i]);
      }
    }
    return Set.copyOf(commands);
  }
}
