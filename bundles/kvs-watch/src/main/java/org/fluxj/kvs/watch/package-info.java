/**
 * The kvs-watch broker module (flux-core src/modules/kvs-watch): lookups that wait for a key,
 * and streaming watches of keys and eventlogs.
 */
package org.fluxj.kvs.watch;
