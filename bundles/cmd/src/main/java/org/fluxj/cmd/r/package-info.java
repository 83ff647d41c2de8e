/**
 * {@code flux R}: resource sets (RFC 20).
 */
package org.fluxj.cmd.r;
