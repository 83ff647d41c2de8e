/** The {@code jobspec} validator plugin of job-ingest: RFC 14 and RFC 25. */
package org.fluxj.validator.jobspec;
