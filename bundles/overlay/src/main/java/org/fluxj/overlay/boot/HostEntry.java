package org.fluxj.overlay.boot;

/**
 * One host of an expanded {@code [bootstrap] hosts} array, its rank being its index, with
 * {@code %h}/{@code %p} already substituted. {@code bind}, {@code connect} and {@code parent}
 * may be null.
 */
public record HostEntry(String host, String bind, String connect, String parent) {
}
