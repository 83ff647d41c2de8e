/**
 * KVS tree objects (RFC 11) and the blobrefs that address content (RFC 10), as flux-core's
 * {@code libkvs/treeobj.c} and {@code libutil/blobref.c} define, parse and encode them; and KVS
 * key normalization as {@code kvs_util_normalize_key}; libkvs's lookup and commit flags.
 */
@Export
@Version("1.1.0")
package org.fluxj.formats.treeobj;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
