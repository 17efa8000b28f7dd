/** The {@code iotypes} command: flags become options, arguments become I/O types. */
package dev.iotypes.cli;
