package org.fluxj.rexec;

/** The {@code flags} and {@code local_flags} bits of an RFC 42 exec request. */
public final class RexecFlags {
    /** Forward standard output. */
    public static final int STDOUT = 1;
    /** Forward standard error. */
    public static final int STDERR = 2;
    /** Forward auxiliary channel output. */
    public static final int CHANNEL = 4;
    /** Send {@code add-credit} responses for stdin. */
    public static final int WRITE_CREDIT = 8;
    /** The (background) process may be waited on. */
    public static final int WAITABLE = 16;

    /** local_flags: the child inherits the server's stdin, stdout and stderr. */
    public static final int LOCAL_STDIO_FALLTHROUGH = 1;
    /** local_flags: no process group of its own; signals go to the pid alone. */
    public static final int LOCAL_NO_SETPGRP = 2;
    /** local_flags: fork/exec rather than posix_spawn (no difference here). */
    public static final int LOCAL_FORK_EXEC = 4;

    static final int LOCAL_VALID = LOCAL_STDIO_FALLTHROUGH | LOCAL_NO_SETPGRP | LOCAL_FORK_EXEC;

    private RexecFlags() {
    }
}
