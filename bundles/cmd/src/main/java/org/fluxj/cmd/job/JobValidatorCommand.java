package org.fluxj.cmd.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.cmd.Argparse;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.proc.Identity;
import org.fluxj.job.ingest.api.JobPlugins;
import org.fluxj.job.ingest.api.JobRejectedException;
import org.fluxj.job.ingest.api.JobValidator;
import org.fluxj.job.ingest.api.SubmitContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flux job-validator}: flux-core's validator program, run by hand. Reads one JSON
 * request a line ({@code {jobspec, userid, rolemask, urgency, flags}}, or with
 * {@code --jobspec-only} a bare jobspec) and prints one result a line ({@code {"errnum": 0}}
 * or {@code {"errnum": N, "errstr": "..."}}). The validators are the plugin bundles on the
 * command's class path, found with ServiceLoader; no instance is needed.
 */
@Command(name = "job-validator", description = "Validate Flux jobs from lines of JSON input on stdin")
public final class JobValidatorCommand extends AbstractCommand implements Argparse {

    @Option(names = "--jobspec-only", description = "Expect only JSON encoded jobspec on stdin")
    boolean jobspecOnly;

    @Option(names = "--list-plugins", description = "List available validator plugins and exit")
    boolean listPlugins;

    @Option(names = "--plugins", paramLabel = "LIST", split = ",",
            description = "Load validator plugins from comma-separated list (default: jobspec)")
    List<String> plugins = List.of("jobspec");

    @Override
    public Integer call() throws IOException {
        Map<String, JobValidator> available = new LinkedHashMap<>();
        for (JobValidator v : ServiceLoader.load(JobValidator.class, JobValidatorCommand.class.getClassLoader())) {
            available.put(JobPlugins.nameOf(v), v);
        }
        if (listPlugins) {
            out().println("Available plugins:");
            available.values().forEach(v -> out().printf("%-20s  %s%n", JobPlugins.nameOf(v), JobPlugins.descriptionOf(v)));
            return 0;
        }
        for (String p : plugins) {
            if (!available.containsKey(p)) {
                throw fail("ERROR: Failed to load plugin %s", p);
            }
        }
        int status = 0;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            ObjectNode result = validate(line, available);
            if (jobspecOnly && result.path("errnum").asInt() != 0) {
                status = 1;
            }
            out().println(Json.encode(result));
            out().flush();
        }
        return status;
    }

    private ObjectNode validate(String line, Map<String, JobValidator> available) throws IOException {
        ObjectNode result = Json.object();
        try {
            JsonNode in = Json.parse(line, "input");
            JsonNode jobspec = jobspecOnly ? in : in.path("jobspec");
            SubmitContext ctx = jobspecOnly
                    ? new SubmitContext(Identity.uid(), 0, 16, 0, Json.object())
                    : new SubmitContext(in.path("userid").asLong(Identity.uid()), in.path("rolemask").asInt(),
                            in.path("urgency").asInt(16), in.path("flags").asInt(), Json.object());
            for (String p : plugins) {
                available.get(p).validate(jobspec, ctx);
            }
            result.put("errnum", 0);
        } catch (FormatException e) {
            result.put("errnum", 22);
            result.put("errstr", e.getMessage());
        } catch (JobRejectedException e) {
            result.put("errnum", e.errnum());
            result.put("errstr", e.getMessage());
        }
        return result;
    }
}
