package org.fluxj.cmd.resource;

import java.io.IOException;
import org.fluxj.client.FluxException;
import org.fluxj.formats.msg.Errno;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code flux resource drain [TARGETS [REASON...]]}: drain ranks or hosts, or list the drained ones. */
@Command(name = "drain", description = "Drain resources, or list drained resources.")
final class ResourceDrainCommand extends AbstractDrainCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "TARGETS", description = "List of targets to drain (IDSET or HOSTLIST)")
    String targets;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() {
        if (targets == null) {
            String fmt = switch (output.format) {
                case "default" -> "{timestamp:<12} {state:<8.8} {reason:<30.30+} {nodelist}";
                case "long" -> "{timestamp:<12} {state:<8.8} {ranks:<8.8+} +:{reason:<30.30} {nodelist}";
                default -> output.format;
            };
            StatusLines.render(status(), fmt, StatusLines.states("drain"), true, output.noHeader)
                    .forEach(out()::println);
            return 0;
        }
        try {
            request("resource.drain", targets);
        } catch (FluxException e) {
            err().println("flux-resource: ERROR: [Errno " + e.errnum() + "] " + e.getMessage());
            if (e.is(Errno.EEXIST)) {
                err().println("flux-resource: INFO: Use --force to overwrite existing drain reason");
            }
            return 1;
        } catch (IOException e) {
            throw new org.fluxj.cmd.CommandException("ERROR: " + e.getMessage());
        }
        return 0;
    }
}
