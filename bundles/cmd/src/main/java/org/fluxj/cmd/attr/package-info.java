/**
 * {@code flux getattr}, {@code setattr}, {@code lsattr}: broker attributes.
 */
package org.fluxj.cmd.attr;
