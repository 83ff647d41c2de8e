package org.fluxj.cmd;

import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * For an {@link Argparse} command whose last operand is argparse's REMAINDER: options end at
 * the first operand, the rest belongs to the job's command.
 */
public final class Remainder implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
        spec.parser().stopAtPositional(true);
        return spec;
    }
}
