package org.fluxj.cmd.resource;

import picocli.CommandLine.Option;

/** {@code -o/--format} and {@code -n/--no-header}, which status, list and drain take alike (a picocli mixin). */
final class OutputOptions {
    @Option(names = {"-o", "--format"}, paramLabel = "FORMAT",
            description = "Specify output format using Python's string format syntax or a defined format by name")
    String format = "default";

    @Option(names = {"-n", "--no-header"}, description = "Suppress header output")
    boolean noHeader;
}
