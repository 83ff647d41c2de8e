/**
 * {@code flux kvs}: the KVS (RFC 11), over the client library's {@code org.fluxj.client.kvs}.
 */
package org.fluxj.cmd.kvs;
