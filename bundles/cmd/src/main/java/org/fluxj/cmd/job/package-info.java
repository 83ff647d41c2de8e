/**
 * Job commands: {@code flux job} and its subcommands, {@code flux submit}, {@code flux run}. The
 * job commands still to come ({@code flux jobs}, {@code flux cancel}, {@code flux job attach},
 * {@code flux batch}, {@code flux alloc}, ...) go here, each one class over
 * {@link org.fluxj.cmd.AbstractCommand} (or {@link org.fluxj.cmd.job.AbstractSubmissionCommand}
 * for those that submit), listed in {@link org.fluxj.cmd.job.JobCommand}'s table or, for a
 * top-level command, in {@link org.fluxj.cmd.Flux}'s.
 */
package org.fluxj.cmd.job;
