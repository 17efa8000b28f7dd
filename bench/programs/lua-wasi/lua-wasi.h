/* Force-included (clang -include) into every Lua source file of the wasm32-wasi build made by
 * bench/programs.sh. Lua raises errors with longjmp (ldo.c: LUAI_THROW/LUAI_TRY), which
 * wasm32-wasi with clang 14 lacks, so here a protected call just calls, and raising an error
 * prints it and exits with status 1 (lua-wasi.c): any error is fatal, pcall catches nothing, and
 * coroutine.yield (which is a longjmp too in Lua 5.4) cannot work. The benchmark kernels raise no
 * errors and use no coroutines. Also: no tmpnam in WASI, so os.tmpname fails. */
#ifndef LUA_WASI_H
#define LUA_WASI_H

struct lua_State;
_Noreturn void luawasi_throw(struct lua_State *L, int status);

#define luai_jmpbuf int /* unused */
#define LUAI_TRY(L, c, a) { a }
#define LUAI_THROW(L, c) luawasi_throw(L, (c)->status)

#define LUA_TMPNAMBUFSIZE 32
#define lua_tmpnam(b, e) { (b)[0] = '\0'; e = 1; }

#endif
