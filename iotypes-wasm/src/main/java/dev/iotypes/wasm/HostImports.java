package dev.iotypes.wasm;

import dev.iotypes.wasm.runtime.ImportProvider;

/**
 * Import modules a typed main's instance gets besides {@code iotypes}, made afresh for each run. A
 * guest linked with wasi-libc imports {@code wasi_snapshot_preview1} for what libc itself needs
 * (its {@code stderr}, the clock, {@code exit}); that module lives in {@code iotypes-wasi}, above
 * this one, whose {@code LibcImports.of(WasiOptions)} makes the value to hand to {@link
 * MainCall#imports}. Opaque, so that the public API names no runtime type.
 *
 * <p>{@link #NONE}, the default, adds nothing: a guest that imports more than {@code iotypes} then
 * fails to link, naming the import.
 */
public final class HostImports {
  /** Adds no import. */
  public static final HostImports NONE = new HostImports(context -> ImportProvider.Session.EMPTY);

  private final ImportProvider provider;

  HostImports(ImportProvider provider) {
    this.provider = provider;
  }

  ImportProvider provider() {
    return provider;
  }
}
