package org.fluxj.cmd.exec;

import java.util.function.IntConsumer;

/** Signals for commands that forward them: catching SIGINT/SIGTERM. */
final class Signals {
    private Signals() {
    }

    /**
     * Catches the named signals ("INT", "TERM"): each delivery calls {@code handler} with the
     * signal number (on a JVM signal thread) instead of ending the JVM.
     */
    @SuppressWarnings("restriction")
    static void install(IntConsumer handler, String... names) {
        for (String name : names) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> handler.accept(s.getNumber()));
            } catch (IllegalArgumentException e) {
                // the JVM reserves it (e.g. run with -Xrs): left as it is
            }
        }
    }
}
