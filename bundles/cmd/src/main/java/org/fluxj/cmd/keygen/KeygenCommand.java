package org.fluxj.cmd.keygen;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.curve.CurveCert;
import org.fluxj.formats.proc.Identity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux keygen [--name=NAME] [--meta=KEY=VAL,...] [PATH]}: generates the CURVE certificate that secures a
 * system instance's overlay, as flux-core's flux-keygen(1). Needs no broker. Metadata is set first-come: --name,
 * then each --meta pair, then name (the host name) and the keygen.* fields if still unset, so --meta can override
 * those. The file is written with mode 0600 (an existing file is overwritten).
 */
@Command(name = "keygen", description = "Generate a CURVE certificate for the overlay network.")
public final class KeygenCommand extends AbstractCommand {

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "Set certificate name (default: hostname)")
    String name;

    @Option(names = "--meta", paramLabel = "KEYVALS", split = ",",
            description = "Add/update comma-separated key=value metadata")
    List<String> meta = new ArrayList<>();

    @Parameters(paramLabel = "PATH", arity = "0..1", description = "Where to save the certificate.")
    Path path;

    @Override
    public Integer call() {
        if (path == null) {
            err().println("flux-keygen: WARNING: add PATH argument to save generated certificate");
        }
        Map<String, String> m = new LinkedHashMap<>();
        if (name != null) {
            m.putIfAbsent("name", name);
        }
        for (String kv : meta) {
            int eq = kv.indexOf('=');
            m.putIfAbsent(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
        }
        String host = Identity.hostname();
        m.putIfAbsent("name", host); // logged by the broker when a peer presents this certificate
        m.putIfAbsent("keygen.hostname", host);
        m.putIfAbsent("keygen.time",
                LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        m.putIfAbsent("keygen.userid", uid());
        m.putIfAbsent("keygen.fluxj-version", version());
        CurveCert cert;
        try {
            cert = CurveCert.generate().withMetadata(m);
        } catch (IllegalArgumentException e) {
            throw fail("error setting certificate metadata: %s", e.getMessage());
        }
        if (path != null) {
            try {
                cert.write(path);
            } catch (NoSuchFileException e) {
                throw fail("open %s: No such file or directory", path);
            } catch (AccessDeniedException e) {
                throw fail("open %s: Permission denied", path);
            } catch (IOException e) {
                throw fail("write %s: %s", path, e.getMessage());
            }
        }
        return 0;
    }

    private static String uid() {
        try {
            return String.valueOf(Identity.uid());
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String version() {
        try {
            return fluxVersion();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
