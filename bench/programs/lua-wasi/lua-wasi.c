/* The rest of the wasm32-wasi port of Lua for bench/programs.sh (see lua-wasi.h): what an error
 * does without longjmp, and the two libc functions wasi-libc lacks that liolib.c and loslib.c
 * call (tmpfile for io.tmpfile, system for os.execute), failing as on a system without them. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "lua.h"

_Noreturn void luawasi_throw(lua_State *L, int status) {
  const char *msg = status == LUA_ERRMEM ? "not enough memory"
      : status == LUA_YIELD ? "coroutine.yield is not supported by this build (no setjmp)"
      : lua_tostring(L, -1);
  fflush(stdout);
  fprintf(stderr, "lua: uncaught error (status %d; this wasm32-wasi build has no setjmp, so "
      "every error is fatal): %s\n", status, msg ? msg : "(error object is not a string)");
  exit(1);
}

FILE *tmpfile(void) {
  errno = ENOTSUP;
  return NULL;
}

int system(const char *command) {
  if (command == NULL) {
    return 0; /* no command processor */
  }
  errno = ENOTSUP;
  return -1;
}
