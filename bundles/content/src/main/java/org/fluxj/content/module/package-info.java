/**
 * The content broker module (RFC 10): the cache of every rank with {@code content.load},
 * {@code content.store}, {@code flush}, {@code dropcache}, {@code stats-get} and checkpoint
 * forwarding, storing through to its parent or, on rank 0, to the backing module.
 */
package org.fluxj.content.module;
