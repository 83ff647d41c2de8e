/**
 * {@code flux content}, {@code flux dump}, {@code flux restore}: the content store (RFC 10) and KVS snapshots as tar archives.
 */
package org.fluxj.cmd.content;
