/**
 * {@code flux hostlist}: hostlists (RFC 29).
 */
package org.fluxj.cmd.hostlist;
