/* An empty <setjmp.h> for building Lua for wasm32-wasi with clang 14 (bench/programs.sh).
 * wasi-libc has no setjmp.h (WebAssembly has no way to unwind the stack without the
 * exception-handling proposal, which neither clang 14's wasi target nor wasi-libc uses); Lua's
 * ldo.c includes it unconditionally, but with lua-wasi.h force-included it never uses it. */
