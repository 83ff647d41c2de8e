/**
 * The simple PMI-1 wire protocol of RFC 13, shared by {@code flux start} (which serves it to the
 * brokers of a test instance), the broker (which bootstraps through it) and the job shell
 * (which will serve it to MPI programs).
 *
 * <p>{@link org.fluxj.pmi.PmiSimpleServer} is the protocol engine, independent of transport, as
 * flux-core's {@code simple_server.c}; {@link org.fluxj.pmi.PmiSocketServer} carries it over
 * an AF_UNIX or TCP socket; {@link org.fluxj.pmi.PmiClient} is the client side, as
 * {@code simple_client.c}.
 *
 * <p>A JVM can neither hand an arbitrary descriptor to a child nor use one it inherited, so
 * RFC 13's {@code PMI_FD} is not offered. Instead a client connects to a socket named in its
 * environment and identifies itself with MPICH's "port" prefix ({@code cmd=initack
 * pmiid=N}, answered by {@code cmd=initack} and {@code cmd=set size|rank|debug}), after which
 * the conversation is RFC 13's: {@code PMI_PORT=host:port} with {@code PMI_ID} is MPICH's
 * convention (so MPICH-built programs can use it), {@code FLUX_PMI_SOCKET=path} is fluxj's
 * for an AF_UNIX socket.
 */
@Export
@Version("2.0.0")
package org.fluxj.pmi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
