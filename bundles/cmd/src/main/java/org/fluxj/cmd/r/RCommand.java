package org.fluxj.cmd.r;

import java.util.Map;
import org.fluxj.cmd.AbstractFamilyCommand;
import picocli.CommandLine.Command;

/** {@code flux R}: read, generate and process RFC 20 resource set objects. */
@Command(name = "R",
        synopsisSubcommandLabel = "COMMAND",
        description = "Read, generate, and process RFC 20 Resource Set objects.")
public final class RCommand extends AbstractFamilyCommand {
    @Override
    protected Map<String, Class<?>> subcommands() {
        return table("encode", REncodeCommand.class,
                "append", RAppendCommand.class,
                "diff", RDiffCommand.class,
                "intersect", RIntersectCommand.class,
                "remap", RRemapCommand.class,
                "rerank", RRerankCommand.class,
                "decode", RDecodeCommand.class,
                "verify", RVerifyCommand.class,
                "set-property", RSetPropertyCommand.class,
                "parse-config", RParseConfigCommand.class);
    }
}
