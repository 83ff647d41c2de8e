package org.fluxj.formats.jobspec;

/**
 * The flags a job is submitted with (flux-core's {@code flux_job_submit} flags), as job-ingest
 * receives them and the submit event records them.
 */
public final class SubmitFlags {
    /** Emit debug events (the {@code debug} flag of {@code --flags}). */
    public static final int DEBUG = 2;
    /** The job may be waited for ({@code flux job wait}); the instance owner's only. */
    public static final int WAITABLE = 4;
    /** Skip the validators; the instance owner's only. */
    public static final int NOVALIDATE = 8;
    /** Every flag a submission may carry. */
    public static final int ALL = DEBUG | WAITABLE | NOVALIDATE;

    private SubmitFlags() {
    }
}
