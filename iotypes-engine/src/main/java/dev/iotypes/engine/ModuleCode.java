package dev.iotypes.engine;

import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.GlobalImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.ValType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;

/**
 * One module's compiled code, shared by all its instances. Each Wasm function is a class of its
 * own, compiled the first time the JVM resolves it: a direct {@code invokestatic} between functions
 * links lazily through this loader, so a 30 MB module compiles only the functions a run reaches.
 */
final class ModuleCode {
  private static final MethodType INVOKER =
      MethodType.methodType(long[].class, long[].class, Context.class);

  private final WasmModule module;
  private final LazyBodies bodies;
  private final int importCount;
  private final int[] funcTypeIdx;
  private final List<ValType> globalTypes = new ArrayList<>();
  private final boolean hasMemory;
  private final int[] canonicalType;
  private final Loader loader = new Loader();
  private final AtomicReferenceArray<MethodHandle> handles;
  private final AtomicReferenceArray<MethodHandle> invokers;
  private final AtomicReferenceArray<MethodHandle> hostHandles;

  /**
   * Per type, the adapter that calls a function of another instance: a component's core instances
   * call each other through tables at every call, and looking it up each time cost more than the
   * call.
   */
  private final AtomicReferenceArray<MethodHandle> foreignAdapters;

  private final byte[] interpreted;

  /** Per function left to the interpreter: 0 not looked at yet, 1 no SIMD, 2 SIMD. */
  private final byte[] simd;

  /** Classes an earlier run compiled (from the module cache), defined without compiling. */
  private final Map<String, byte[]> cached = new java.util.concurrent.ConcurrentHashMap<>();

  private final java.util.Set<String> cachedInterpreted = new java.util.HashSet<>();

  /** Every class defined so far, as bytes, and whether any was compiled in this process. */
  private final Map<String, byte[]> defined = new java.util.concurrent.ConcurrentHashMap<>();

  private volatile boolean compiledAny;

  ModuleCode(WasmModule module, byte[] cachedPayload, LazyBodies bodies) {
    this.module = module;
    this.bodies = bodies;
    if (cachedPayload != null) {
      fromCache(cachedPayload);
    }
    List<Integer> types = new ArrayList<>();
    boolean memory = module.memorySection().isPresent();
    for (int i = 0; i < module.importSection().importCount(); i++) {
      Import imp = module.importSection().getImport(i);
      if (imp instanceof FunctionImport f) {
        types.add(f.typeIndex());
      } else if (imp instanceof GlobalImport g) {
        globalTypes.add(g.type());
      } else if (imp instanceof MemoryImport) {
        memory = true;
      }
    }
    importCount = types.size();
    for (int i = 0; i < module.functionSection().functionCount(); i++) {
      types.add(module.functionSection().getFunctionType(i));
    }
    funcTypeIdx = types.stream().mapToInt(Integer::intValue).toArray();
    for (var g : module.globalSection().globals()) {
      globalTypes.add(g.valueType());
    }
    hasMemory = memory;
    int typeCount = module.typeSection().typeCount();
    canonicalType = new int[typeCount];
    // Structurally equal function types share one id (MVP typing); others keep their own.
    Map<FunctionType, Integer> first = new HashMap<>();
    for (int i = 0; i < typeCount; i++) {
      FunctionType t = functionTypeOrNull(i);
      canonicalType[i] = t == null ? i : first.computeIfAbsent(t, k -> -1 - first.size());
    }
    int total = funcTypeIdx.length;
    handles = new AtomicReferenceArray<>(total);
    invokers = new AtomicReferenceArray<>(total);
    hostHandles = new AtomicReferenceArray<>(total);
    foreignAdapters = new AtomicReferenceArray<>(module.typeSection().typeCount());
    interpreted = new byte[total];
    simd = new byte[total];
  }

  private FunctionType functionTypeOrNull(int typeIdx) {
    try {
      return module.typeSection().getType(typeIdx);
    } catch (RuntimeException e) {
      return null; // a struct or array type (GC)
    }
  }

  static String className(int funcId) {
    return "wasm/F" + funcId;
  }

  static String methodName(int funcId) {
    return "func_" + funcId;
  }

