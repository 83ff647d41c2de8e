package org.fluxj.cmd;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux uri [--local|--remote] TARGET}: resolves TARGET to a URI. So far TARGET is a
 * {@code local://} or {@code ssh://} URI; --local and --remote convert between the two, as
 * flux-core's flux-uri does for any resolver's result.
 */
@Command(name = "uri", description = "Resolve TARGET to a Flux URI.")
final class UriCommand extends FluxCommand implements Argparse {

    @Option(names = "--local", description = "Convert a remote URI to local.")
    boolean local;

    @Option(names = "--remote", description = "Convert a local URI to remote.")
    boolean remote;

    @Parameters(paramLabel = "TARGET")
    String target;

    @Override
    public Integer call() {
        if (local && remote) {
            throw fail("Do not specify both --local and --remote");
        }
        URI uri;
        try {
            uri = URI.create(target);
        } catch (IllegalArgumentException e) {
            throw fail("Unable to resolve %s: malformed URI", target);
        }
        String scheme = uri.getScheme();
        if (!"local".equals(scheme) && !"ssh".equals(scheme)) {
            throw fail("Unable to resolve %s: no URI resolver for %s", target,
                    scheme == null ? target : scheme);
        }
        String path = uri.getPath();
        if (local) {
            out().println("local://" + path);
        } else if (remote && scheme.equals("local")) {
            out().println("ssh://" + hostname() + path);
        } else {
            out().println(target);
        }
        return 0;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
