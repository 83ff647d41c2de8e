/**
 * The content store's contract (RFC 10) as the content module sees a backing store: blobs
 * addressed by blobref, and the KVS root checkpoints kept beside them. An acknowledged store
 * or checkpoint is durable: its future completes only after the data reached stable storage.
 */
@Export
@Version("1.0.0")
package org.fluxj.content.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
