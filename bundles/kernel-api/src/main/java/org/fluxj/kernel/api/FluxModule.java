package org.fluxj.kernel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.annotation.bundle.Header;

/**
 * Names the broker module a class provides -- the one declaration of a module's name. bnd
 * writes it into the bundle's {@code Flux-Module} manifest header (how {@code flux module load
 * NAME} finds the bundle, and why the launcher installs it without starting it), and
 * {@link BrokerModule#name()} reads it at run time.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Header(name = FluxModule.HEADER, value = "${#value}")
public @interface FluxModule {
    /** The manifest header naming the module a bundle provides. */
    String HEADER = "Flux-Module";

    /** The module's name, which is also its service name ({@code kvs}, {@code content}). */
    String value();
}
