/**
 * The Flux client library (flux-core libflux handle.c, rpc.c, future.c): a {@link Handle}
 * opened by URI sends requests and receives responses and events through a
 * {@link Connector} chosen by the URI's scheme ({@code local://} built in, others found with
 * {@link java.util.ServiceLoader}).
 */
@Export
@Version("1.1.0")
package org.fluxj.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
