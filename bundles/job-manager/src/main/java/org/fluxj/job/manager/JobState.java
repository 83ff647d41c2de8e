package org.fluxj.job.manager;

/** The job states of RFC 21, with flux-core's names and bit values. */
enum JobState {
    NEW(1), DEPEND(2), PRIORITY(4), SCHED(8), RUN(16), CLEANUP(32), INACTIVE(64);

    final int bit;

    JobState(int bit) {
        this.bit = bit;
    }
}
