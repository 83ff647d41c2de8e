/**
 * The tree-based overlay network (TBON) that joins an instance's brokers, as flux-core's overlay module builds
 * it: a k-ary (or mincrit, binomial, custom) {@link org.fluxj.kernel.overlay.Topology}, JeroMQ ROUTER/DEALER
 * sockets secured with CURVE and a ZAP handler that admits only known keys, the overlay.hello / goodbye handshake,
 * HEARTBEAT / STATUS / DISCONNECT control messages, child subtree states (full, partial, degraded, lost,
 * offline), torpid and lost child detection, and {@link org.fluxj.formats.curve.CurveCert} for the certificate
 * file {@code flux keygen} writes. Private to the kernel bundle; the router drives
 * {@link org.fluxj.kernel.overlay.Overlay}.
 */
package org.fluxj.kernel.overlay;

