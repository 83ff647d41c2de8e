package org.fluxj.cmd;

/**
 * Marks a command whose flux-core counterpart is a Python program: its words are read as
 * argparse reads them (options may follow operands; a value that looks like an option is
 * refused; usage errors exit 2), which is how picocli reads them, instead of as
 * {@link Getopt} reads the words of flux-core's C commands.
 */
public interface Argparse {
}
