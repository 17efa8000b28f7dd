// A bytecode interpreter of our own, for the engine benchmark: one dispatch loop over a switch of
// sixty-odd opcodes, the shape of a language VM's core (Lua's luaV_execute, CPython's ceval), which
// compiles to a single Wasm function whose JVM translation passes HotSpot's 8,000-byte limit and
// must be outlined. It runs four kernels written in its own bytecode (a sieve, Collatz chains, a
// hash mix and recursive Fibonacci) and prints their results, the same natively and as Wasm.
//
//   vm N      N scales the work (1 is a quick check, 30 about a second natively)
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
  HALT, CONST, DUP, DROP, SWAP, OVER, ROT,
  GET, SET, TEE, INC, ADDI, MULI, ANDI, SHLI, SHRUI,
  ADD, SUB, MUL, DIVS, DIVU, REMS, REMU, AND, OR, XOR, SHL, SHRS, SHRU, ROTL, ROTR,
  NEG, NOT, EQZ, EQ, NE, LTS, LTU, GTS, GTU, LES, GES,
  MIN, MAX, ABS, SELECT, CLZ, CTZ, POPCNT, BSWAP, XSHIFT, MULHI,
  LOAD, STORE, LOADX, STOREX, LOAD8, STORE8,
  JMP, JZ, JNZ, JLTI, JGEL, CALL, RET, PRINT, NOP,
  OPCODES
};

#define MEM_WORDS (1 << 20)
#define STACK 4096
#define FRAMES 1024
#define LOCALS 16

static int32_t mem[MEM_WORDS];
static uint8_t bytes[1 << 16];

typedef struct {
  int32_t code[4096];
  int n;
} Program;

static void emit(Program *p, int32_t x) { p->code[p->n++] = x; }
static void op(Program *p, int o) { emit(p, o); }
static void op1(Program *p, int o, int32_t a) { emit(p, o); emit(p, a); }
static void op2(Program *p, int o, int32_t a, int32_t b) { emit(p, o); emit(p, a); emit(p, b); }
static int here(Program *p) { return p->n; }
// A jump whose target is not known yet: its operand is patched by land().
static int jump(Program *p, int o) { emit(p, o); emit(p, -1); return p->n - 1; }
static void land(Program *p, int at) { p->code[at] = p->n; }

static int64_t outputs[64];
static int noutputs;

// The VM's own stacks are static: Wasm's shadow stack is 64 KiB by default, too small for them.
static int32_t stack[STACK];
static int32_t locals[FRAMES][LOCALS];
static int returns[FRAMES];

