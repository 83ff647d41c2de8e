/** The content-files broker module: RFC 10's {@code content-backing} service on rank 0. */
package org.fluxj.content.files;
