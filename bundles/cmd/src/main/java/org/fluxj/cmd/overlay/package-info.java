/**
 * {@code flux overlay}: the tree-based overlay network: status, errors, topology lookups, disconnect.
 */
package org.fluxj.cmd.overlay;
