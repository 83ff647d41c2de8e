/**
 * The resource broker module (flux-core src/modules/resource): the instance's R (RFC 20) from
 * configuration, the KVS or this host, {@code resource.eventlog} with drain and undrain, and
 * the {@code resource.status}, {@code resource.sched-status}, {@code resource.drain} and
 * {@code resource.undrain} services. Private: other bundles reach it by messages only.
 */
package org.fluxj.resource;
