/**
 * {@code flux admin}: instance administration (flux-core's flux-admin.py).
 */
package org.fluxj.cmd.admin;
