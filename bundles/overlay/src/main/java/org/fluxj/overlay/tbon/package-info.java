/**
 * The overlay wired into the broker: the "simple" (PMI) and "config" {@link org.fluxj.kernel.Bootstrap}
 * methods, which set up an {@link org.fluxj.overlay.Overlay} from the boot plan, the
 * {@link org.fluxj.kernel.OverlayPort} the router routes through ({@link org.fluxj.overlay.tbon.BrokerOverlay}),
 * the {@code [tbon]} settings, and the {@code overlay.*} services. Private to the overlay bundle.
 */
package org.fluxj.overlay.tbon;
