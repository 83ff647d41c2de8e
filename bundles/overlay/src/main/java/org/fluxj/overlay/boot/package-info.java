/**
 * How brokers find each other: this broker's rank, size, peers and endpoints, from a
 * {@code [bootstrap]} table ({@link org.fluxj.overlay.boot.BootstrapConfig}, as flux-core's
 * conf_bootstrap.c and boot_config.c) or from a PMI exchange of business cards
 * ({@link org.fluxj.overlay.boot.PmiBoot}, as flux-core's boot_pmi.c). The tree shape comes
 * from the overlay's topology through {@link org.fluxj.overlay.boot.TreeShape}.
 */
package org.fluxj.overlay.boot;
