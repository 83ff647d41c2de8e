/**
 * {@code flux ping}: round trips to a service.
 */
package org.fluxj.cmd.ping;
