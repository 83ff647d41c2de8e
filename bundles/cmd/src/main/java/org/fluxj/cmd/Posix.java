package org.fluxj.cmd;

import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Options end at the first operand, as POSIX getopt has it: the rest belongs to the job. An
 * option may be given again, as with argparse: the last value wins, or each is applied in turn.
 */
final class Posix implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
        spec.parser().stopAtPositional(true);
        spec.parser().overwrittenOptionsAllowed(true);
        return spec;
    }
}