  int importCount() {
    return importCount;
  }

  boolean hasMemory() {
    return hasMemory;
  }

  FunctionType type(int typeIdx) {
    return module.typeSection().getType(typeIdx);
  }

  FunctionType functionType(int funcId) {
    return type(funcTypeIdx[funcId]);
  }

  ValType globalType(int globalIdx) {
    return globalTypes.get(globalIdx);
  }

  FunctionType blockType(long operand) {
    if (operand == 0x40) {
      return FunctionType.empty();
    }
    if (ValType.isValid(operand)) {
      return FunctionType.returning(
          ValType.builder().fromId(operand).build().resolve(module.typeSection()));
    }
    return type((int) operand);
  }

  private FunctionBody body(int funcId) {
    return bodies != null
        ? bodies.body(funcId - importCount)
        : module.codeSection().getFunctionBody(funcId - importCount);
  }

  /**
   * Makes sure {@code instance} holds the body of {@code funcId} before Chicory's interpreter runs
   * it (a lazily parsed module's instances start with placeholders).
   */
  void prepareToInterpret(Instance instance, int funcId) {
    if (funcId < importCount) {
      return;
    }
    if (simd[funcId] == 0) {
      simd[funcId] = usesSimd(functionType(funcId), body(funcId)) ? (byte) 2 : (byte) 1;
    }
    if (simd[funcId] == 2) {
      // Chicory 1.7.5's interpreter does not run SIMD either (its SIMD interpreter is another
      // artifact, on the incubating Vector API): say so, rather than in its own words.
      throw new ChicoryException(
          "function " + funcId + " uses SIMD (v128), which iotypes does not run");
    }
    if (bodies != null) {
      bodies.install(instance, funcId, importCount);
    }
  }

  private static boolean usesSimd(FunctionType type, FunctionBody body) {
    return type.params().contains(ValType.V128)
        || type.returns().contains(ValType.V128)
        || body.localTypes().contains(ValType.V128)
        || body.instructions().stream().anyMatch(i -> i.opcode().opcode() >> 8 == 0xFD);
  }

  /** As {@link #prepareToInterpret}, for every function: an instance the interpreter runs whole. */
  void prepareToInterpretAll(Instance instance) {
    if (bodies != null) {
      bodies.installAll(instance);
    }
  }

  /** Whether {@code funcId} runs in Chicory's interpreter (what the engine does not compile). */
  boolean interpreted(int funcId) {
    invoker(funcId);
    return interpreted[funcId] != 0;
  }

