package org.fluxj.cmd.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.fluxj.client.kvs.Kvs;
import org.fluxj.client.job.Jobs;
import org.fluxj.cmd.Color;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.eventlog.Eventlog;
import org.fluxj.formats.eventlog.EventlogEntry;
import org.fluxj.formats.eventlog.EventlogFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux job eventlog [-f text|json] [-T raw|iso|offset] [-H] [-L[WHEN]] [-p PATH] ID}:
 * a job's eventlog from the KVS ({@code job.<id>.eventlog}, or {@code -p}'s), as flux-core's.
 * ({@code --follow} waits for job-list's inactive state, not there yet.)
 */
@Command(name = "eventlog", description = "Display eventlog for a job",
        customSynopsis = "flux job eventlog [OPTIONS] id")
final class JobEventlogCommand extends AbstractJobCommand {

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "Specify output format: text, json")
    String format = "text";

    @Option(names = {"-T", "--time-format"}, paramLabel = "FORMAT", description = "Specify time format: raw, iso, offset")
    String timeFormat = "raw";

    @Option(names = {"-H", "--human"}, description = "Display human-readable output. See also --color, --format, "
            + "--time-format.")
    boolean human;

    @Option(names = {"-L", "--color"}, paramLabel = "WHEN", arity = "0..1", fallbackValue = "always",
            description = Color.DESCRIPTION)
    String color = "auto";

    @Option(names = {"-p", "--path"}, paramLabel = "PATH", description = "Specify alternate eventlog name")
    String path = "eventlog";

    @Parameters(paramLabel = "id", description = "The job.")
    String id;

    @Override
    public Integer call() throws FormatException {
        long jobid = jobid(id);
        EventlogFormatter f = new EventlogFormatter().color(Color.use(color, "color"));
        String entries = human ? "text" : format;
        String times = human ? "human" : timeFormat;
        try {
            f.entryFormat(entries);
        } catch (FormatException e) {
            throw fail("invalid format type '%s'", entries);
        }
        try {
            f.timestampFormat(times);
        } catch (FormatException e) {
            throw fail("invalid time-format type '%s'", times);
        }
        byte[] data;
        try {
            data = Kvs.find(handle(), "primary", Jobs.kvsKey(jobid, path));
        } catch (IOException e) {
            throw fail("%s: %s", id, reason(e));
        }
        if (data == null) {
            throw path.equals("eventlog") ? fail("job %s not found", id) : fail("eventlog path %s not found", path);
        }
        for (EventlogEntry e : Eventlog.decode(new String(data, StandardCharsets.UTF_8))) {
            out().print(f.format(e));
        }
        return 0;
    }
}