static int32_t run(const int32_t *code, int pc) {
  int sp = 0, fp = 0;
  int32_t *l = locals[0];
  memset(locals[0], 0, sizeof locals[0]);
  for (;;) {
    int32_t a, b;
    switch (code[pc++]) {
      case HALT: return sp > 0 ? stack[sp - 1] : 0;
      case CONST: stack[sp++] = code[pc++]; break;
      case DUP: stack[sp] = stack[sp - 1]; sp++; break;
      case DROP: sp--; break;
      case SWAP: a = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = a; break;
      case OVER: stack[sp] = stack[sp - 2]; sp++; break;
      case ROT: a = stack[sp - 3]; stack[sp - 3] = stack[sp - 2]; stack[sp - 2] = stack[sp - 1]; stack[sp - 1] = a; break;
      case GET: stack[sp++] = l[code[pc++]]; break;
      case SET: l[code[pc++]] = stack[--sp]; break;
      case TEE: l[code[pc++]] = stack[sp - 1]; break;
      case INC: l[code[pc]] = (int32_t)((uint32_t)l[code[pc]] + (uint32_t)code[pc + 1]); pc += 2; break;
      case ADDI: stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] + (uint32_t)code[pc++]); break;
      case MULI: stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] * (uint32_t)code[pc++]); break;
      case ANDI: stack[sp - 1] &= code[pc++]; break;
      case SHLI: stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] << (code[pc++] & 31)); break;
      case SHRUI: stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] >> (code[pc++] & 31)); break;
      case ADD: b = stack[--sp]; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] + (uint32_t)b); break;
      case SUB: b = stack[--sp]; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] - (uint32_t)b); break;
      case MUL: b = stack[--sp]; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] * (uint32_t)b); break;
      case DIVS: b = stack[--sp]; stack[sp - 1] = b == 0 ? 0 : (b == -1 ? -stack[sp - 1] : stack[sp - 1] / b); break;
      case DIVU: b = stack[--sp]; stack[sp - 1] = b == 0 ? 0 : (int32_t)((uint32_t)stack[sp - 1] / (uint32_t)b); break;
      case REMS: b = stack[--sp]; stack[sp - 1] = b == 0 || b == -1 ? 0 : stack[sp - 1] % b; break;
      case REMU: b = stack[--sp]; stack[sp - 1] = b == 0 ? 0 : (int32_t)((uint32_t)stack[sp - 1] % (uint32_t)b); break;
      case AND: b = stack[--sp]; stack[sp - 1] &= b; break;
      case OR: b = stack[--sp]; stack[sp - 1] |= b; break;
      case XOR: b = stack[--sp]; stack[sp - 1] ^= b; break;
      case SHL: b = stack[--sp]; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] << (b & 31)); break;
      case SHRS: b = stack[--sp]; stack[sp - 1] >>= (b & 31); break;
      case SHRU: b = stack[--sp]; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] >> (b & 31)); break;
      case ROTL: b = stack[--sp] & 31; a = stack[sp - 1];
        stack[sp - 1] = (int32_t)(((uint32_t)a << b) | ((uint32_t)a >> ((32 - b) & 31))); break;
      case ROTR: b = stack[--sp] & 31; a = stack[sp - 1];
        stack[sp - 1] = (int32_t)(((uint32_t)a >> b) | ((uint32_t)a << ((32 - b) & 31))); break;
      case NEG: stack[sp - 1] = (int32_t)(0u - (uint32_t)stack[sp - 1]); break;
      case NOT: stack[sp - 1] = ~stack[sp - 1]; break;
      case EQZ: stack[sp - 1] = stack[sp - 1] == 0; break;
      case EQ: b = stack[--sp]; stack[sp - 1] = stack[sp - 1] == b; break;
      case NE: b = stack[--sp]; stack[sp - 1] = stack[sp - 1] != b; break;
      case LTS: b = stack[--sp]; stack[sp - 1] = stack[sp - 1] < b; break;
      case LTU: b = stack[--sp]; stack[sp - 1] = (uint32_t)stack[sp - 1] < (uint32_t)b; break;
      case GTS: b = stack[--sp]; stack[sp - 1] = stack[sp - 1] > b; break;
      case GTU: b = stack[--sp]; stack[sp - 1] = (uint32_t)stack[sp - 1] > (uint32_t)b; break;
      case LES: b = stack[--sp]; stack[sp - 1] = stack[sp - 1] <= b; break;
      case GES: b = stack[--sp]; stack[sp - 1] = stack[sp - 1] >= b; break;
      case MIN: b = stack[--sp]; if (b < stack[sp - 1]) stack[sp - 1] = b; break;
      case MAX: b = stack[--sp]; if (b > stack[sp - 1]) stack[sp - 1] = b; break;
      case ABS: if (stack[sp - 1] < 0) stack[sp - 1] = (int32_t)(0u - (uint32_t)stack[sp - 1]); break;
      case SELECT: a = stack[--sp]; b = stack[--sp]; if (!a) stack[sp - 1] = b; break;
      case CLZ: a = stack[sp - 1]; stack[sp - 1] = a ? __builtin_clz((uint32_t)a) : 32; break;
      case CTZ: a = stack[sp - 1]; stack[sp - 1] = a ? __builtin_ctz((uint32_t)a) : 32; break;
      case POPCNT: stack[sp - 1] = __builtin_popcount((uint32_t)stack[sp - 1]); break;
      case BSWAP: stack[sp - 1] = (int32_t)__builtin_bswap32((uint32_t)stack[sp - 1]); break;
      case XSHIFT: {
        uint32_t x = (uint32_t)stack[sp - 1];
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        stack[sp - 1] = (int32_t)x;
        break;
      }
      case MULHI: b = stack[--sp];
        stack[sp - 1] = (int32_t)(((int64_t)stack[sp - 1] * (int64_t)b) >> 32); break;
      case LOAD: a = stack[sp - 1]; stack[sp - 1] = mem[(uint32_t)a & (MEM_WORDS - 1)]; break;
      case STORE: b = stack[--sp]; a = stack[--sp]; mem[(uint32_t)a & (MEM_WORDS - 1)] = b; break;
      case LOADX: stack[sp++] = mem[(uint32_t)(l[code[pc]] + code[pc + 1]) & (MEM_WORDS - 1)]; pc += 2; break;
      case STOREX: mem[(uint32_t)(l[code[pc]] + code[pc + 1]) & (MEM_WORDS - 1)] = stack[--sp]; pc += 2; break;
      case LOAD8: a = stack[sp - 1]; stack[sp - 1] = bytes[(uint32_t)a & 0xffff]; break;
      case STORE8: b = stack[--sp]; a = stack[--sp]; bytes[(uint32_t)a & 0xffff] = (uint8_t)b; break;
      case JMP: pc = code[pc]; break;
      case JZ: pc = stack[--sp] == 0 ? code[pc] : pc + 1; break;
      case JNZ: pc = stack[--sp] != 0 ? code[pc] : pc + 1; break;
      case JLTI: pc = l[code[pc]] < code[pc + 1] ? code[pc + 2] : pc + 3; break;
      case JGEL: pc = l[code[pc]] >= l[code[pc + 1]] ? code[pc + 2] : pc + 3; break;
      case CALL: {
        int args = code[pc + 1];
        if (fp + 1 >= FRAMES) { fprintf(stderr, "vm: call stack exhausted\n"); exit(2); }
        returns[fp] = pc + 2;
        l = locals[++fp];
        memset(l, 0, sizeof locals[0]);
        for (int i = args - 1; i >= 0; i--) l[i] = stack[--sp];
        pc = code[pc];
        break;
      }
      case RET:
        if (fp == 0) return stack[sp - 1];
        pc = returns[--fp];
        l = locals[fp];
        break;
      case PRINT: outputs[noutputs++ & 63] = stack[--sp]; break;
      case NOP: break;
      default: fprintf(stderr, "vm: bad opcode at %d\n", pc - 1); exit(2);
    }
  }
}