  /** {@code (long[] args, Context) -> long[]}: how a call from outside enters a function. */
  MethodHandle invoker(int funcId) {
    MethodHandle h = invokers.get(funcId);
    if (h == null) {
      try {
        h = MethodHandles.publicLookup().findStatic(functionClass(funcId), "call", INVOKER);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      invokers.set(funcId, h);
    }
    return h;
  }

  /** The compiled function's own static method, for {@code call_indirect}. */
  MethodHandle handle(int funcId) {
    MethodHandle h = handles.get(funcId);
    if (h == null) {
      FunctionType type = functionType(funcId);
      try {
        h =
            MethodHandles.publicLookup()
                .findStatic(functionClass(funcId), methodName(funcId), methodType(type));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      handles.set(funcId, h);
    }
    return h;
  }

  private Class<?> functionClass(int funcId) {
    try {
      return Class.forName(className(funcId).replace('/', '.'), true, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  MethodType methodType(FunctionType type) {
    return MethodType.fromMethodDescriptorString(
        FunctionCompiler.methodDesc(type), ModuleCode.class.getClassLoader());
  }

  /** The type-checked target of {@code call_indirect}, to be invoked with the caller's context. */
  MethodHandle indirect(Context ctx, int tableIdx, int typeIdx, int elem) {
    TableInstance table = ctx.instance.table(tableIdx);
    int funcId = table.requiredRef(elem);
    Instance target = table.instance(elem);
    if (target == null || target == ctx.instance) {
      int actual = funcTypeIdx[funcId];
      if (actual != typeIdx
          && canonicalType[actual] != canonicalType[typeIdx]
          && !ValType.heapTypeSubtype(actual, typeIdx, module.typeSection())) {
        throw Ops.typeMismatch();
      }
      return funcId < importCount ? hostHandle(funcId) : handle(funcId);
    }
    MethodHandle call = ctx.foreign(target, funcId, typeIdx);
    if (call != null) {
      return call;
    }
    FunctionType expected = type(typeIdx);
    if (!expected.equals(target.type(target.functionType(funcId)))) {
      throw Ops.typeMismatch();
    }
    MethodHandle foreign = foreignAdapters.get(typeIdx);
    if (foreign == null) {
      foreign = adapter(typeIdx, "foreign");
      foreignAdapters.set(typeIdx, foreign);
    }
    call = MethodHandles.insertArguments(foreign, expected.params().size() + 1, target, funcId);
    ctx.foreign(target, funcId, typeIdx, call);
    return call;
  }

  private MethodHandle hostHandle(int funcId) {
    MethodHandle h = hostHandles.get(funcId);
    if (h == null) {
      FunctionType type = functionType(funcId);
      h =
          MethodHandles.insertArguments(
              adapter(funcTypeIdx[funcId], "host"), type.params().size() + 1, funcId);
      hostHandles.set(funcId, h);
    }
    return h;
  }

  private MethodHandle adapter(int typeIdx, String name) {
    try {
      Class<?> c = Class.forName("wasm.A" + typeIdx, true, loader);
      FunctionType type = type(typeIdx);
      MethodType mt = methodType(type);
      mt =
          name.equals("host")
              ? mt.appendParameterTypes(int.class)
              : mt.appendParameterTypes(Instance.class, int.class);
      return MethodHandles.publicLookup().findStatic(c, name, mt);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- class generation ----

  /**
   * The most bytecode a method should have. HotSpot never compiles one over 8,000 bytes, and C1
   * gives up well below that when a method has many values ("out of virtual registers"), so
   * functions are cut finer than the hard limit; smaller still cuts hot loops apart.
   */
  private static final int TARGET_METHOD = 4_000;

  private static final int HUGE_METHOD = 8_000;

  private byte[] compileFunction(int funcId) {
    FunctionType type = functionType(funcId);
    try {
      if (FunctionCompiler.parameterSlots(type) > 254) {
        throw new FunctionCompiler.Unsupported("more parameters than a JVM method takes");
      }
      FunctionBody body = body(funcId);
      Map<Integer, Integer> regions = Map.of();
      int[] measured = null;
      int budget = Outliner.budget(body.instructions());
      int target = budget + TARGET_METHOD - Outliner.METHOD_BUDGET;
      int chunk = budget * 3 / 4;
      ClassWriter best = null;
      int bestSize = Integer.MAX_VALUE;
      for (int attempt = 0; attempt <= 6; attempt++) {
        ClassWriter cw = classWriter(className(funcId));
        var unit =
            FunctionCompiler.compile(
                new FunctionCompiler.Unit(
                    this, cw, funcId, type, body.localTypes(), body.instructions(), regions));
        if (measured == null) {
          measured = unit.offsets;
        }
        // The attempt to keep: the first under the target, else the one whose biggest method is
        // smallest (a plan cut finer can come out bigger, its glue outweighing what it moved).
        if (unit.largestMethod < bestSize) {
          best = cw;
          bestSize = unit.largestMethod;
        }
        if (bestSize <= target) {
          break;
        }
        regions = Outliner.plan(body.instructions(), measured, chunk, budget);
        chunk = chunk * 2 / 3;
      }
      if (bestSize > HUGE_METHOD) {
        interpretedHint(funcId, bestSize);
      }
      Stubs.invoker(best, className(funcId), methodName(funcId), type);
      best.visitEnd();
      if (bodies != null) {
        bodies.release(funcId - importCount);
      }
      return best.toByteArray();
    } catch (FunctionCompiler.Unsupported | MethodTooLargeException | StackOverflowError e) {
      // Also what nests too deep for the compiler's own recursion (thousands of blocks).
      interpreted[funcId] = 1;
      return Stubs.interpreted(classWriter(className(funcId)), funcId, type);
    } catch (RuntimeException e) {
      // A bug of the engine's, never the guest's: not to be mistaken for a trap.
      throw new IllegalStateException("iotypes engine: cannot compile function " + funcId, e);
    }
  }

  /** {@code -Diotypes.engine.verbose=true}: says which functions stay too big for the JIT. */
  private static final boolean VERBOSE = Boolean.getBoolean("iotypes.engine.verbose");

  private static void interpretedHint(int funcId, int size) {
    if (VERBOSE) {
      System.err.println(
          "iotypes engine: func_"
              + funcId
              + " has a method of "
              + size
              + " bytes: not JIT-compiled");
    }
  }

  private byte[] compileAdapter(int typeIdx) {
    ClassWriter cw = classWriter("wasm/A" + typeIdx);
    Stubs.adapters(cw, type(typeIdx));
    cw.visitEnd();
    return cw.toByteArray();
  }

  static ClassWriter classWriter(String name) {
    ClassWriter cw =
        new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
          @Override
          protected String getCommonSuperClass(String a, String b) {
            return "java/lang/Object";
          }
        };
    cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object", null);
    // Line numbers are Wasm code offsets: a stack trace reads "(wasm:OFFSET)".
    cw.visitSource("wasm", null);
    return cw;
  }

  /**
   * Every class defined so far, for the module cache, if this process compiled any (else null):
   * {@code count, then name (UTF), interpreted (boolean), length, bytes} for each.
   */
  byte[] toCache() {
    if (!compiledAny) {
      return null;
    }
    compiledAny = false; // what a later call adds is new again
    var bytes = new java.io.ByteArrayOutputStream();
    try (var out = new java.io.DataOutputStream(bytes)) {
      Map<String, byte[]> classes = Map.copyOf(defined);
      out.writeInt(classes.size());
      for (Map.Entry<String, byte[]> c : classes.entrySet()) {
        String name = c.getKey();
        out.writeUTF(name);
        out.writeBoolean(
            name.startsWith("wasm.F")
                && interpreted[Integer.parseInt(name, 6, name.length(), 10)] != 0);
        out.writeInt(c.getValue().length);
        out.write(c.getValue());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Reads what {@link #toCache()} wrote; an entry that does not parse is ignored whole. */
  private void fromCache(byte[] payload) {
    try (var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(payload))) {
      Map<String, byte[]> classes = new HashMap<>();
      java.util.Set<String> stubs = new java.util.HashSet<>();
      for (int i = in.readInt(); i > 0; i--) {
        String name = in.readUTF();
        boolean stub = in.readBoolean();
        int length = in.readInt();
        if (!name.matches("wasm\\.[FA]\\d+") || length < 0 || length > in.available()) {
          return;
        }
        classes.put(name, in.readNBytes(length));
        if (stub) {
          stubs.add(name);
        }
      }
      cached.putAll(classes);
      cachedInterpreted.addAll(stubs);
    } catch (java.io.IOException | RuntimeException e) {
      // not an entry of ours: compile afresh
    }
  }

  /** {@code -Diotypes.engine.dump=DIR} writes every generated class there, for javap. */
  private static final String DUMP = System.getProperty("iotypes.engine.dump");

  private static void dump(String name, byte[] bytes) {
    try {
      java.nio.file.Path file = java.nio.file.Path.of(DUMP, name.replace('.', '/') + ".class");
      java.nio.file.Files.createDirectories(file.getParent());
      java.nio.file.Files.write(file, bytes);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Defines a function's class when the JVM first resolves it. */
  private final class Loader extends ClassLoader {
    Loader() {
      super(ModuleCode.class.getClassLoader());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = cached.remove(name);
      if (bytes != null) {
        if (cachedInterpreted.contains(name)) {
          interpreted[Integer.parseInt(name, 6, name.length(), 10)] = 1;
        }
      } else if (name.startsWith("wasm.F")) {
        bytes = compileFunction(Integer.parseInt(name, 6, name.length(), 10));
        compiledAny = true;
      } else if (name.startsWith("wasm.A")) {
        bytes = compileAdapter(Integer.parseInt(name, 6, name.length(), 10));
        compiledAny = true;
      } else {
        throw new ClassNotFoundException(name);
      }
      defined.put(name, bytes);
      if (DUMP != null) {
        dump(name, bytes);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
