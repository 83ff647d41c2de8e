package org.fluxj.job.ingest.api;

/**
 * A plugin refused a job: the message is what the submitter is told, in Flux's words (one line),
 * and {@code errnum} the errno the submission fails with (EINVAL unless the plugin says).
 */
public class JobRejectedException extends Exception {
    private static final long serialVersionUID = 1L;
    /** EINVAL, what flux-core's plugins reject with. */
    public static final int EINVAL = 22;

    private final int errnum;

    public JobRejectedException(String message) {
        this(EINVAL, message);
    }

    public JobRejectedException(int errnum, String message) {
        super(message);
        this.errnum = errnum;
    }

    public int errnum() {
        return errnum;
    }
}
