package org.fluxj.cmd.uri;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.fluxj.client.UriResolvers;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.cmd.Argparse;
import org.fluxj.cmd.Flux;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux uri [--local|--remote] [--wait] TARGET}: resolves TARGET to the URI of a Flux
 * instance through the client library's {@link UriResolvers}; the resolvers found are listed
 * in the help.
 */
@Command(name = "uri", description = "Resolve TARGET to a Flux URI.", modelTransformer = UriCommand.Schemes.class)
public final class UriCommand extends AbstractCommand implements Argparse {

    @Option(names = "--remote", description = "convert a local URI to remote")
    boolean remote;

    @Option(names = "--local", description = "convert a remote URI to local")
    boolean local = System.getenv("FLUX_URI_RESOLVE_LOCAL") != null;

    @Option(names = "--wait", description = "wait for a URI to become available, if supported")
    boolean await;

    @Parameters(paramLabel = "TARGET", description = "A Flux jobid or URI in scheme:argument form (e.g. jobid:f1234)")
    String target;

    /** The help's epilog: "Supported resolver schemes:" and each scheme. */
    static final class Schemes implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            List<String> lines = new ArrayList<>(List.of("", "Supported resolver schemes:"));
            new UriResolvers().describe().forEach((s, d) -> lines.add(String.format("  %-14s%s", s, d)));
            spec.usageMessage().footer(lines.toArray(String[]::new));
            return spec;
        }
    }

    @Override
    public Integer call() {
        try {
            String uri = new UriResolvers().resolve(await ? target + "?wait" : target);
            if (remote) {
                uri = UriResolvers.remote(uri);
            } else if (local) {
                uri = UriResolvers.local(uri);
            }
            out().println(uri);
        } catch (IOException e) {
            throw fail("%s", e.getMessage());
        }
        return 0;
    }
}