// sieve(limit): the primes below limit, counted; mem[0..limit) is the sieve.
static void sieve(Program *p, int32_t limit) {
  enum { I = 0, J = 1, COUNT = 2, LIMIT = 3 };
  op1(p, CONST, limit); op1(p, SET, LIMIT);
  op1(p, CONST, 0); op1(p, SET, I);
  int clear = here(p);
  op1(p, GET, I); op1(p, CONST, 1); op(p, STORE);
  op2(p, INC, I, 1);
  op1(p, GET, I); op1(p, GET, LIMIT); op(p, LTS); op1(p, JNZ, clear);
  op1(p, CONST, 2); op1(p, SET, I);
  op1(p, CONST, 0); op1(p, SET, COUNT);
  int outer = here(p);
  op1(p, GET, I); op1(p, GET, LIMIT); op(p, GES);
  int done = jump(p, JNZ);
  op1(p, GET, I); op(p, LOAD);
  int composite = jump(p, JZ);
  op2(p, INC, COUNT, 1);
  op1(p, GET, I); op(p, DUP); op(p, ADD); op1(p, SET, J);
  int inner = here(p);
  emit(p, JGEL); emit(p, J); emit(p, LIMIT); emit(p, -1);
  int inner_done = p->n - 1;
  op1(p, GET, J); op1(p, CONST, 0); op(p, STORE);
  op1(p, GET, J); op1(p, GET, I); op(p, ADD); op1(p, SET, J);
  op1(p, JMP, inner);
  land(p, inner_done);
  land(p, composite);
  op2(p, INC, I, 1);
  op1(p, JMP, outer);
  land(p, done);
  op1(p, GET, COUNT); op(p, PRINT);
}

