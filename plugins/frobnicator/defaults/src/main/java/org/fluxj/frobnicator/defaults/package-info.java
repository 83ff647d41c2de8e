/** The {@code defaults} frobnicator plugin of job-ingest: {@code [policy.jobspec.defaults]}. */
package org.fluxj.frobnicator.defaults;
