package dev.iotypes.wasm.runtime;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/**
 * A module's compiled classes, loaded from a {@link ModuleCache} entry without Chicory's compiler.
 * On a hit, Chicory's own path builds its compiler (whose set-up runs ASM, a library too old for
 * the JVM's start-up archive, so it is loaded and verified afresh every run) and wraps the
 * machine's constructor in a method-handle proxy (more classes spun at run time): a tenth of a
 * short run. The entry is Chicory's (a jar of the generated classes and {@code
 * wasm-module.properties} naming the main one); here its classes are defined on demand by a loader
 * of their own and the constructor is called directly.
 */
public final class CachedMachine implements Function<Instance, Machine> {
  private static final String PROPERTIES = "wasm-module.properties";

  private final Constructor<? extends Machine> constructor;

  private CachedMachine(Constructor<? extends Machine> constructor) {
    this.constructor = constructor;
  }

  /**
   * The machine factory in a cache entry's {@code payload}; throws if the entry is not one Chicory
   * wrote or its classes do not load, and then the caller compiles afresh.
   */
  public static CachedMachine load(byte[] payload)
      throws IOException, ReflectiveOperationException {
    Map<String, byte[]> classes = new HashMap<>();
    String main = null;
    try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(payload))) {
      for (JarEntry entry; (entry = jar.getNextJarEntry()) != null; ) {
        String name = entry.getName();
        if (name.equals(PROPERTIES)) {
          Properties properties = new Properties();
          properties.load(jar);
          main = properties.getProperty("mainClass");
        } else if (name.endsWith(".class")) {
          String binary = name.substring(0, name.length() - ".class".length()).replace('/', '.');
          classes.put(binary, jar.readAllBytes());
        }
      }
    }
    if (main == null || !classes.containsKey(main)) {
      throw new IOException("not a compiled module: no main class");
    }
    Class<? extends Machine> type =
        Class.forName(main, true, new Loader(classes)).asSubclass(Machine.class);
    return new CachedMachine(type.getConstructor(Instance.class));
  }

  @Override
  public Machine apply(Instance instance) {
    try {
      return constructor.newInstance(instance);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Defines one module's classes when first asked for; everything else comes from Chicory's. */
  private static final class Loader extends ClassLoader {
    private final Map<String, byte[]> classes;

    Loader(Map<String, byte[]> classes) {
      super(Machine.class.getClassLoader());
      this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.remove(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
