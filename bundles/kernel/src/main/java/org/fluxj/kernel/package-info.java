/**
 * The kernel's seams for the bundles that plug into the broker itself rather than into a module:
 * {@link org.fluxj.kernel.Bootstrap} (how a broker finds its rank and peers) and
 * {@link org.fluxj.kernel.OverlayPort}/{@link org.fluxj.kernel.OverlayHost} (the TBON the router
 * routes through), with what they are handed: {@link org.fluxj.kernel.BrokerParams} and the
 * broker's {@link org.fluxj.kernel.Attributes}. The overlay bundle provides them.
 */
@Export
@Version("1.0.0")
package org.fluxj.kernel;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
