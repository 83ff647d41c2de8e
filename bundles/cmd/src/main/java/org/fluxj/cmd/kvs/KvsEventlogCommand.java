package org.fluxj.cmd.kvs;

import java.util.Map;
import org.fluxj.cmd.AbstractFamilyCommand;
import picocli.CommandLine.Command;

/** {@code flux kvs eventlog append|get|wait-event}: RFC 18 eventlogs in the KVS. */
@Command(name = "eventlog", synopsisSubcommandLabel = "COMMAND", description = "Manipulate a KVS eventlog.")
final class KvsEventlogCommand extends AbstractFamilyCommand {
    @Override
    protected Map<String, Class<?>> subcommands() {
        return table("append", KvsEventlogAppendCommand.class,
                "get", KvsEventlogGetCommand.class,
                "wait-event", KvsEventlogWaitEventCommand.class);
    }
}
