/**
 * {@code flux dmesg} and {@code flux logger}: the broker's log ring buffer.
 */
package org.fluxj.cmd.log;
