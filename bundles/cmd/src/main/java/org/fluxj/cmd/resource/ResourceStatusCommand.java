package org.fluxj.cmd.resource;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flux resource status}: nodes by state, up or down, and drain reason. */
@Command(name = "status", description = "Show resource status.")
final class ResourceStatusCommand extends AbstractResourceCommand {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = {"-s", "--states"}, paramLabel = "STATE,...", description = "Output resources in given states")
    String states;

    @Option(names = {"--skip-empty"}, description = "Skip empty lines. Useful with --states")
    boolean skipEmpty;

    @Override
    public Integer call() {
        String fmt = switch (output.format) {
            case "default" -> "{state:>12}{up:>2} {nnodes:>6} {nodelist}"; // {color_up} takes the space before it
            case "long" -> "{state:>12}{up:>2} {nnodes:>6} +:{reason:<30.30} {nodelist}";
            default -> output.format;
        };
        List<String> want = StatusLines.states(states);
        StatusLines.render(status(), fmt, want, skipEmpty || states == null, output.noHeader)
                .forEach(out()::println);
        return 0;
    }
}
