/**
 * {@code flux uptime}: instance state and how long it has run.
 */
package org.fluxj.cmd.uptime;
