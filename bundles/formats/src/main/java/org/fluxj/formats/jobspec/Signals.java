package org.fluxj.formats.jobspec;

import java.math.BigInteger;
import java.util.Map;
import org.fluxj.formats.FormatException;

/** Linux signal names and numbers, as Python's {@code signal} module has them. */
final class Signals {
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("SIGHUP", 1), Map.entry("SIGINT", 2), Map.entry("SIGQUIT", 3), Map.entry("SIGILL", 4),
            Map.entry("SIGTRAP", 5), Map.entry("SIGABRT", 6), Map.entry("SIGIOT", 6), Map.entry("SIGBUS", 7),
            Map.entry("SIGFPE", 8), Map.entry("SIGKILL", 9), Map.entry("SIGUSR1", 10), Map.entry("SIGSEGV", 11),
            Map.entry("SIGUSR2", 12), Map.entry("SIGPIPE", 13), Map.entry("SIGALRM", 14), Map.entry("SIGTERM", 15),
            Map.entry("SIGSTKFLT", 16), Map.entry("SIGCHLD", 17), Map.entry("SIGCLD", 17), Map.entry("SIGCONT", 18),
            Map.entry("SIGSTOP", 19), Map.entry("SIGTSTP", 20), Map.entry("SIGTTIN", 21), Map.entry("SIGTTOU", 22),
            Map.entry("SIGURG", 23), Map.entry("SIGXCPU", 24), Map.entry("SIGXFSZ", 25), Map.entry("SIGVTALRM", 26),
            Map.entry("SIGPROF", 27), Map.entry("SIGWINCH", 28), Map.entry("SIGIO", 29), Map.entry("SIGPOLL", 29),
            Map.entry("SIGPWR", 30), Map.entry("SIGSYS", 31), Map.entry("SIGRTMIN", 34), Map.entry("SIGRTMAX", 64),
            Map.entry("SIG_DFL", 0), Map.entry("SIG_IGN", 1));

    private Signals() {
    }

    /** flux-core's {@code decode_signal}: a number, a name such as SIGUSR1, or one without SIG. */
    static long decode(String val) throws FormatException {
        BigInteger n = Py.parseInt(val);
        if (n != null) {
            return n.bitLength() > 63 ? Long.MAX_VALUE : n.longValue();
        }
        Integer s = NUMBERS.get(val);
        if (s == null) {
            s = NUMBERS.get("SIG" + val);
        }
        if (s == null) {
            throw new FormatException("signal '" + val + "' is invalid");
        }
        return s;
    }
}
