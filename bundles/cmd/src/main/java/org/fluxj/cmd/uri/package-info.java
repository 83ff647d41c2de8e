/**
 * {@code flux uri}: resolve a target to a URI.
 */
package org.fluxj.cmd.uri;
