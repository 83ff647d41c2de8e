package org.fluxj.cmd.version;

import java.io.IOException;
import org.fluxj.cmd.AbstractCommand;
import picocli.CommandLine.Command;

/** Display flux version information, in the layout of flux-core's {@code flux version}. */
@Command(name = "version", description = "Display flux version information.")
public final class VersionCommand extends AbstractCommand {

    @Override
    public Integer call() throws IOException {
        String version = fluxVersion();
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
}
