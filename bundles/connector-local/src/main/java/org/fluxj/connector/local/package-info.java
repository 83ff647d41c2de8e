/**
 * The connector-local broker module (flux-core src/modules/connector-local): local clients
 * connect to the AF_UNIX socket named by the {@code local-uri} attribute and exchange RFC 3
 * messages in flux-core's stream framing; each peer is identified by SO_PEERCRED and given
 * the owner or guest role under {@code [access]}.
 */
package org.fluxj.connector.local;
