/**
 * {@code flux exec} and {@code flux sproc}: processes of the brokers' subprocess servers (RFC 42).
 */
package org.fluxj.cmd.exec;
