/**
 * The content store as a client sees it (RFC 10, flux-core libcontent): blobs loaded and
 * stored one at a time ({@link org.fluxj.client.content.Content}) or many in flight at once
 * ({@link org.fluxj.client.content.BlobLoader}, {@link org.fluxj.client.content.BlobStorer}),
 * as flux dump and flux restore move whole trees.
 */
@Export
@Version("1.0.0")
package org.fluxj.client.content;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
