package dev.iotypes.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.wasm.types.ValType;
import dev.iotypes.IoTypes;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each function's signature is the shape its method reference is cast to ({@link Call}), so they
 * are pinned here as the preview1 witx has them: a shape with an i32 where the witx says i64 fails
 * this test rather than a guest's link.
 */
class WasiSignaturesTest {
  private static final String WITX =
      """
        args_get (i32 i32) -> (i32)
        args_sizes_get (i32 i32) -> (i32)
        environ_get (i32 i32) -> (i32)
        environ_sizes_get (i32 i32) -> (i32)
        clock_res_get (i32 i32) -> (i32)
        clock_time_get (i32 i64 i32) -> (i32)
        fd_advise (i32 i64 i64 i32) -> (i32)
        fd_allocate (i32 i64 i64) -> (i32)
        fd_close (i32) -> (i32)
        fd_datasync (i32) -> (i32)
        fd_fdstat_get (i32 i32) -> (i32)
        fd_fdstat_set_flags (i32 i32) -> (i32)
        fd_fdstat_set_rights (i32 i64 i64) -> (i32)
        fd_filestat_get (i32 i32) -> (i32)
        fd_filestat_set_size (i32 i64) -> (i32)
        fd_filestat_set_times (i32 i64 i64 i32) -> (i32)
        fd_pread (i32 i32 i32 i64 i32) -> (i32)
        fd_prestat_get (i32 i32) -> (i32)
        fd_prestat_dir_name (i32 i32 i32) -> (i32)
        fd_pwrite (i32 i32 i32 i64 i32) -> (i32)
        fd_read (i32 i32 i32 i32) -> (i32)
        fd_readdir (i32 i32 i32 i64 i32) -> (i32)
        fd_renumber (i32 i32) -> (i32)
        fd_seek (i32 i64 i32 i32) -> (i32)
        fd_sync (i32) -> (i32)
        fd_tell (i32 i32) -> (i32)
        fd_write (i32 i32 i32 i32) -> (i32)
        path_create_directory (i32 i32 i32) -> (i32)
        path_filestat_get (i32 i32 i32 i32 i32) -> (i32)
        path_filestat_set_times (i32 i32 i32 i32 i64 i64 i32) -> (i32)
        path_link (i32 i32 i32 i32 i32 i32 i32) -> (i32)
        path_open (i32 i32 i32 i32 i32 i64 i64 i32 i32) -> (i32)
        path_readlink (i32 i32 i32 i32 i32 i32) -> (i32)
        path_remove_directory (i32 i32 i32) -> (i32)
        path_rename (i32 i32 i32 i32 i32 i32) -> (i32)
        path_symlink (i32 i32 i32 i32 i32) -> (i32)
        path_unlink_file (i32 i32 i32) -> (i32)
        poll_oneoff (i32 i32 i32 i32) -> (i32)
        proc_exit (i32) -> ()
        proc_raise (i32) -> (i32)
        sched_yield () -> (i32)
        random_get (i32 i32) -> (i32)
        sock_accept (i32 i32 i32) -> (i32)
        sock_recv (i32 i32 i32 i32 i32 i32) -> (i32)
        sock_send (i32 i32 i32 i32 i32) -> (i32)
        sock_shutdown (i32 i32) -> (i32)
      """;

  @Test
  void everyFunctionHasItsWitxSignatureInSpecOrder() {
    WasiOptions options =
        WasiOptions.builder()
            .stdin(IoTypes.input(new byte[0]))
            .stdout(IoTypes.output(new java.io.ByteArrayOutputStream()))
            .stderr(IoTypes.output(new java.io.ByteArrayOutputStream()))
            .build();
    List<ImportFunction> functions = new WasiPreview1(options, 64).functions();
    String declared =
        functions.stream()
            .map(
                f ->
                    f.name()
                        + " ("
                        + types(f.paramTypes())
                        + ") -> ("
                        + types(f.returnTypes())
                        + ")")
            .collect(Collectors.joining("\n"));
    assertThat(declared)
        .isEqualTo(WITX.strip().lines().map(String::strip).collect(Collectors.joining("\n")));
  }

  private static String types(List<ValType> types) {
    return types.stream()
        .map(t -> t.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(" "));
  }
}