// collatz(n): the total length of the Collatz chains of 1..n.
static void collatz(Program *p, int32_t n) {
  enum { K = 4, X = 5, STEPS = 6, N = 7 };
  op1(p, CONST, n); op1(p, SET, N);
  op1(p, CONST, 1); op1(p, SET, K);
  op1(p, CONST, 0); op1(p, SET, STEPS);
  int outer = here(p);
  op1(p, GET, K); op1(p, GET, N); op(p, GTS);
  int done = jump(p, JNZ);
  op1(p, GET, K); op1(p, SET, X);
  int chain = here(p);
  op1(p, GET, X); op1(p, CONST, 1); op(p, EQ);
  int next = jump(p, JNZ);
  op2(p, INC, STEPS, 1);
  op1(p, GET, X); op1(p, ANDI, 1);
  int even = jump(p, JZ);
  op1(p, GET, X); op1(p, MULI, 3); op1(p, ADDI, 1); op1(p, SET, X);
  op1(p, JMP, chain);
  land(p, even);
  op1(p, GET, X); op1(p, SHRUI, 1); op1(p, SET, X);
  op1(p, JMP, chain);
  land(p, next);
  op2(p, INC, K, 1);
  op1(p, JMP, outer);
  land(p, done);
  op1(p, GET, STEPS); op(p, PRINT);
}

// mix(n): a hash of n rounds of shifts, rotations, multiplications and byte-table lookups.
static void mix(Program *p, int32_t n) {
  enum { R = 8, H = 9, N = 10, T = 11 };
  op1(p, CONST, n); op1(p, SET, N);
  op1(p, CONST, 0); op1(p, SET, R);
  op1(p, CONST, 0x12345678); op1(p, SET, H);
  int loop = here(p);
  op1(p, GET, R); op1(p, GET, N); op(p, GES);
  int done = jump(p, JNZ);
  op1(p, GET, H); op(p, XSHIFT); op1(p, TEE, H);
  op1(p, CONST, 7); op(p, ROTL); op1(p, GET, R); op(p, XOR);
  op1(p, CONST, (int32_t)0x9E3779B9u); op(p, MULHI); op1(p, SET, T);
  op1(p, GET, T); op1(p, ANDI, 0xffff); op1(p, GET, H); op(p, STORE8);
  op1(p, GET, H); op1(p, ANDI, 0xffff); op(p, LOAD8);
  op1(p, GET, T); op(p, POPCNT); op(p, ADD);
  op1(p, GET, H); op(p, CLZ); op(p, ADD);
  op1(p, GET, H); op(p, BSWAP); op(p, XOR);
  op1(p, GET, T); op1(p, CONST, 13); op(p, ROTR); op(p, ADD);
  op1(p, GET, H); op1(p, SHLI, 3); op1(p, GET, T); op(p, MIN);
  op1(p, GET, H); op1(p, GET, T); op(p, MAX); op(p, SUB); op(p, ABS); op(p, XOR);
  op(p, DUP);
  op1(p, GET, R); op1(p, ANDI, 1023); op1(p, ADDI, 1); op(p, DIVU); op(p, ADD);
  op1(p, GET, H); op(p, ADD); op1(p, SET, H);
  op2(p, INC, R, 1);
  op1(p, JMP, loop);
  land(p, done);
  op1(p, GET, H); op(p, PRINT);
}

// fib(k), recursively, through CALL and RET.
static void fib(Program *p, int32_t k) {
  op1(p, CONST, k);
  int call = here(p);
  op2(p, CALL, -1, 1);
  op(p, PRINT);
  int skip = jump(p, JMP);
  p->code[call + 1] = here(p); // the function: local 0 is its argument
  op1(p, GET, 0); op1(p, CONST, 2); op(p, LTS);
  int recurse = jump(p, JZ);
  op1(p, GET, 0); op(p, RET);
  land(p, recurse);
  op1(p, GET, 0); op1(p, ADDI, -1); op2(p, CALL, p->code[call + 1], 1);
  op1(p, GET, 0); op1(p, ADDI, -2); op2(p, CALL, p->code[call + 1], 1);
  op(p, ADD); op(p, RET);
  land(p, skip);
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 1;
  if (n < 1 || n > 1000) {
    fprintf(stderr, "usage: vm N (1 to 1000)\n");
    return 64;
  }
  static Program p;
  sieve(&p, n * 30000 < MEM_WORDS ? n * 30000 : MEM_WORDS);
  collatz(&p, n * 20000 < 100000 ? n * 20000 : 100000); // chains below 2^31
  mix(&p, n * 300000);
  fib(&p, 20 + (n > 1) + (n > 4) + (n > 16));
  op(&p, HALT);
  run(p.code, 0);
  const char *names[] = {"primes", "collatz steps", "mix", "fib"};
  for (int i = 0; i < noutputs && i < 4; i++) {
    printf("%s %lld\n", names[i], (long long)outputs[i]);
  }
  return 0;
}
