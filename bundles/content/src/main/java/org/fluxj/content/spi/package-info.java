/**
 * What a backing-store module builds on (RFC 10's {@code content-backing} service): the
 * {@link org.fluxj.content.spi.BackingModule} base that serves a
 * {@link org.fluxj.content.api.BackingStore} on rank 0, and
 * {@link org.fluxj.content.spi.GroupCommitStore}, the writer thread and group commit that make
 * a store's acknowledgements durable. content-sqlite and content-files each own their store
 * and share only this package.
 */
@Export
@Version("2.0.0")
package org.fluxj.content.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
