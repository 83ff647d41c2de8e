package org.fluxj.launcher;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code flux broker} command line, as flux-broker(1): {@code -S/--setattr ATTR=VAL},
 * {@code -c/--config-path PATH}, {@code --conf VALUE}, {@code -v/--verbose}, {@code -h/--help}, then the initial
 * program and its arguments (options stop at the first non-option or {@code --}).
 */
final class BrokerArgs {
    final List<String> setattr = new ArrayList<>();
    final List<String> conf = new ArrayList<>();
    String configPath;
    int verbose;
    boolean help;
    List<String> program; // null: none given

    static final String USAGE = "Usage: flux-broker [OPTIONS] [initial-command ...]\n"
            + "  -h, --help                 Display this message.\n"
            + "  -v, --verbose              Be annoyingly chatty\n"
            + "  -S, --setattr=ATTR=VAL     Set broker attribute\n"
            + "  -c, --config-path=PATH     Set broker config from PATH (default: none)\n"
            + "      --conf=VALUE           Update broker config from VALUE (KEY=VAL, inline\n"
            + "                             TOML or JSON, or a file; may be repeated)\n";

    static BrokerArgs parse(String[] argv) throws IllegalArgumentException {
        BrokerArgs a = new BrokerArgs();
        int i = 0;
        for (; i < argv.length; i++) {
            String s = argv[i];
            if (s.equals("--")) {
                i++;
                break;
            }
            if (!s.startsWith("-") || s.equals("-")) {
                break;
            }
            if (s.equals("-h") || s.equals("--help")) {
                a.help = true;
            } else if (s.equals("-v") || s.equals("--verbose")) {
                a.verbose++;
            } else if (s.startsWith("-vv")) {
                a.verbose += s.length() - 1;
            } else if (s.equals("-S") || s.equals("--setattr")) {
                a.setattr.add(value(argv, ++i, s));
            } else if (s.startsWith("--setattr=")) {
                a.setattr.add(s.substring("--setattr=".length()));
            } else if (s.startsWith("-S")) {
                a.setattr.add(s.substring(2));
            } else if (s.equals("--conf")) {
                a.conf.add(value(argv, ++i, s));
            } else if (s.startsWith("--conf=")) {
                a.conf.add(s.substring("--conf=".length()));
            } else if (s.equals("-c") || s.equals("--config-path")) {
                a.configPath = value(argv, ++i, s);
            } else if (s.startsWith("--config-path=")) {
                a.configPath = s.substring("--config-path=".length());
            } else if (s.startsWith("-c")) {
                a.configPath = s.substring(2);
            } else {
                throw new IllegalArgumentException("unrecognized option '" + s + "'");
            }
        }
        for (String kv : a.setattr) {
            if (kv.indexOf('=') <= 0) {
                throw new IllegalArgumentException("error parsing --setattr=" + kv);
            }
        }
        if (i < argv.length) {
            a.program = List.of(argv).subList(i, argv.length);
        }
        return a;
    }

    private static String value(String[] argv, int i, String opt) {
        if (i >= argv.length) {
            throw new IllegalArgumentException("option '" + opt + "' requires an argument");
        }
        return argv[i];
    }
}
