/**
 * {@code flux keygen}: CURVE certificates for the overlay.
 */
package org.fluxj.cmd.keygen;
