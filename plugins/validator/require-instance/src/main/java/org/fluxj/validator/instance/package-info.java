/** The {@code require-instance} validator plugin of job-ingest: only new Flux instances. */
package org.fluxj.validator.instance;
