package org.fluxj.cmd.shutdown;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.fluxj.client.FluxException;
import org.fluxj.client.StreamingRpc;
import org.fluxj.client.kvs.Kvs;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux shutdown [TARGET]}: asks the instance to leave the run state and prints its log
 * lines (at or below info, warning with --quiet, debug with -v) until it says goodbye. With
 * --gc or --dump, rc3 dumps the KVS (flux-core sets the {@code content.dump} attribute that its
 * rc3 reads, and so do we); a {@code [kvs] gc-threshold} exceeded asks whether to.
 */
@Command(name = "shutdown", description = "Shut down the Flux instance.")
public final class ShutdownCommand extends AbstractCommand {

    @Option(names = "--skip-gc", description = "Skip KVS garbage collection this time, if already enabled")
    boolean skipGc;

    @Option(names = "--gc", description = "Garbage collect KVS (short for --dump=auto)")
    boolean gc;

    @Option(names = "--dump", paramLabel = "PATH", description = "Dump KVS content to specified archive file using flux-dump(1).")
    String dump;

    @Option(names = "--background", description = "Exit the command immediately after initiating shutdown")
    boolean background;

    @Option(names = "--quiet", description = "Show only log messages <= LOG_WARNING level")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, arity = "0..1", paramLabel = "LEVEL", fallbackValue = "",
            description = "Increase log verbosity: 0=show log messages <= LOG_INFO level (default), 1=show all log messages")
    void verbose(String level) {
        verbose = verbosity(verbose, level);
    }

    int verbose;

    @Option(names = {"-y", "--yes"}, description = "Answer yes to any yes/no questions")
    boolean yes;

    @Option(names = {"-n", "--no"}, description = "Answer no to any yes/no questions")
    boolean no;

    @Parameters(paramLabel = "TARGET", arity = "0..1", description = "URI of the instance to shut down (default: FLUX_URI)")
    String target;

    @Override
    public Integer call() throws IOException {
        if (target != null) {
            connect(target);
        }
        configureDump();
        ObjectNode o = Json.object();
        o.put("loglevel", quiet ? 4 : verbose == 0 ? 6 : 7);
        if (background) {
            rpcNoPayload("shutdown.start", "shutdown.start", o);
            return 0;
        }
        StreamingRpc s = handle().rpcStreaming("shutdown.start", o, Message.NODEID_ANY);
        try {
            for (Message m = s.next(); m != null; m = s.next()) {
                err().print(m.payloadObject().path("log").asText());
                err().flush();
            }
        } catch (IOException | FormatException e) {
            if (e.getMessage() != null && e.getMessage().contains("closed the connection")) {
                return 0; // the broker went away before its goodbye reached us
            }
            throw fail("%s", e.getMessage());
        }
        return 0;
    }

    /** flux-core's configure_kvs_dump: sets or removes content.dump, and says where the dump goes. */
    private void configureDump() {
        if (gc && (skipGc || dump != null)) {
            throw fail("--gc is incompatible with --skip-gc or --dump");
        }
        String current = findattr("content.dump");
        if (skipGc) {
            if (current != null) {
                rpcNoPayload("rmattr content.dump", "attr.rm", Json.object().put("name", "content.dump"));
                current = null;
            }
        } else if (dump != null) {
            current = setDump(current, dump);
        } else if (gc || gcThresholdExceeded()) {
            current = setDump(current, "auto");
        }
        if (current != null) {
            if (current.equals("auto")) {
                String cleanup = findattr("statedir-cleanup");
                String dir = cleanup == null || cleanup.equals("0") ? findattr("statedir") : ".";
                current = dir + "/dump/";
            }
            err().printf("flux-shutdown: shutdown will dump KVS to %s (this may take some time)%n", current);
            err().flush();
        }
    }

    private String setDump(String current, String value) {
        if (!value.equals(current)) {
            ObjectNode o = Json.object().put("name", "content.dump").put("value", value);
            rpcNoPayload("setattr content.dump", "attr.set", o);
        }
        return value;
    }

    /** flux-core's gc_threshold_check: the KVS version is past [kvs] gc-threshold; -y/-n or a tty answer. */
    private boolean gcThresholdExceeded() {
        long threshold = rpc("Error fetching flux config", "config.get", null).path("kvs").path("gc-threshold").asLong(0);
        if (threshold <= 0) {
            return false;
        }
        long version = 0;
        try {
            version = Kvs.getroot(handle(), Kvs.PRIMARY).path("rootseq").asLong();
        } catch (FluxException e) {
            if (!e.is(Errno.ENOSYS)) {
                throw fail("Error fetching KVS version: %s", e.getMessage());
            }
        } catch (IOException e) {
            throw fail("Error fetching KVS version: %s", e.getMessage());
        }
        if (version <= threshold) {
            return false;
        }
        if (yes || no || skipGc) {
            return yes;
        }
        if (System.console() == null) {
            throw fail("gc threshold exceeded, specify -y or -n");
        }
        return askYesNo("gc threshold exceeded, do you want to perform garbage collection", true);
    }

    private boolean askYesNo(String prompt, boolean dflt) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (true) {
            out().printf("%s [%s]? ", prompt, dflt ? "Y/n" : "y/N");
            out().flush();
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                line = null;
            }
            if (line == null) {
                throw fail("error retrieving user input");
            }
            if (line.isEmpty()) {
                return dflt;
            }
            char c = Character.toLowerCase(line.charAt(0));
            if (c == 'y' || c == 'n') {
                return c == 'y';
            }
            out().println("Please answer y or n");
        }
    }
}
