/**
 * {@code flux env}: the environment flux sets for the commands it runs.
 */
package org.fluxj.cmd.env;
