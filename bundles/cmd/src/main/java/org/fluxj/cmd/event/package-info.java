/**
 * {@code flux event pub|sub}: events.
 */
package org.fluxj.cmd.event;
