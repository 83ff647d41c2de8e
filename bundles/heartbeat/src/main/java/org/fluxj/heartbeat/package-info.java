/**
 * The heartbeat broker module (flux-core src/modules/heartbeat): rank 0 publishes
 * {@code heartbeat.pulse} events every {@code [heartbeat] period}. The smallest complete module,
 * and the one to copy when writing a new one.
 */
package org.fluxj.heartbeat;
