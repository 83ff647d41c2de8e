package org.fluxj.rexec;

/** Delivers signals: {@code kill(2)} to a pid, or {@code killpg(2)} to the group it leads. */
interface Signaller extends AutoCloseable {

    /**
     * Sends {@code signum} to {@code pid}, or to process group {@code pid} if {@code group}.
     *
     * @throws RexecException with the errno kill(2) gave (ESRCH, EPERM, EINVAL) and a text
     *     "kill: ..." or "killpg: ..." as flux-core words it
     */
    void kill(int pid, int signum, boolean group) throws RexecException;

    @Override
    void close();
}
