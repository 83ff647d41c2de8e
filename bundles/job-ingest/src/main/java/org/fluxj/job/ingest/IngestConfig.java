package org.fluxj.job.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.fluxj.formats.conf.ConfigKeyException;
import org.fluxj.formats.conf.ConfigTable;
import org.fluxj.kernel.api.ModuleArgs;

/**
 * {@code [ingest]} as job-ingest reads it: the validator and frobnicator plugins by name
 * ({@code [ingest.validator] plugins}, {@code disable}; the same for frobnicator) and
 * {@code batch-count}. Checked whole, against the plugins there are, so a refused reload
 * changes nothing. The module's load arguments, as flux-core's ({@code validator-plugins=LIST},
 * {@code disable-validator}, {@code batch-count=N}), take precedence ({@link #withArgs}).
 */
record IngestConfig(List<String> validators, List<String> frobnicators, int batchCount) {
    static final List<String> DEFAULT_VALIDATORS = List.of("jobspec");
    static final List<String> DEFAULT_FROBNICATORS = List.of("defaults", "constraints");

    static IngestConfig read(JsonNode config, Set<String> validatorNames, Set<String> frobnicatorNames)
            throws ConfigKeyException {
        ConfigTable ingest = ConfigTable.of(config, "ingest").allowOnly("validator", "frobnicator", "batch-count",
                "buffer-size");
        ingest.unsupported("buffer-size");
        int batchCount = (int) ingest.integer("batch-count", 0, 0, Integer.MAX_VALUE);
        List<String> validators = plugins(ingest.table("validator"), DEFAULT_VALIDATORS, validatorNames, "validator");
        // flux-core runs its default frobnicators whenever there are defaults or queues to apply
        boolean policy = !config.path("policy").path("jobspec").path("defaults").isMissingNode()
                || config.path("queues").size() > 0;
        List<String> frobnicators = plugins(ingest.table("frobnicator"), policy ? DEFAULT_FROBNICATORS : List.of(),
                frobnicatorNames, "frobnicator");
        return new IngestConfig(validators, frobnicators, batchCount);
    }

    /** The load arguments job-ingest accepts. */
    static final String[] ARGS = {"validator-plugins=", "disable-validator", "batch-count="};

    /** This configuration as the module's load arguments change it. */
    IngestConfig withArgs(ModuleArgs args, Set<String> validatorNames) {
        List<String> v = validators;
        if (args.has("validator-plugins")) {
            v = List.of(args.value("validator-plugins").get().split(","));
            for (String n : v) {
                if (!validatorNames.contains(n)) {
                    throw new IllegalArgumentException("job-ingest: no validator plugin named '" + n + "'");
                }
            }
        }
        if (args.has("disable-validator")) {
            v = List.of();
        }
        int count = batchCount;
        if (args.has("batch-count")) {
            try {
                count = Integer.parseInt(args.value("batch-count").get());
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 0) {
                throw new IllegalArgumentException("job-ingest: Invalid batch-count: batch-count="
                        + args.value("batch-count").get());
            }
        }
        return new IngestConfig(v, frobnicators, count);
    }

    private static List<String> plugins(ConfigTable t, List<String> dflt, Set<String> known, String family)
            throws ConfigKeyException {
        t.allowOnly("plugins", "args", "disable");
        t.unsupported("args");
        if (t.bool("disable", false)) {
            return List.of();
        }
        List<String> names = t.strings("plugins");
        if (names == null) {
            names = dflt;
        }
        for (String n : names) {
            if (!known.contains(n)) {
                throw new ConfigKeyException(t.key("plugins"), "no " + family + " plugin named '" + n + "'");
            }
        }
        return List.copyOf(names);
    }
}
