/**
 * {@code flux version}.
 */
package org.fluxj.cmd.version;
