package dev.iotypes.cli;

/**
 * Every exit status of {@code iotypes}, in one place. Statuses of the iotypes command itself follow
 * BSD {@code sysexits.h}, so that they never collide with the small statuses a guest returns.
 *
 * <table>
 *   <caption>Exit statuses</caption>
 *   <tr><th>status<th>when
 *   <tr><td>0<td>the guest returned {@code ok} (or nothing, or 0); a WASI command exits with its
 *       {@code proc_exit} status
 *   <tr><td>1<td>the guest returned {@code err}; a guest returning {@code u32}/{@code s32} exits
 *       with that value instead, clamped to 0..255
 *   <tr><td>2<td>usage: unknown flag, wrong argument count, bad number, unknown option
 *   <tr><td>65<td>the module is not WebAssembly, is malformed, declares no typed main, or needs an
 *       import iotypes does not provide
 *   <tr><td>66<td>an argument cannot be bound: no such file (an array included, unless {@code
 *       --create}), no such {@code --dir} directory, unreachable URL, bad {@code data:} URL, a
 *       composition ({@code [MODULE.wasm ARGS...]}) whose guest returned an error from its main;
 *       a composition that fails otherwise exits as its guest would at the top level (64, 65, 70,
 *       75, 124)
 *   <tr><td>69<td>(no longer used: WASI commands run in the libc compatibility mode)
 *   <tr><td>70<td>the guest trapped; the message names the Wasm function
 *   <tr><td>74<td>the guest succeeded but an input or output failed, or a {@code $(command)}
 *       behind one exited with a status other than 0 (each is named on stderr, whatever the status)
 *   <tr><td>75<td>the guest reached a resource limit ({@code --max-memory-size}, {@code
 *       --max-table-elements}, {@code --max-handles}) or was refused for declaring more, or its
 *       module is past a size limit ({@code ModuleSizeLimits}); what it wrote before is flushed
 *   <tr><td>124<td>the guest ran out of time ({@code --timeout}), while its module loaded or while
 *       it ran, as {@code timeout(1)} exits; what it wrote before is flushed; also an {@code http:}
 *       argument that did not answer within {@code --timeout}
 *   <tr><td>141<td>standard output's reader went away (a broken pipe): quietly, as a shell reports
 *       GNU {@code cat} killed by {@code SIGPIPE} (128 + 13), which a JVM cannot be
 *   <tr><td>125<td>a bug in iotypes itself
 * </table>
 */
public enum ExitStatus {
  OK(0),
  GUEST_ERR(1),
  USAGE(64),
  BAD_MODULE(65),
  BAD_ARGUMENT(66),
  NOT_IMPLEMENTED(69),
  GUEST_TRAP(70),
  OUTPUT_FAILED(74),
  LIMIT_EXCEEDED(75),
  TIMEOUT(124),
  BROKEN_PIPE(141),
  INTERNAL(125);

  private final int code;

  ExitStatus(int code) {
    this.code = code;
  }

  /** The process exit status. */
  public int code() {
    return code;
  }
}
