/**
 * {@code flux start}: start an instance (brokers, PMI, the initial program).
 */
package org.fluxj.cmd.start;
