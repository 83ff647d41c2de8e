/**
 * The KVS as a client sees it (flux-core libkvs): lookups and watches ({@link
 * org.fluxj.client.kvs.Kvs}), transactions built op by op and committed ({@link
 * org.fluxj.client.kvs.KvsTxn}), and the root checkpoints the content backing store keeps
 * ({@link org.fluxj.client.kvs.KvsCheckpoint}). Tree objects are RFC 11's, from
 * {@code org.fluxj.formats.treeobj}.
 */
@Export
@Version("1.0.0")
package org.fluxj.client.kvs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
