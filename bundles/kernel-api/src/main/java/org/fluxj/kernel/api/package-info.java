/**
 * What a broker module sees of the broker (RFC 5, RFC 6): {@link BrokerModule} is the service a
 * module bundle provides; {@link ModuleContext} is its handle on the broker, used only from the
 * module's own thread.
 */
@Export
@Version("1.3.0")
package org.fluxj.kernel.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
