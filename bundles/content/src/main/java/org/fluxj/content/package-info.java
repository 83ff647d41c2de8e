/**
 * The content store's engine, without a broker: the cache every rank keeps
 * ({@link org.fluxj.content.ContentCache}) and the durable backing stores of rank 0
 * ({@link org.fluxj.content.SqliteStore}, {@link org.fluxj.content.FilesStore}), as RFC 10 and
 * flux-core's content, content-sqlite and content-files modules. Private to this bundle.
 */
package org.fluxj.content;
