/**
 * The content store's cache ({@link org.fluxj.content.ContentCache}), which the content module
 * keeps on every rank, as flux-core's content module does. Private to this bundle; the backing
 * stores of rank 0 live in the content-sqlite and content-files bundles.
 */
package org.fluxj.content;
