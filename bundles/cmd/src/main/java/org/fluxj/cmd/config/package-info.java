/**
 * {@code flux config}: the broker's live configuration, and TOML files read as the broker reads them.
 */
package org.fluxj.cmd.config;
