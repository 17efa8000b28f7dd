package dev.iotypes.wasi;

import static dev.iotypes.wasi.WasiMemory.range;
import static dev.iotypes.wasi.WasiMemory.sizes;
import static dev.iotypes.wasi.WasiMemory.strings;
import static dev.iotypes.wasi.WasiMemory.u64;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;

/** The preview1 calls about the process: arguments, environment, clocks, randomness and exit. */
final class ProcessCalls {
  private final WasiOptions options;
  private final Clocks clocks;

  ProcessCalls(WasiOptions options, Clocks clocks) {
    this.options = options;
    this.clocks = clocks;
  }

  Errno argsGet(Instance inst, int argv, int argvBuf) {
    return strings(inst, options.args(), argv, argvBuf);
  }

  Errno argsSizesGet(Instance inst, int argcPtr, int argvBufSizePtr) {
    return sizes(inst, options.args(), argcPtr, argvBufSizePtr);
  }

  Errno environGet(Instance inst, int environ, int environBuf) {
    return strings(inst, options.env(), environ, environBuf);
  }

  Errno environSizesGet(Instance inst, int countPtr, int bufSizePtr) {
    return sizes(inst, options.env(), countPtr, bufSizePtr);
  }

  Errno clockResGet(Instance inst, int clock, int resolutionPtr) {
    u64(inst, resolutionPtr, clocks.resolution(clock));
    return Errno.SUCCESS;
  }

  Errno clockTimeGet(Instance inst, int clock, long precision, int timePtr) {
    u64(inst, timePtr, clocks.now(clock));
    return Errno.SUCCESS;
  }

  /** Unwinds the guest, never returning; {@link WasiCommand} turns it into the exit status. */
  Errno procExit(Instance inst, int status) {
    throw new WasiPreview1.Exit(status);
  }

  Errno procRaise(Instance inst, int signal) {
    return WasiPreview1.unsupported(options, "proc_raise", Errno.NOSYS);
  }

  Errno schedYield(Instance inst) {
    Thread.yield();
    return Errno.SUCCESS;
  }

  Errno randomGet(Instance inst, int buf, int bufLen) {
    Memory m = range(inst, buf, bufLen);
    long len = Integer.toUnsignedLong(bufLen);
    for (long done = 0; done < len; ) {
      int n = (int) Math.min(len - done, 1 << 16);
      byte[] bytes = new byte[n];
      if (options.randomHandle().isPresent()) {
        options.randomHandle().get().fill(java.nio.ByteBuffer.wrap(bytes));
      } else {
        options.random().nextBytes(bytes);
      }
      m.write((int) (Integer.toUnsignedLong(buf) + done), bytes);
      done += n;
    }
    return Errno.SUCCESS;
  }
}
