package org.fluxj.kernel.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A module's load arguments ({@code flux module load NAME ARGS...}) checked against the ones it
 * knows: {@code key=value} settings and bare flags. Any other argument fails the load with
 * {@code NAME: unknown module option: 'ARG'}, the same for every module, as flux-core's modules
 * refuse what they do not parse.
 */
public final class ModuleArgs {
    private final String module;
    private final Map<String, String> values = new HashMap<>();

    private ModuleArgs(String module) {
        this.module = module;
    }

    /**
     * Reads {@code args}; {@code known} lists what the module accepts, a setting with a trailing
     * {@code =} ({@code "period="}), a flag without ({@code "truncate"}). A repeated one: the
     * last wins.
     */
    public static ModuleArgs parse(String module, List<String> args, String... known) {
        Set<String> accepted = Set.of(known);
        ModuleArgs a = new ModuleArgs(module);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg : arg.substring(0, eq + 1);
            if (!accepted.contains(key)) {
                throw new IllegalArgumentException(module + ": unknown module option: '" + arg + "'");
            }
            a.values.put(eq < 0 ? arg : arg.substring(0, eq), eq < 0 ? "" : arg.substring(eq + 1));
        }
        return a;
    }

    /** The value of {@code key=VALUE}, if given. */
    public Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Whether the flag (or setting) was given. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** An argument's value that the module could not use: {@code NAME: invalid KEY value 'V'}. */
    public IllegalArgumentException invalid(String key) {
        return new IllegalArgumentException(module + ": invalid " + key + " value '" + values.get(key) + "'");
    }
}
