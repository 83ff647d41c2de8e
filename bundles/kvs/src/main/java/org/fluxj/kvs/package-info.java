/**
 * The kvs broker module (RFC 11, flux-core src/modules/kvs): hash-tree namespaces in the content
 * store, commits applied in batches and made durable before they are answered, lookups at a root,
 * root checkpoints.
 */
package org.fluxj.kvs;
