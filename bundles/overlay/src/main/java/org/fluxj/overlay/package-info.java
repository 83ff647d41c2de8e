/**
 * The tree-based overlay network (TBON) that joins an instance's brokers, as flux-core's overlay module builds
 * it: a k-ary (or mincrit, binomial, custom) {@link org.fluxj.overlay.Topology}, JeroMQ ROUTER/DEALER
 * sockets secured with CURVE and a ZAP handler that admits only known keys, the overlay.hello / goodbye handshake,
 * HEARTBEAT / STATUS / DISCONNECT control messages, child subtree states (full, partial, degraded, lost,
 * offline), torpid and lost child detection, and {@link org.fluxj.formats.curve.CurveCert} for the certificate
 * file {@code flux keygen} writes. Private to the overlay bundle, which the kernel sees only through its
 * {@code Bootstrap} and {@code OverlayPort} services.
 */
package org.fluxj.overlay;

