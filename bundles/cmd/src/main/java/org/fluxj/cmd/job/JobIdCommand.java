package org.fluxj.cmd.job;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.fluid.FluidEncoding;
import org.fluxj.formats.fluid.JobId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux job id [--to=FORM] [ID...]}: converts job ids given in any form to one form, as
 * flux-core's {@code flux job id}. Without arguments, ids are read from stdin one per line.
 * At least one id must be converted for success.
 */
@Command(name = "id", description = "Convert jobid(s) to another form.")
final class JobIdCommand extends AbstractCommand {

    @Option(names = {"-t", "--to"}, paramLabel = "dec|kvs|hex|dothex|words|f58",
            description = "Convert jobid to specified form (also f58plain, emoji).")
    String to = "dec";

    @Parameters(paramLabel = "ID", arity = "0..*", description = "Job ids in any form.")
    List<String> ids = List.of();

    @Override
    public Integer call() throws IOException {
        int status = 1;
        if (ids.isEmpty()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out().println(convert(trim(line)));
                status = 0;
            }
        } else {
            for (String id : ids) {
                out().println(convert(id));
                status = 0;
            }
        }
        return status;
    }

    private String convert(String src) {
        long id;
        try {
            id = JobId.parse(src);
        } catch (FormatException e) {
            throw fail("%s: malformed input", src);
        }
        FluidEncoding form;
        try {
            form = FluidEncoding.fromName(to);
        } catch (FormatException e) {
            throw fail("Unknown to=%s", to);
        }
        return JobId.encode(id, form);
    }

    /** White space off both ends, as flux-job's trim_string. */
    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (end > start && isCSpace(s.charAt(end - 1))) {
            end--;
        }
        while (start < end && isCSpace(s.charAt(start))) {
            start++;
        }
        return s.substring(start, end);
    }

    private static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }
}
