/** The {@code constraints} frobnicator plugin of job-ingest: queue properties as RFC 31 constraints. */
package org.fluxj.frobnicator.constraints;
