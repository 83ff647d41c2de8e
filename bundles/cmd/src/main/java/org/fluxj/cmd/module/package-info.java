/**
 * {@code flux module}: load, remove, reload, list and inspect broker modules.
 */
package org.fluxj.cmd.module;
