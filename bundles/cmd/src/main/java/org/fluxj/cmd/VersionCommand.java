package org.fluxj.cmd;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;

/** Display flux version information, in the layout of flux-core's {@code flux version}. */
@Command(name = "version", description = "Display flux version information.")
final class VersionCommand extends FluxCommand {

    @Override
    public Integer call() throws IOException {
        String version = version();
        out().printf("commands:    \t\t%s%n", version);
        out().printf("libflux-core:\t\t%s%n", version);
        String uri = System.getenv("FLUX_URI");
        if (uri != null) {
            out().printf("broker:  \t\t%s%n", getattr("version"));
            out().printf("FLUX_URI:\t\t%s%n", uri);
        }
        out().printf("build-options:\t\t+java==%s%n", Runtime.version().feature());
        return 0;
    }

    static String version() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionCommand.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return p.getProperty("version", "unknown");
    }
}
