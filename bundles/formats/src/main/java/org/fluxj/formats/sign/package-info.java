/**
 * RFC 12 signed job requests, mechanism {@code none} as flux-core's {@code sign_none} makes
 * them: what {@code flux submit} sends as J and job-ingest unwraps.
 */
@Export
@Version("1.0.0")
package org.fluxj.formats.sign;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
