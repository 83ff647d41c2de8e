package org.fluxj.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;

/**
 * What the launcher tells the broker, as OSGi framework properties (strings): the
 * {@code flux broker} command line and the run descriptor's module lists.
 *
 * @param setattr   {@code -S NAME=VALUE} settings, in command-line order
 * @param configPath {@code -c PATH} (else FLUX_CONF_DIR), or null
 * @param conf      {@code --conf VALUE} settings, in command-line order
 * @param program   the initial program's argv, or null if none was given
 * @param verbose   the number of {@code -v}
 * @param home      the fluxj installation (holds {@code etc/flux}), or null
 * @param builtins  module names loaded in the load-builtins state
 * @param rc1Modules module names the default rc1 loads
 * @param bootMethod the bootstrap method ("single" unless a launcher names another)
 */
public record BrokerParams(List<String[]> setattr, String configPath, List<String> conf, List<String> program,
        int verbose, String home, List<String> builtins, List<String> rc1Modules, String bootMethod) {

    public static final String SETATTR = "fluxj.broker.setattr";
    public static final String CONFIG_PATH = "fluxj.broker.config-path";
    public static final String CONF = "fluxj.broker.conf";
    public static final String PROGRAM = "fluxj.broker.program";
    public static final String VERBOSE = "fluxj.broker.verbose";
    public static final String HOME = "fluxj.home";
    public static final String BUILTINS = "fluxj.modules.builtin";
    public static final String RC1_MODULES = "fluxj.modules.rc1";
    public static final String BOOT_METHOD = "fluxj.boot-method";

    /** Reads the parameters from framework properties ({@code BundleContext::getProperty}). */
    public static BrokerParams from(Function<String, String> props) throws FormatException {
        List<String[]> attrs = new ArrayList<>();
        for (String s : strings(props.apply(SETATTR), SETATTR)) {
            int eq = s.indexOf('=');
            attrs.add(eq < 0 ? new String[] {s, ""} : new String[] {s.substring(0, eq), s.substring(eq + 1)});
        }
        String program = props.apply(PROGRAM);
        String verbose = props.apply(VERBOSE);
        String method = props.apply(BOOT_METHOD);
        return new BrokerParams(attrs, props.apply(CONFIG_PATH), strings(props.apply(CONF), CONF),
                program == null ? null : strings(program, PROGRAM),
                verbose == null ? 0 : Integer.parseInt(verbose), props.apply(HOME),
                list(props.apply(BUILTINS)), list(props.apply(RC1_MODULES)),
                method == null || method.isEmpty() ? "single" : method);
    }

    private static List<String> strings(String json, String what) throws FormatException {
        List<String> out = new ArrayList<>();
        if (json == null) {
            return out;
        }
        JsonNode node = Json.parse(json, what);
        for (JsonNode n : node) {
            out.add(n.asText());
        }
        return out;
    }

    private static List<String> list(String commas) {
        List<String> out = new ArrayList<>();
        if (commas != null) {
            for (String s : commas.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }
}
