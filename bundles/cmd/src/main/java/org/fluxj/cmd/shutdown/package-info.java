/**
 * {@code flux shutdown}: stop an instance.
 */
package org.fluxj.cmd.shutdown;
